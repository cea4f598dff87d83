using NanoLsp.Model;
using NanoLsp.Server;

namespace NanoLsp.Features.InlineCompletion.Routing;

/// <summary>
/// The routing policy, as one backend for the pipeline: it picks the backends to ask for one request and in what
/// order (<see cref="Plan"/>), asks them, and fails over to the local model, so ghost text never stops because a
/// remote did. With hedging, a remote that has not answered after <c>hedgeAfterMs</c> has the local model start too;
/// the first valid answer (a non-empty candidate) wins and the other is cancelled. A remote that lost such a race is
/// not cancelled at once: it runs until its answer is due, so that a slow server is seen as one (its circuit opens).
/// Hand-written: no library routes between completion models by these rules; health is Polly's (RemoteCompletionBackend).
/// The prompt windows are budgeted with the local model's tokenizer, so the local model must be loaded.
/// </summary>
public sealed class BackendRouter(LocalModelBackend local, LatencyMean localLatency, IReadOnlyList<RemoteCompletionBackend> remotes,
    RoutingPolicy policy, TimeSpan? hedgeAfter, bool invoked, Logging.ILog log) : ICompletionBackend
{
    public NanoTokenizer Tokenizer => local.Tokenizer;

    public int ContextLength => local.ContextLength;

    public ShowPolicy ShowPolicy => local.ShowPolicy;

    /// <summary>The remotes to ask before the local model (in order), and whether the local model goes first.</summary>
    public static (IReadOnlyList<RemoteCompletionBackend> Remotes, bool LocalFirst) Plan(IReadOnlyList<RemoteCompletionBackend> remotes,
        RoutingPolicy policy, bool invoked, double? localLatencyMs)
    {
        var fitting = remotes.Where(r => r.Fits(invoked) && r.Healthy).ToList();
        return policy switch
        {
            RoutingPolicy.LocalFirst => (fitting, true),
            RoutingPolicy.RemoteForInvoked => (invoked ? fitting : [], false),
            // Unmeasured backends first (each is tried once to learn its latency), then the faster; the local model
            // goes first when it is faster than every remote.
            RoutingPolicy.FastestHealthy => Fastest(fitting, localLatencyMs),
            _ => (fitting, false),
        };
    }

    private static (IReadOnlyList<RemoteCompletionBackend>, bool) Fastest(List<RemoteCompletionBackend> fitting, double? localLatencyMs)
    {
        var ordered = fitting.OrderBy(r => r.LatencyMs ?? -1).ToList();
        bool localFirst = localLatencyMs is { } localMs && ordered.All(r => r.LatencyMs is { } ms && ms >= localMs);
        return (ordered, localFirst);
    }

    public async Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken)
    {
        var (plan, localFirst) = Plan(remotes, policy, invoked, localLatency.Value);
        if (localFirst)
        {
            var answer = await AskLocalAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsValid(answer)) return answer;
            foreach (var remote in plan)
            {
                if (await TryRemoteAsync(remote, request, cancellationToken).ConfigureAwait(false) is { } remoteAnswer && IsValid(remoteAnswer))
                    return remoteAnswer;
            }
            return answer;
        }
        foreach (var remote in plan)
        {
            var answer = hedgeAfter is { } delay
                ? await HedgeAsync(remote, delay, request, cancellationToken).ConfigureAwait(false)
                : await TryRemoteAsync(remote, request, cancellationToken).ConfigureAwait(false);
            if (answer is not null && (IsValid(answer) || answer.Backend == "local")) return answer;
        }
        return await AskLocalAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The remote, and the local model too once <paramref name="delay"/> has passed without a valid remote
    /// answer (at once when the remote fails); the first valid answer wins.</summary>
    private async Task<BackendAnswer?> HedgeAsync(RemoteCompletionBackend remote, TimeSpan delay, BackendRequest request, CancellationToken ct)
    {
        var remoteTask = TryRemoteAsync(remote, request, ct);
        // A remote left running (it lost the race, or the request ended) may still end cancelled: observed here.
        _ = remoteTask.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        if (await Task.WhenAny(remoteTask, Task.Delay(delay, ct)).ConfigureAwait(false) == remoteTask && await remoteTask is { } early && IsValid(early))
            return early;
        ct.ThrowIfCancellationRequested();
        using var localCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<BackendAnswer?> localTask = AskLocalAsync(request, localCancel.Token)!;
        if (!remoteTask.IsCompleted && await Task.WhenAny(remoteTask, localTask).ConfigureAwait(false) == remoteTask
            && await remoteTask is { } remoteAnswer && IsValid(remoteAnswer))
        {
            await localCancel.CancelAsync().ConfigureAwait(false);
            _ = localTask.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // cancelled: nothing to report
            return remoteAnswer;
        }
        return await localTask.ConfigureAwait(false);
    }

    /// <summary>The remote's answer, or null when it failed (Polly has counted the failure; the router falls over).</summary>
    private async Task<BackendAnswer?> TryRemoteAsync(RemoteCompletionBackend remote, BackendRequest request, CancellationToken ct)
    {
        try
        {
            return await remote.CompleteAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Each failure at debug level: the user hears of an outage once, when the circuit opens (BackendRegistry).
            log.Log(Logging.LogLevel.Debug, $"Remote backend '{remote.Name}': {RemoteCompletionBackend.Describe(e)}");
            return null;
        }
    }

    private async Task<BackendAnswer> AskLocalAsync(BackendRequest request, CancellationToken ct)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await local.CompleteAsync(request, ct).ConfigureAwait(false);
        localLatency.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return answer;
    }

    private static bool IsValid(BackendAnswer answer) => answer.Candidates.Any(c => c.Text.Trim().Length > 0);
}

/// <summary>A running mean of latencies in milliseconds (thread-safe); null until the first.</summary>
public sealed class LatencyMean
{
    private readonly Lock _lock = new();
    private double? _value;

    public double? Value
    {
        get
        {
            lock (_lock) return _value;
        }
    }

    public void Add(double ms)
    {
        lock (_lock) _value = _value is { } mean ? 0.8 * mean + 0.2 * ms : ms;
    }
}
