using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// The member monitor while Roslyn still makes it: the engine can take the prompt (prefill) on its thread while the
/// monitor's semantic model is made on the pool, and waits for the monitor only before the first token it masks. After
/// a keystroke each costs about 10 ms on a 2-core laptop, and on the first keystrokes in a newly opened file far more.
/// A monitor that could not be made (cancelled, or failed) fails the generation as making it first did.
/// </summary>
public sealed class PendingMonitor(Task<MemberMonitor?> making) : IForcingTokenMask
{
    /// <summary>How long the engine waited for the monitor to be made (milliseconds).</summary>
    public double WaitedMs { get; private set; }

    /// <summary>The monitor's figures, once it was made; null while it is not (or it is none: no monitor there).</summary>
    public MonitorStats? Stats => making.IsCompletedSuccessfully ? making.Result?.Stats : null;

    public ReadOnlySpan<byte> Forced => making.IsCompletedSuccessfully && making.Result is { } monitor ? monitor.Forced : [];

    public void Apply(TokenMaskContext context, Span<float> logits)
    {
        if (!making.IsCompleted)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            // On the model's own thread (ModelThread): blocking it holds no pool thread, and nothing else runs there.
            // A monitor that failed throws here, as its own exception.
            var made = making.GetAwaiter().GetResult();
            WaitedMs += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            made?.Apply(context, logits);
            return;
        }
        making.GetAwaiter().GetResult()?.Apply(context, logits);
    }
}
