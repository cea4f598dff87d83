namespace NanoLsp.Model;

/// <summary>
/// The model's turn-taking: one piece of work at a time (the prefix cache is shared state), in the order asked, except
/// that urgent work goes before every queued normal one. Urgent is what a user waits on beside something else: a
/// completion list's ranking, a few short passes, while a ghost text's generation runs tens of milliseconds (while
/// typing on dotnet/docfx a list at a word's first letter waited 25-110 ms for the model, behind the generation of the
/// same keystroke). Work that runs is never interrupted.
/// Hand-written: SemaphoreSlim has one first-come queue, and no library served here offers an async lock with two.
/// </summary>
internal sealed class ModelGate
{
    private readonly Lock _lock = new();
    private bool _held;
    private bool _closed;
    private readonly LinkedList<TaskCompletionSource> _urgent = new();
    private readonly LinkedList<TaskCompletionSource> _normal = new();

    /// <summary>Waits for the turn; the caller then owns the model until <see cref="Exit"/>. A cancelled wait leaves the queue
    /// and throws <see cref="OperationCanceledException"/>.</summary>
    public async Task EnterAsync(bool urgent, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (!_held)
            {
                _held = true;
                return;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (urgent ? _urgent : _normal).AddLast(waiter);
        }
        using var leave = cancellation.Register(() =>
        {
            lock (_lock)
            {
                // Still queued: it leaves. Already given the turn (no longer in a list): it keeps it and exits after its work.
                if (node.List is null) return;
                node.List.Remove(node);
            }
            waiter.TrySetCanceled(cancellation);
        });
        await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>The model is unloaded (its owner holds the turn, for good): every waiter and every later caller gets
    /// <see cref="ObjectDisposedException"/>, which the server takes as "the model was replaced".</summary>
    public void Close()
    {
        List<TaskCompletionSource> waiting;
        lock (_lock)
        {
            _closed = true;
            waiting = [.. _urgent, .. _normal];
            _urgent.Clear();
            _normal.Clear();
        }
        foreach (var waiter in waiting)
            waiter.TrySetException(new ObjectDisposedException(nameof(LanguageModel), "The model has been unloaded."));
    }

    /// <summary>Gives the turn to the first urgent waiter, else the first normal one, else frees the model.</summary>
    public void Exit()
    {
        TaskCompletionSource next;
        lock (_lock)
        {
            var first = _urgent.First ?? _normal.First;
            if (first is null)
            {
                _held = false;
                return;
            }
            first.List!.Remove(first);
            next = first.Value;
        }
        next.TrySetResult(); // the turn passes to it: the model stays held
    }
}
