using System.Collections.Concurrent;

namespace NanoLsp.Model;

/// <summary>
/// The one thread a model's native work runs on: session creation and every run.
/// <para>
/// Why not the thread pool: on CPUs with AMX (Intel Sapphire Rapids and later) ONNX Runtime's int8 kernels use
/// the AMX tiles, and from then on the kernel saves about 11 KB of register state on every signal delivered to that
/// thread. The .NET runtime turns a null dereference into a NullReferenceException from a SIGSEGV handler running
/// on a per-thread alternate signal stack sized for smaller frames; on a thread that once ran the model, the
/// handler overflows that stack and the whole process dies (exit 139) instead of throwing. A pool thread that ran
/// the model then took any null dereference (seen: a NuGet analyzer in the user's project, deterministic after
/// 1,276 soak keystrokes on CsvHelper; reproduced with the model and one NullReferenceException on the pool).
/// Running the model on its own thread keeps AMX state off every other thread; that thread gets a signal stack
/// large enough for the frame (<see cref="SignalStack"/>), so a bug in our own decoding code is an exception too.
/// </para>
/// Work runs in the order given; callers wait on tasks whose continuations run on the pool.
/// </summary>
public sealed class ModelThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public ModelThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the model thread after what is already queued.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId)
        {
            // Already on it (work queued from work): run inline rather than wait on ourselves.
            Complete(done, work);
            return done.Task;
        }
        try
        {
            _work.Add(() => Complete(done, work));
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(ModelThread), "The model has been unloaded.");
        }
        return done.Task;
    }

    /// <summary>As <see cref="RunAsync{T}"/>, waiting for the answer (loading, tools and tests).</summary>
    public T Run<T>(Func<T> work) => RunAsync(work).GetAwaiter().GetResult();

    private static void Complete<T>(TaskCompletionSource<T> done, Func<T> work)
    {
        try
        {
            done.SetResult(work());
        }
        catch (Exception e)
        {
            done.SetException(e);
        }
    }

    private void Loop()
    {
        SignalStack.EnlargeForCurrentThread();
        foreach (var item in _work.GetConsumingEnumerable())
            item();
    }

    /// <summary>Lets queued work finish, then ends the thread.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        // From the thread itself (work that unloads the model) the loop ends after this item.
        if (Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
            _thread.Join();
    }
}
