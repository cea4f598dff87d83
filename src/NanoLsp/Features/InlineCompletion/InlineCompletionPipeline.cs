using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Memory;
using NanoLsp.Model;
using NanoLsp.Workspace;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>Where an answer came from (reported in nanolsp/modelStatus and by eval).</summary>
public enum CompletionSource { Model, TypingAlong, Cancelled, Deadline }

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

    /// <summary>Decoding was stopped before a token under the confidence cut.</summary>
    public bool StoppedAtDoubt { get; init; }

    /// <summary>Bytes token healing re-typed before the suggestion (they are not in it).</summary>
    public int HealedBytes { get; init; }

    /// <summary>The repository's candidates with the model's scores of them (channel 2), for the trace.</summary>
    public IReadOnlyList<(MemoryCandidate Candidate, ScoredContinuation Score)> MemoryCandidates { get; init; } = [];

    /// <summary>The shown suggestion was copied from the repository (a candidate of this kind); null: decoded.</summary>
    public CandidateKind? ShownFromMemory { get; init; }

    public string? First => Suggestions.Count > 0 ? Suggestions[0] : null;

    /// <summary>The document's text around the cursor when the stages ran (the typing-along cache keeps them).</summary>
    internal string? Before { get; init; }
    internal string? After { get; init; }

    /// <summary>The first suggestion before the show policy cut it (typing along shows its rest later).</summary>
    public string? Whole { get; init; }

    /// <summary>Which backend answered (nanolsp.backends' name; "local" for the nano model).</summary>
    public string Backend { get; init; } = "local";
}

/// <summary>Where the time of one completion went, in milliseconds.</summary>
public sealed class StageTimes
{
    public double Context { get; set; }
    /// <summary>The backend's whole step: prompt, monitor, decoding.</summary>
    public double Model { get; set; }
    public double Filters { get; set; }
    /// <summary>The backend's own steps within <see cref="Model"/> (the local model: prompt, monitorWait, prefill, decode, score).</summary>
    public IReadOnlyDictionary<string, double> Backend { get; set; } = new Dictionary<string, double>();

    /// <summary>Milliseconds since <paramref name="stage"/>, which moves on to now: one stage's time after another's.</summary>
    public static double Lap(ref long stage)
    {
        long now = Stopwatch.GetTimestamp();
        double ms = Stopwatch.GetElapsedTime(stage, now).TotalMilliseconds;
        stage = now;
        return ms;
    }
}

/// <summary>
/// The one code path of inline completion, shared by the LSP handler and <c>eval</c>, as named stages:
/// admit (newest wins per document) → typing along → context → decode (the backend: prompt, monitors,
/// stop at doubt) → stop rule and confidence cut → filters → length. One token per request carries the
/// client's cancel, a newer keystroke in the same document and the deadline (docs/architecture.md,
/// "Threading and cancellation"). Seams: context sources (IContextSource) and backends (ICompletionBackend).
/// The repository memory, when there is one, reaches three stages (docs/repository-memory.md): the context
/// (neighbours), the decoding (mixing) and the candidates after it.
/// </summary>
public sealed class InlineCompletionPipeline(IReadOnlyList<IContextSource> contextSources, SuggestionFilter filter, RepositoryMemory? memory = null)
{
    private readonly RepositoryNeighbourSource? _neighbours = memory is null ? null : new RepositoryNeighbourSource(memory);
    // Invoked requests build the exact declaration header (the same cache): the user asked and waits for the best answer.
    private readonly IReadOnlyList<IContextSource> _invokedSources =
        contextSources.Select(s => s is DeclarationHeaderSource header ? header.Exact() : s).ToList();
    private readonly NewestPerDocument _newest = new();
    private readonly TypingAlongCache _typingAlong = new();
    private long _arrivals;

    /// <summary>The server's stages: the Roslyn declaration header as the one context source.</summary>
    public InlineCompletionPipeline() : this([new DeclarationHeaderSource()], new SuggestionFilter()) { }

    /// <summary>The server's stages with the repository memory's channels.</summary>
    /// <param name="serveStaleHeader">The server's choice: a declaration header one keystroke old stands in while the
    /// exact one is built in the background while typing (HeaderCache); eval builds each one, for answers that repeat.</param>
    public InlineCompletionPipeline(RepositoryMemory memory, bool serveStaleHeader = false)
        : this([new DeclarationHeaderSource(serveStale: serveStaleHeader)], new SuggestionFilter(), memory) { }

    /// <summary>What goes ahead of the FIM windows for a request with <paramref name="options"/>. The completion list's
    /// ranking builds its prompt from the same sources (the same instances, so the same caches), so that its prompt is
    /// the one this pipeline built at the word's start and one prefill serves both.</summary>
    public IReadOnlyList<IContextSource> PromptSources(InlineCompletionOptions options)
    {
        var headerSources = options.Alternatives > 1 ? _invokedSources : contextSources;
        return !options.IncludeHeader ? []
            : _neighbours is not null && options.Memory.HasFlag(MemoryChannels.Neighbours) ? [.. headerSources, _neighbours] : headerSources;
    }

    /// <summary>The compile checks this pipeline's filter ran (eval and the benchmarks report them).</summary>
    public CompileCheckStats CompileChecks => filter.CompileCheckStats;

    /// <param name="arrival">The request's arrival order (RequestContext.Sequence); null: now (sequential callers).</param>
    public async Task<InlineCompletionResult> CompleteAsync(ICompletionBackend backend, Document document, int position,
        InlineCompletionOptions options, CancellationToken cancellationToken, long? arrival = null)
    {
        long start = Stopwatch.GetTimestamp();
        // Stage 1, admit: the newest request of this document wins; older ones of it stop at their next await.
        var ticket = _newest.Enter(document.Id, arrival ?? Interlocked.Increment(ref _arrivals), cancellationToken, options.Deadline);
        if (ticket is null)
            return new InlineCompletionResult([], CompletionSource.Cancelled, Stopwatch.GetElapsedTime(start));
        var stages = new StageTimes();
        try
        {
            var result = await RunStagesAsync(backend, document, position, options, stages, start, ticket.Token).ConfigureAwait(false);
            // Beams can all lose a name the greedy path keeps: a beam whose first token spans the re-typed text
            // and the new name ("Unit" after "Un") is judged on a probability split across spellings ("Un" + "it"),
            // and the confidence cut empties it. An explicit request that found nothing then asks as typing does.
            if (result.Suggestions.Count == 0 && options.Alternatives > 1 && result.Source == CompletionSource.Model)
                result = await RunStagesAsync(backend, document, position, options with { Alternatives = 1 }, stages, start, ticket.Token).ConfigureAwait(false);
            // A slow answer is dropped rather than shown late.
            if (options.Deadline is { } deadline && Stopwatch.GetElapsedTime(start) > deadline && result.Source == CompletionSource.Model)
                result = result with { Suggestions = [], Source = CompletionSource.Deadline };
            if (result.Source == CompletionSource.Model)
                _typingAlong.Remember(document.Id, result.Before!, result.After!, result.Whole ?? "", result.First ?? "");
            return result with { Latency = Stopwatch.GetElapsedTime(start), Stages = stages };
        }
        catch (OperationCanceledException) when (!ticket.ClientCancelled)
        {
            // Lost to a newer keystroke in this document (an empty answer, not an error), or out of time.
            var source = ticket.Superseded ? CompletionSource.Cancelled : CompletionSource.Deadline;
            return new InlineCompletionResult([], source, Stopwatch.GetElapsedTime(start)) { Stages = stages };
        }
        finally
        {
            _newest.Leave(document.Id, ticket);
        }
    }

    /// <summary>Less than this left of a typing request's compile-check budget checks no further candidate.</summary>
    internal static readonly TimeSpan MinCompileCheck = TimeSpan.FromMilliseconds(15);

    /// <summary>What a typing request's next candidate may spend on its compile check after <paramref name="spent"/>
    /// on the ones before; null when too little is left to bind a member.</summary>
    internal static TimeSpan? CompileCheckLeft(TimeSpan budget, TimeSpan spent) =>
        budget - spent is var left && left >= MinCompileCheck ? left : null;

    /// <summary>Kept free after scoring the repository's candidates, besides the compile check's budget.</summary>
    private static readonly TimeSpan ScoringMargin = TimeSpan.FromMilliseconds(20);

    private async Task<InlineCompletionResult> RunStagesAsync(ICompletionBackend backend, Document document, int position,
        InlineCompletionOptions options, StageTimes stages, long requestStart, CancellationToken ct)
    {
        var text = await document.GetTextAsync(ct).ConfigureAwait(false);
        if (position < 0 || position > text.Length)
            throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is outside the document (length {text.Length}).");
        string before = text.ToString(new TextSpan(0, position));
        string after = text.ToString(TextSpan.FromBounds(position, text.Length));

        // Stage 2, typing along a suggestion already made: its rest, without the model, as much as the policy shows.
        // The policy is one of the filters: with them off (an ablation, a diagnosis) the model's answer shows whole.
        var policy = options.ShowPolicy && options.Filters ? backend.ShowPolicy : ShowPolicy.Whole;
        // A suggestion the user typed into instead of taking is declined (TypingAlongCache): by default nothing is
        // shown while they type on along it.
        if (options.Alternatives == 1 && _typingAlong.TryTypeAlong(document.Id, before, after) is { } along
            && !(along.Declined && options.Declined == DeclinedSuggestion.AskModel))
        {
            string rest = along.Declined && options.Declined == DeclinedSuggestion.Silent ? ""
                : policy.Cut(along.Rest, [], 0, null, typingAlong: true, fromMemory: false, ShowPolicy.EndsMidWord(before));
            _typingAlong.Showing(document.Id, before, rest);
            return new InlineCompletionResult(rest.Length > 0 ? [rest] : [], CompletionSource.TypingAlong, TimeSpan.Zero);
        }

        // Stage 3, context: FIM windows and the context sources ahead of them. From here on (header, monitor, compile check)
        // the keystroke's edit is bound into the compilation the project has: no new run of its source generators.
        long stage = Stopwatch.GetTimestamp();
        document = await FrozenSemantics.OfAsync(document, ct).ConfigureAwait(false);
        var budget = PromptBudget.For(backend.ContextLength, LocalModelBackend.AnswerRoom(backend.ContextLength, options));
        var sources = PromptSources(options);
        // The repository memory as this request sees it: the document's live text without the line being typed. On a
        // new line that text is indexed anew (up to 20 ms in a big file), on the pool while the header is built (the
        // first keystrokes in a file wait up to HeaderCache.ColdWait for it), so the two cost the longer, not the sum.
        var viewing = memory is not null && options.Memory.UseIndex() && document.FilePath is { } path
            ? Task.Run(() => memory.ViewAt(path, text, position), CancellationToken.None) : null;
        var context = await PromptContextBuilder.BuildAsync(document, position, backend.Tokenizer, budget, sources, ct).ConfigureAwait(false);
        var view = viewing is null ? null : await viewing.ConfigureAwait(false);
        var fromMemory = view is not null && options.Memory.HasFlag(MemoryChannels.Candidates) && options.Alternatives == 1
            ? view.Candidates(context.LinePrefix.TrimStart(), options.CandidateLines, options.CandidateWords) : [];
        stages.Context = StageTimes.Lap(ref stage);

        // Stage 4, decode: the backend builds its prompt and decodes under its monitors (and the repository's
        // distribution), and scores the repository's candidates.
        var request = new BackendRequest(document, position, context, options)
        {
            Continuations = fromMemory.Select(c => c.Text).ToList(),
            // Scoring the candidates ends in time for the filters (the compile check's budget) before the deadline.
            ScoreUntil = options.Deadline is { } deadline ? requestStart + (long)((deadline - options.CompileCheckBudget - ScoringMargin).TotalSeconds * Stopwatch.Frequency) : null,
            Prior = view is not null && options.Memory.HasFlag(MemoryChannels.Mixing) ? prefix => new RepositoryPrior(view, prefix) : null,
        };
        var answer = await backend.CompleteAsync(request, ct).ConfigureAwait(false);
        stages.Model = StageTimes.Lap(ref stage);
        stages.Backend = answer.StepMs;

        if (answer.ShowPolicy is { } own && options.ShowPolicy && options.Filters) policy = own;

        // Stage 4b: a repository candidate the model agrees with further than its own answer goes first.
        var candidates = CandidateChoice.Choose(answer, fromMemory, options, backend.Tokenizer);

        // Stages 5-7, per candidate: stop rule and confidence cut, filters, the user's length limit.
        var shown = new List<string>();
        FilterVerdict? firstVerdict = null;
        CandidateKind? shownFrom = null;
        string? whole = null;
        var filterOptions = options.FilterOptions;
        foreach (var candidate in candidates)
        {
            // Typing shows one suggestion (the editor's first item; the others wait behind a key few press): once
            // one passed, checking the rest would only cost time, a compile check each.
            if (options.Alternatives == 1 && shown.Count > 0) break;
            // A typing request has one compile-check budget, not one per candidate: the next candidate gets what the
            // ones before left, and none when too little is left to bind a member (a check over budget would pass it
            // unchecked). Two checks in a row were most of the slowest keystrokes' filters (70-80 ms).
            if (options.Alternatives == 1 && firstVerdict is not null && filterOptions.CompileCheck)
            {
                if (CompileCheckLeft(options.FilterOptions.CompileCheckBudget, Stopwatch.GetElapsedTime(stage)) is not { } left) break;
                filterOptions = filterOptions with { CompileCheckBudget = left };
            }
            var (sure, tokens) = options.Filters && options.CutBelowLogProb is { } doubt && candidate.FromMemory is null
                ? ConfidenceCut.Apply(candidate.Text, candidate.Tokens, answer.HealedBytes, backend.Tokenizer, doubt)
                : (candidate.Text, candidate.Tokens);
            string trimmed = SuggestionFilter.Trim(sure, context);
            var (verdict, suggestion) = options.Filters
                ? await filter.CheckAsync(document, position, trimmed, tokens, context, filterOptions, ct).ConfigureAwait(false)
                : (trimmed.Trim().Length == 0 ? FilterVerdict.WhitespaceOnly : FilterVerdict.Keep, trimmed);
            firstVerdict ??= verdict;
            // The filters judged the whole suggestion; the show policy keeps the words likely right (typing along
            // shows the rest later), the user's length limit the lines or words that fit.
            string likely = verdict == FilterVerdict.Keep && options.Alternatives == 1
                ? policy.Cut(suggestion, candidate.Tokens, answer.HealedBytes, backend.Tokenizer,
                    typingAlong: false, fromMemory: candidate.FromMemory is not null, ShowPolicy.EndsMidWord(before))
                : suggestion;
            string fitting = verdict == FilterVerdict.Keep ? SuggestionLength.Cut(likely, options.MaxLength) : "";
            if (fitting.Trim().Length > 0 && !shown.Contains(fitting))
            {
                if (shown.Count == 0) (shownFrom, whole) = (candidate.FromMemory, suggestion);
                shown.Add(fitting);
            }
        }
        stages.Filters = StageTimes.Lap(ref stage);
        return new InlineCompletionResult(shown, CompletionSource.Model, TimeSpan.Zero, answer.Candidates.FirstOrDefault()?.Text, firstVerdict,
            answer.MonitorStats, answer.Generation, context.Shape)
        {
            HealedBytes = answer.HealedBytes, StoppedAtDoubt = answer.StoppedAtDoubt, Before = before, After = after,
            MemoryCandidates = fromMemory.Zip(answer.Scored).ToList(), ShownFromMemory = shownFrom, Whole = whole, Backend = answer.Backend,
        };
    }

}
