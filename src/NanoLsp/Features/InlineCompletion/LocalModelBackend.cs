using System.Diagnostics;
using NanoLsp.Assist;
using NanoLsp.Memory;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// The nano model as a backend: the FIM prompt (with token healing), decoding under Roslyn's member
/// monitor, greedy for typing (stopped at the first doubtful token) or a small beam search when the user
/// asks. The engine serialises generations; newest-wins is the pipeline's, per document.
/// </summary>
public sealed class LocalModelBackend(LanguageModel model, ShowPolicy showPolicy) : ICompletionBackend
{
    public ShowPolicy ShowPolicy => showPolicy;

    public NanoTokenizer Tokenizer => model.Tokenizer;

    public int ContextLength => model.Manifest.ContextLength;

    /// <summary>Room kept free in the model context for the answer: enough for a line; a multi-line answer
    /// may also stop when the context is full.</summary>
    public static int AnswerRoom(int contextLength, InlineCompletionOptions options) =>
        Math.Min(options.MultiLineTokens, Math.Max(options.SingleLineTokens, contextLength / 8));

    public async Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken)
    {
        var (document, position, context, options) = request;
        long step = Stopwatch.GetTimestamp();
        int answerRoom = AnswerRoom(ContextLength, options);
        var prompt = model.BuildPrompt(context.Prefix, context.Suffix, context.Header.Length > 0 ? context.Header : null,
            maxTokens: ContextLength - answerRoom);
        var healed = prompt.Healing?.Bytes ?? [];
        double promptMs = StageTimes.Lap(ref step);
        // The names channel widens the monitor to names in scope (it needs the monitor on).
        var kinds = options.Monitors == MonitorKinds.None ? MonitorKinds.None
            : options.Memory.HasFlag(MemoryChannels.Names) ? options.Monitors | MonitorKinds.Names : options.Monitors;
        // Made while the engine takes the prompt: the engine waits for it before the first token (PendingMonitor). It needs
        // only the document's text and syntax tree (the semantic model is asked for when the line's memo has no answer),
        // which the prompt's context has read already, so it is made here and now; a tree still to parse continues on the pool.
        var monitor = kinds == MonitorKinds.None ? null
            : new PendingMonitor(MemberMonitor.CreateAsync(document, position, model.Tokenizer, kinds, healed, cancellationToken));
        bool singleLine = context.Shape == SuggestionShape.SingleLine;
        var generation = new GenerationOptions
        {
            MaxTokens = singleLine ? options.SingleLineTokens : options.MultiLineTokens,
            SingleLine = singleLine,
            Mask = monitor,
            Prior = request.Prior?.Invoke(prompt.PrefixIds),
        };

        if (options.Alternatives > 1)
        {
            var beams = await model.BeamSearchAsync(prompt, options.Alternatives, generation, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            // The report describes the best beam as it would a greedy run (prompt, reuse, tokens, why it stopped).
            var best = beams.FirstOrDefault();
            return new BackendAnswer(beams.Select(b => new Candidate(b.Text, b.Tokens)).ToList())
            {
                Generation = best is null ? null : new GenerationResult(best.Text, best.Tokens, best.StopReason, best.PromptTokens,
                    best.ReusedPromptTokens, TimeSpan.Zero, TimeSpan.Zero),
                MonitorStats = monitor?.Stats,
                HealedBytes = healed.Length,
            };
        }

        // Decoding past the first doubtful token is wasted: the engine stops before it.
        if (options.Filters && options.CutBelowLogProb is { } cut)
            generation = generation with { StopBefore = token => ConfidenceCut.IsDoubt(token, cut) };
        var result = await model.GenerateAsync(prompt, generation, cancellationToken).ConfigureAwait(false);
        double decodeMs = StageTimes.Lap(ref step);
        cancellationToken.ThrowIfCancellationRequested(); // the pipeline tells a newer keystroke from the deadline
        var scored = await ScoreAsync(request, prompt, generation.Prior, result.Text, cancellationToken).ConfigureAwait(false);
        return new BackendAnswer([new Candidate(result.Text, result.Tokens)])
        {
            Scored = scored,
            Generation = result,
            MonitorStats = monitor?.Stats,
            HealedBytes = healed.Length,
            StoppedAtDoubt = result.StopReason == StopReason.Doubt,
            StepMs = new Dictionary<string, double>
            {
                ["prompt"] = promptMs, ["monitorWait"] = monitor?.WaitedMs ?? 0, ["prefill"] = result.PrefillTime.TotalMilliseconds, ["decode"] = decodeMs, ["score"] = StageTimes.Lap(ref step),
            },
        };
    }

    /// <summary>The repository's candidates scored after the prompt (still in the prefix cache: each costs one
    /// batched pass over its tokens), in the request's order, or none when <see cref="BackendRequest.ScoreUntil"/> comes first.
    /// A candidate the decoded text already starts with could only say less than it, so it is not scored.</summary>
    private async Task<IReadOnlyList<ScoredContinuation>> ScoreAsync(BackendRequest request, FimPrompt prompt, ITokenPrior? prior,
        string decoded, CancellationToken cancellationToken)
    {
        var worth = request.Continuations.Where(c => !decoded.StartsWith(c, StringComparison.Ordinal)).Distinct().ToList();
        if (worth.Count == 0) return [];
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.ScoreUntil is { } until)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
            if (left <= TimeSpan.Zero) return [];
            budget.CancelAfter(left);
        }
        try
        {
            var scores = (await model.ScoreAsync(prompt, worth, prior, request.Options.SingleLineTokens, budget.Token).ConfigureAwait(false))
                .ToDictionary(s => s.Text, StringComparer.Ordinal);
            return request.Continuations.Select(c => scores.GetValueOrDefault(c) ?? new ScoredContinuation(c, [])).ToList();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
