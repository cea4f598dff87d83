using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>Where an answer came from (reported in nanolsp/modelStatus and by eval).</summary>
public enum CompletionSource { Model, TypingAlong, Forced, Cancelled, Deadline }

/// <summary>One inline completion: the suggestions (text to insert at the cursor) and how they were made.</summary>
public sealed record InlineCompletionResult(
    IReadOnlyList<string> Suggestions,
    CompletionSource Source,
    TimeSpan Latency,
    string? RawCompletion = null,
    FilterVerdict? Verdict = null,
    MonitorStats? MonitorStats = null,
    GenerationResult? Generation = null,
    SuggestionShape? Shape = null)
{
    /// <summary>Milliseconds per stage (context, monitor, model, filters), for the report and benchmarks.</summary>
    public StageTimes Stages { get; init; } = new();

    /// <summary>Decoding was stopped at a token under the confidence cut (the engine reports it as cancelled).</summary>
    public bool StoppedAtDoubt { get; init; }

    /// <summary>Bytes token healing re-typed before the suggestion (they are not in it).</summary>
    public int HealedBytes { get; init; }

    public string? First => Suggestions.Count > 0 ? Suggestions[0] : null;
}

/// <summary>Where the time of one completion went, in milliseconds.</summary>
public sealed class StageTimes
{
    public double Context { get; set; }
    public double Monitor { get; set; }
    public double Model { get; set; }
    public double Filters { get; set; }
}

/// <summary>
/// The one code path of inline completion, shared by the LSP handler and <c>eval</c>:
/// Assist context → FIM prompt → generation under the member monitor → stop rule → filters.
/// The newest request per document wins: an older one still running is cancelled and answers empty.
/// Typing along a shown suggestion is answered from it without the model.
/// </summary>
public sealed class InlineCompletionService
{
    private readonly Lock _lock = new();
    // Per document: the newest arrival seen and the request running for it (null when none).
    private readonly Dictionary<DocumentId, (long Newest, CancellationTokenSource? Running)> _documents = [];
    private readonly TypingAlongCache _typingAlong = new();
    private long _arrivals;

    /// <param name="arrival">The request's arrival order (RequestContext.Sequence). Concurrent requests may
    /// start out of order, so "newer" means a later arrival, not a later start. Null: now (sequential callers).</param>
    public async Task<InlineCompletionResult> CompleteAsync(LanguageModel model, Document document, int position,
        InlineCompletionOptions options, CancellationToken cancellationToken, long? arrival = null)
    {
        long start = Stopwatch.GetTimestamp();
        long me = arrival ?? Interlocked.Increment(ref _arrivals);
        var key = document.Id;
        using var mine = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationTokenSource? older;
        lock (_lock)
        {
            if (_documents.TryGetValue(key, out var state) && state.Newest > me)
                return new InlineCompletionResult([], CompletionSource.Cancelled, Stopwatch.GetElapsedTime(start));
            older = state.Running;
            _documents[key] = (me, mine);
        }
        try
        {
            older?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It finished meanwhile.
        }
        // Past the deadline the work stops too (context building included), not only the answer.
        using var late = options.Deadline is { } budget ? new CancellationTokenSource(budget) : new CancellationTokenSource();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(mine.Token, late.Token);
        var stages = new StageTimes();
        try
        {
            var result = await CompleteCoreAsync(model, document, position, options, start, stages, work.Token).ConfigureAwait(false);
            // Beams can all lose a name the greedy path keeps: a beam whose first token spans the re-typed text
            // and the new name ("Unit" after "Un") is judged on a probability split across spellings ("Un" + "it"),
            // and the confidence cut empties it. An explicit request that found nothing then asks as typing does.
            if (result.Suggestions.Count == 0 && options.Alternatives > 1 && result.Source == CompletionSource.Model)
                result = await CompleteCoreAsync(model, document, position, options with { Alternatives = 1 }, start, stages, work.Token).ConfigureAwait(false);
            return result with { Latency = Stopwatch.GetElapsedTime(start), Stages = stages };
        }
        catch (OperationCanceledException) when (late.IsCancellationRequested && !mine.IsCancellationRequested)
        {
            return new InlineCompletionResult([], CompletionSource.Deadline, Stopwatch.GetElapsedTime(start)) { Stages = stages };
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lost to a newer request for the same document: an empty answer, not an error.
            return new InlineCompletionResult([], CompletionSource.Cancelled, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            lock (_lock)
            {
                if (_documents.TryGetValue(key, out var state) && ReferenceEquals(state.Running, mine))
                    _documents[key] = (state.Newest, null);
            }
        }
    }

    private async Task<InlineCompletionResult> CompleteCoreAsync(LanguageModel model, Document document, int position,
        InlineCompletionOptions options, long start, StageTimes stages, CancellationToken ct)
    {
        var text = await document.GetTextAsync(ct).ConfigureAwait(false);
        if (position < 0 || position > text.Length)
            throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is outside the document (length {text.Length}).");
        string before = text.ToString(new TextSpan(0, position));
        string after = text.ToString(TextSpan.FromBounds(position, text.Length));
        if (options.Alternatives == 1 && _typingAlong.TryTypeAlong(document.Id, before, after) is { } rest)
            return new InlineCompletionResult([rest], CompletionSource.TypingAlong, TimeSpan.Zero);

        var tokenizer = model.Tokenizer;
        int contextLength = model.Manifest.ContextLength;
        // Room kept free for the answer: enough for a line; a multi-line answer may also stop when the context is full.
        int answerRoom = Math.Min(options.MultiLineTokens, Math.Max(options.SingleLineTokens, contextLength / 8));
        long stage = Stopwatch.GetTimestamp();
        var context = await PromptContextBuilder.BuildAsync(document, position, tokenizer, PromptBudget.For(contextLength, answerRoom),
            options.IncludeHeader, ct).ConfigureAwait(false);
        stages.Context = Lap(ref stage);
        var monitor = options.Monitors == MonitorKinds.None ? null
            : await MemberMonitor.CreateAsync(document, position, tokenizer, options.Monitors, ct).ConfigureAwait(false);
        stages.Monitor = Lap(ref stage);
        bool singleLine = context.Shape == SuggestionShape.SingleLine;
        int maxNew = singleLine ? options.SingleLineTokens : options.MultiLineTokens;
        var generationOptions = new GenerationOptions
        {
            MaxTokens = maxNew,
            SingleLine = singleLine,
            Mask = monitor,
            Deadline = Remaining(options.Deadline, start),
        };

        List<(string Raw, IReadOnlyList<GeneratedToken> Tokens)> candidates;
        GenerationResult? generation = null;
        int healedBytes = 0;
        bool stoppedAtDoubt = false;
        CompletionSource source = CompletionSource.Model;
        if (options.ForcedCompletion is { } forced)
        {
            // Sure tokens (log-prob 0): the forced text is checked by the stop rule and filters only.
            candidates = [(forced, tokenizer.Encode(forced).Select(id => new GeneratedToken(id, 0f)).ToList())];
            source = CompletionSource.Forced;
        }
        else
        {
            var prompt = model.BuildPrompt(context.Prefix, context.Suffix, context.Header.Length > 0 ? context.Header : null,
                maxTokens: contextLength - answerRoom);
            healedBytes = prompt.Healing?.Bytes.Length ?? 0;
            if (options.Alternatives > 1)
            {
                var beams = await model.BeamSearchAsync(prompt, options.Alternatives, generationOptions, cancelPrevious: true, ct).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                candidates = beams.Where(b => b.StopReason != StopReason.Cancelled).Select(b => (b.Text, b.Tokens)).ToList();
                // The report describes the best beam as it would a greedy run (prompt, reuse, tokens, why it stopped).
                if (beams.FirstOrDefault() is { } best)
                    generation = new GenerationResult(best.Text, best.Tokens, best.StopReason, best.PromptTokens, best.ReusedPromptTokens,
                        TimeSpan.Zero, TimeSpan.Zero);
            }
            else
            {
                // Decoding past the first doubtful token is wasted: ConfidenceCut ends the text there.
                using var doubt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bool doubted = false;
                if (options.Filters && options.CutBelowLogProb is { } cut)
                {
                    var watch = new DoubtWatch(tokenizer, healedBytes, cut);
                    generationOptions = generationOptions with
                    {
                        OnToken = token =>
                        {
                            if (watch.IsDoubt(token) && !doubted) { doubted = true; doubt.Cancel(); }
                        },
                    };
                }
                generation = await model.GenerateAsync(prompt, generationOptions, cancelPrevious: true, doubt.Token).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested(); // a newer request or the deadline: CompleteAsync tells which
                stoppedAtDoubt = doubted;
                // Otherwise cancelled by the model's own newest-wins (a request for another document).
                if (generation.StopReason == StopReason.Cancelled && !doubted)
                    return new InlineCompletionResult([], CompletionSource.Cancelled, TimeSpan.Zero, generation.Text, Generation: generation);
                // A slow answer is dropped rather than shown late (or cut short).
                if (generation.StopReason == StopReason.Deadline)
                    return new InlineCompletionResult([], CompletionSource.Deadline, TimeSpan.Zero, generation.Text,
                        MonitorStats: monitor?.Stats, Generation: generation, Shape: context.Shape);
                candidates = [(generation.Text, generation.Tokens)];
            }
        }

        stages.Model = Lap(ref stage);
        var shown = new List<string>();
        FilterVerdict? firstVerdict = null;
        foreach (var (raw, generated) in candidates)
        {
            var (sure, tokens) = options.Filters && options.CutBelowLogProb is { } doubt
                ? ConfidenceCut.Apply(raw, generated, healedBytes, tokenizer, doubt) : (raw, generated);
            string trimmed = SuggestionFilter.Trim(sure, context);
            var (verdict, suggestion) = options.Filters
                ? await SuggestionFilter.CheckAsync(document, position, trimmed, tokens, context, options.FilterOptions, ct).ConfigureAwait(false)
                : (trimmed.Trim().Length == 0 ? FilterVerdict.WhitespaceOnly : FilterVerdict.Keep, trimmed);
            firstVerdict ??= verdict;
            // The filters judged the whole suggestion; the user's length limit keeps the lines or words that fit.
            string fitting = verdict == FilterVerdict.Keep ? SuggestionLength.Cut(suggestion, options.MaxLength) : "";
            if (fitting.Trim().Length > 0 && !shown.Contains(fitting))
                shown.Add(fitting);
        }
        stages.Filters = Lap(ref stage);
        if (options.Deadline is { } deadline && Stopwatch.GetElapsedTime(start) > deadline && source == CompletionSource.Model)
            return new InlineCompletionResult([], CompletionSource.Deadline, TimeSpan.Zero, candidates.FirstOrDefault().Raw,
                firstVerdict, monitor?.Stats, generation, context.Shape) { HealedBytes = healedBytes, StoppedAtDoubt = stoppedAtDoubt };

        _typingAlong.Remember(document.Id, before, after, shown.FirstOrDefault() ?? "");
        return new InlineCompletionResult(shown, source, TimeSpan.Zero, candidates.FirstOrDefault().Raw, firstVerdict,
            monitor?.Stats, generation, context.Shape) { HealedBytes = healedBytes, StoppedAtDoubt = stoppedAtDoubt };
    }

    private static double Lap(ref long stage)
    {
        long now = Stopwatch.GetTimestamp();
        double ms = Stopwatch.GetElapsedTime(stage, now).TotalMilliseconds;
        stage = now;
        return ms;
    }

    private static TimeSpan? Remaining(TimeSpan? deadline, long start) =>
        deadline is { } d ? TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(1).Ticks, (d - Stopwatch.GetElapsedTime(start)).Ticks)) : null;
}
