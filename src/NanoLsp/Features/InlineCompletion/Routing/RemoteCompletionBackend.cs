using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoLsp.Assist;
using NanoLsp.Model;
using NanoLsp.Server;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NanoLsp.Features.InlineCompletion.Routing;

/// <summary>
/// An OpenAI-compatible server as a backend. It decodes only: its text goes through the pipeline's stop rule, filters
/// (the Roslyn compile check above all) and length like the local model's; a remote model is trusted no more. Where it
/// gives logprobs, the confidence cut ends the text before its first doubtful token, as the local model's decoding
/// stops there. Roslyn's member monitor is a logit mask and cannot steer a remote model's decoding; the compile check
/// catches what it would have prevented. Polly (timeout inside a circuit breaker) judges its health: repeated failures
/// open the circuit and the router leaves it out until the break ends.
/// </summary>
public sealed class RemoteCompletionBackend
{
    /// <summary>Failures among the recent calls that open the circuit, and how long it then stays open.</summary>
    public const double FailureRatio = 0.5;
    public const int MinimumThroughput = 2;
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    private static readonly ResiliencePropertyKey<TimeSpan> TimeLeft = new("nanolsp.remote.time-left");

    private readonly RemoteCompletionClient _client;
    private readonly ResiliencePipeline _resilience;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly Lock _lock = new();
    private double? _latencyMs;

    public RemoteCompletionBackend(BackendSetting setting, string? key, Action<RemoteCompletionBackend, string> opened, Action<RemoteCompletionBackend> closed)
    {
        Setting = setting;
        _client = new RemoteCompletionClient(setting.BaseUrl!, key, TimeSpan.FromMilliseconds(setting.TimeoutMs));
        _resilience = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = FailureRatio,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = SamplingDuration,
                BreakDuration = BreakDuration,
                StateProvider = _circuit,
                // Polly's default: every exception but a cancellation (a newer keystroke is not the server's fault).
                OnOpened = args =>
                {
                    opened(this, Describe(args.Outcome.Exception));
                    return default;
                },
                OnClosed = _ =>
                {
                    closed(this);
                    return default;
                },
            })
            // The backend's timeout, or less when the request's answer is due sooner: an answer too late to show is a
            // failure (a cancelled call would not count, and a slow server would never open its circuit).
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.TryGetValue(TimeLeft, out var left) ? left : Timeout),
            })
            .Build();
    }

    public BackendSetting Setting { get; }

    public string Name => Setting.Name;

    private TimeSpan Timeout => TimeSpan.FromMilliseconds(Setting.TimeoutMs);

    /// <summary>False while the circuit is open (or isolated): the router does not ask it.</summary>
    public bool Healthy => _circuit.CircuitState is CircuitState.Closed or CircuitState.HalfOpen;

    /// <summary>A running mean of its answers' latency (ms); null until it has answered once.</summary>
    public double? LatencyMs
    {
        get
        {
            lock (_lock) return _latencyMs;
        }
    }

    public bool Fits(bool invoked) => Setting.Role == BackendRole.Both || Setting.Role == (invoked ? BackendRole.Invoked : BackendRole.Inline);

    /// <summary>Asks the server; throws (RemoteBackendException, TimeoutRejectedException, BrokenCircuitException) when it failed.</summary>
    public async Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken)
    {
        var (_, _, context, options) = request;
        bool singleLine = context.Shape == SuggestionShape.SingleLine;
        var body = Body(context, options, singleLine);
        long start = Stopwatch.GetTimestamp();
        // The pipeline's ScoreUntil is when a backend's answer is due (the filters need the rest of the deadline).
        var left = request.ScoreUntil is { } due ? Stopwatch.GetElapsedTime(start, due) : Timeout;
        if (left <= TimeSpan.Zero) throw new TimeoutRejectedException("No time was left for the remote backend.", TimeSpan.Zero);
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        RemoteCompletion answer;
        try
        {
            resilience.Properties.Set(TimeLeft, left < Timeout ? left : Timeout);
            answer = await _resilience.ExecuteAsync(static async (ctx, state) => await state.Client.CompleteAsync(state.Body, ctx.CancellationToken).ConfigureAwait(false),
                resilience, (Client: _client, Body: body)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (_lock) _latencyMs = _latencyMs is { } mean ? 0.8 * mean + 0.2 * ms : ms;

        string text = answer.Text;
        // The stop rule of a single line, whether or not the server honoured the stop string.
        if (singleLine && text.IndexOf('\n') is var newline and >= 0) text = text[..newline].TrimEnd('\r');
        bool doubt = false;
        if (options.Filters && options.CutBelowLogProb is { } cut && answer.Tokens.Count > 0)
            (text, doubt) = CutAtDoubt(text, answer.Tokens, cut);
        return new BackendAnswer([new Candidate(text, [])]) { StoppedAtDoubt = doubt, Backend = Name, ShowPolicy = ShowPolicy.Whole };
    }

    /// <summary>The request as the OpenAI legacy completions API takes it: the FIM windows the local model would get,
    /// with the Roslyn context header ahead of the prefix; greedy; a line or a block as the cursor's shape asks.</summary>
    internal JsonObject Body(PromptContext context, InlineCompletionOptions options, bool singleLine)
    {
        string prefix = context.Header.Length > 0 ? context.Header + "\n" + context.Prefix : context.Prefix;
        var body = new JsonObject
        {
            ["model"] = Setting.Model,
            ["max_tokens"] = singleLine ? options.SingleLineTokens : options.MultiLineTokens,
            ["temperature"] = 0,
            ["stop"] = singleLine ? new JsonArray("\n") : new JsonArray("\n\n\n"),
        };
        if (Setting.Fim == "suffix")
        {
            body["prompt"] = prefix;
            body["suffix"] = context.Suffix;
        }
        else
        {
            body["prompt"] = Setting.Fim.Replace("{prefix}", prefix, StringComparison.Ordinal).Replace("{suffix}", context.Suffix, StringComparison.Ordinal);
        }
        if (Setting.Logprobs) body["logprobs"] = 1;
        return body;
    }

    /// <summary>The text before the first token less likely than <paramref name="cut"/> (the tokens' texts are the server's).</summary>
    internal static (string Text, bool Cut) CutAtDoubt(string text, IReadOnlyList<(string Token, float LogProb)> tokens, double cut)
    {
        int at = 0;
        foreach (var (token, logProb) in tokens)
        {
            if (logProb < cut) return (text[..Math.Min(at, text.Length)], true);
            at += token.Length;
        }
        return (text, false);
    }

    /// <summary>Why it failed, in words for the user; never the key (RemoteCompletionClient redacts it).</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        TimeoutRejectedException t => $"no answer within {t.Timeout.TotalMilliseconds:0} ms",
        BrokenCircuitException => "its circuit is open after repeated failures",
        RemoteBackendException r => r.Message,
        null => "it failed",
        _ => exception.GetType().Name + ": " + exception.Message,
    };
}
