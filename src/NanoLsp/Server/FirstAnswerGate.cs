namespace NanoLsp.Server;

/// <summary>
/// Holds background work (the model load, the composition of Roslyn's code-fix providers) until the first
/// diagnostics have been computed, or <see cref="MaxWait"/> at most. On two cores that work otherwise competes
/// with the first compile of the opened file, which is the answer a user opening a folder waits for; ghost text
/// and quick fixes come a moment later instead.
/// </summary>
public sealed class FirstAnswerGate
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by the diagnostics paths (push and pull) each time they answer; only the first counts.</summary>
    public void FirstDiagnosticsComputed() => _opened.TrySetResult();

    /// <summary>Completes when the first diagnostics are in or <see cref="MaxWait"/> has passed, whichever is first.</summary>
    public async Task WaitAsync()
    {
        await Task.WhenAny(_opened.Task, Task.Delay(MaxWait)).ConfigureAwait(false);
    }
}
