using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Logging;
using NanoLsp.Model;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Completion;

/// <summary>How the completion list is ranked with the model (nanolsp.completion.*).</summary>
public sealed record RankingOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Past this the ranking ends with what is scored by then (nothing scored whole: Roslyn's order).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMilliseconds(Server.ServerSettings.DefaultCompletionRankDeadlineMs);

    /// <summary>How long the list waits for the ranking once Roslyn's items are ready; past it the list goes out in
    /// Roslyn's order, marked incomplete, while the ranking goes on for the next request of the word. At or past the
    /// deadline the list waits for its ranking.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMilliseconds(Server.ServerSettings.DefaultCompletionRankWaitMs);

    /// <summary>As <see cref="Wait"/>, where the model has not read the place (<see cref="ModelRanking.IsCold"/>: a list
    /// asked for after a jump, whose ranking must first prefill most of its prompt).</summary>
    public TimeSpan ColdWait { get; init; } = TimeSpan.FromMilliseconds(Server.ServerSettings.DefaultCompletionRankWaitColdMs);

    /// <summary>How many items, the likeliest by their first token, are scored whole.</summary>
    public int Scored { get; init; } = 8;

    /// <summary>How many of those are starred and put first.</summary>
    public int Starred { get; init; } = 3;

    /// <summary>The prompt's length in tokens; 0: the inline pipeline's (so one prefill can serve both).</summary>
    public int PromptTokens { get; init; }

    /// <summary>The inline requests' options under the same settings: the prompt is built as theirs is (its context
    /// sources, its room for the answer).</summary>
    public InlineCompletionOptions Inline { get; init; } = new();

    public static RankingOptions From(Server.ServerSettings settings) => new()
    {
        Enabled = settings.CompletionRankWithModel,
        Deadline = TimeSpan.FromMilliseconds(settings.CompletionRankDeadlineMs),
        Wait = TimeSpan.FromMilliseconds(settings.CompletionRankWaitMs),
        ColdWait = TimeSpan.FromMilliseconds(settings.CompletionRankWaitColdMs),
        Inline = InlineCompletionOptions.From(settings, invoked: false),
    };
}

/// <summary>What ranking found: the starred items (indexes into the candidates, best first) and what it cost.</summary>
public sealed record RankingResult(IReadOnlyList<int> Starred, int FirstTokenScored, int WholeScored, TimeSpan Latency, string Outcome)
{
    /// <summary>The model's passes this ranking ran (0 to 2): the rest of the scores were remembered from a ranking of
    /// the same prompt (the list asked again as the word is typed).</summary>
    public int ModelPasses { get; init; }

    /// <summary>Milliseconds to build the prompt, to score every item's first token, to score the likeliest whole.</summary>
    public double[] StageMs { get; init; } = [];

    /// <summary>Of the prompt, made beside Roslyn's list (<see cref="ModelRanking.PrepareAsync"/>): milliseconds to build it
    /// (its windows and the context sources' header) and to prefill it; zeros when ranking built it itself.</summary>
    public (double Build, double Prefill) PreparedMs { get; init; }

    public static RankingResult None(string outcome) => new([], 0, 0, TimeSpan.Zero, outcome);
}

/// <summary>
/// Ranks Roslyn's completion items with the model's probability of their text at the start of the word being
/// completed, after the FIM prompt the inline pipeline builds there (same windows, same declaration header, same
/// token budget, so the engine's prefix cache often already holds it). Two passes within a deadline: every item
/// on its first new token (one prefill, forwards shared), then the likeliest few whole, each with the probability
/// that the word ends after it. The item text is Roslyn's; the model only orders what Roslyn offers. The model
/// comes from <paramref name="loadedModel"/> (the server's <see cref="ModelHost.LoadedModel"/>: never waited for); the
/// context sources ahead of the windows from <paramref name="promptSources"/> (the server's inline pipeline's, so that
/// the prompt is the one that pipeline built at the word's start: declarations and the repository's neighbours), else
/// a declaration header of its own.
/// </summary>
public sealed class ModelRanking(Func<LanguageModel?> loadedModel, Func<InlineCompletionOptions, IReadOnlyList<IContextSource>>? promptSources = null,
    ILog? log = null)
{

    private readonly DeclarationHeaderSource _header = new();
    private bool[]? _endTokens;
    private NanoTokenizer? _endTokensOf;
    private readonly Lock _scoresLock = new();
    private PromptScores? _scores;

    /// <summary>
    /// The scores of the last prompt ranked, by item text. While a word is typed the prompt stays the same (its prefix
    /// ends at the word's start, its suffix starts at the caret) and an incomplete list is asked for again at every
    /// letter (VS Code), each time with fewer of the same items: their scores are known, and asking the model again
    /// would also evict the prompt the ghost text of that keystroke extends from the prefix cache.
    /// </summary>
    private sealed class PromptScores(int[] ids, byte[] healing)
    {
        public ConcurrentDictionary<string, double?> First { get; } = new(StringComparer.Ordinal); // null: the model cannot score it
        public ConcurrentDictionary<string, double> Whole { get; } = new(StringComparer.Ordinal); // a ranking asked twice at once may write both

        private readonly Lock _runningLock = new();
        private Task _running = Task.CompletedTask;

        /// <summary>Makes <paramref name="ranking"/> this prompt's running ranking; returns the one before it, which it waits
        /// for: a list that went out before its ranking ended is asked again at the next letter, and the ranking of that
        /// list takes the scores of the first rather than asking the model for them a second time.</summary>
        public Task Enter(TaskCompletionSource ranking)
        {
            lock (_runningLock)
            {
                var before = _running;
                _running = ranking.Task;
                return before;
            }
        }

        public bool IsFor(FimPrompt prompt) =>
            ids.AsSpan().SequenceEqual(prompt.Ids) && healing.AsSpan().SequenceEqual(prompt.Healing?.Bytes ?? []);

        public static PromptScores For(FimPrompt prompt) => new(prompt.Ids, prompt.Healing?.Bytes ?? []);
    }

    /// <summary>The scores kept for <paramref name="prompt"/>, a new empty set replacing them when they are another's.</summary>
    private PromptScores ScoresFor(FimPrompt prompt)
    {
        lock (_scoresLock)
            return _scores is { } kept && kept.IsFor(prompt) ? kept : _scores = PromptScores.For(prompt);
    }

    private bool Remembers(FimPrompt prompt)
    {
        lock (_scoresLock)
            return _scores?.IsFor(prompt) == true;
    }

    /// <summary>The prompt at a word's start, built and prefilled while Roslyn computes its list.</summary>
    public sealed record PreparedPrompt(int WordStart, int Caret, FimPrompt Prompt, LanguageModel Model)
    {
        /// <summary>Milliseconds to build the prompt and to prefill it (0: its scores were remembered).</summary>
        public (double Build, double Prefill) Ms { get; init; }

        /// <summary>The prompt's tokens the model had not read when it was built (<see cref="LanguageModel.UnreadTokens"/>;
        /// 0: its scores were remembered).</summary>
        public int Unread { get; init; }
    }

    /// <summary>
    /// Whether the model has yet to read most of <paramref name="prompt"/>: more than half of it is not in its prefix
    /// cache. While a line is typed the ghost text of the keystroke before has read the prompt up to the word's start
    /// (all but the suffix window, a fifth of it); after a jump it has read none of the place, and the prefill of the
    /// whole prompt (20-30 ms on two cores) is most of the ranking's time.
    /// </summary>
    public static bool IsCold(int unread, FimPrompt prompt) => unread * 2 > prompt.Ids.Length;

    /// <summary>
    /// Builds the prompt at <paramref name="wordStart"/> and prefills it on the pool, so that the model's work overlaps
    /// Roslyn's (the list takes 15-20 ms at a member access, the prompt and its prefill about as long). Null when
    /// there is no model or the work was cancelled or failed: ranking then builds the prompt itself.
    /// </summary>
    /// <param name="cold">Set once the prompt is built, before its prefill: whether the place is cold (<see cref="IsCold"/>;
    /// a prompt ranked before is not); true when no prompt is made.</param>
    /// <param name="coldPrefillAfter">A cold place's prefill starts once this ends (Roslyn's items ready): on two cores it
    /// slowed Roslyn's list, which does not wait for a cold place's ranking (the sample's list after '.' p50 33 against
    /// 21 ms for the same places; docs/protocol.md, "Completion (the list)").</param>
    public Task<PreparedPrompt?> PrepareAsync(Document document, int wordStart, int caret, RankingOptions options, CancellationToken cancellationToken,
        TaskCompletionSource<bool>? cold = null, Task? coldPrefillAfter = null)
    {
        if (!options.Enabled || loadedModel() is not { } model)
        {
            cold?.TrySetResult(true);
            return Task.FromResult<PreparedPrompt?>(null);
        }
        return Task.Run(async () =>
        {
            try
            {
                long start = Stopwatch.GetTimestamp();
                var prompt = await BuildPromptAsync(model, document, wordStart, caret, options, cancellationToken).ConfigureAwait(false);
                double buildMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                // The prefix cache keeps the prompt's logits for the first pass; a prompt ranked before (the word's
                // list asked again) is not prefilled: its scores are remembered, and the ghost text's prompt stays.
                bool remembered = Remembers(prompt);
                int unread = remembered ? 0 : model.UnreadTokens(prompt);
                bool isCold = IsCold(unread, prompt);
                cold?.TrySetResult(isCold);
                if (isCold && coldPrefillAfter is not null)
                    await coldPrefillAfter.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!remembered)
                    await model.PrefillAsync(prompt, urgent: true, cancellationToken).ConfigureAwait(false);
                return new PreparedPrompt(wordStart, caret, prompt, model)
                {
                    Ms = (buildMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds),
                    Unread = unread,
                };
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or ModelException)
            {
                return null;
            }
            finally
            {
                cold?.TrySetResult(true);
            }
        }, CancellationToken.None);
    }

    /// <summary>What a read ahead did: the prompt's tokens the model had not read, of how many; whether it read them.</summary>
    public sealed record ReadAhead(int Unread, int Length, bool Read);

    /// <summary>
    /// Reads the place at <paramref name="caret"/> for the model before anything is typed there: the prompt of a list at a
    /// word starting there, which is the ghost text's prompt there too. Prefilled only where the place is cold
    /// (<see cref="IsCold"/>; elsewhere the keystroke's own prefill is small), after the model's other work (not urgent).
    /// Null when there is no model or ranking is off.
    /// </summary>
    public async Task<ReadAhead?> ReadAheadAsync(Document document, int caret, RankingOptions options, CancellationToken cancellationToken)
    {
        if (!options.Enabled || loadedModel() is not { } model) return null;
        // With the exact context header, as an invoked request builds it (nobody waits for this one): a keystroke's
        // request serves the header it finds while the exact one is made, and the next one's prompt starts with that.
        var exact = options with { Inline = options.Inline with { Alternatives = Math.Max(2, options.Inline.Alternatives) } };
        var prompt = await BuildPromptAsync(model, document, caret, caret, exact, cancellationToken).ConfigureAwait(false);
        int unread = model.UnreadTokens(prompt);
        bool cold = IsCold(unread, prompt);
        if (cold)
            await model.PrefillAsync(prompt, urgent: false, cancellationToken).ConfigureAwait(false);
        return new ReadAhead(unread, prompt.Ids.Length, cold);
    }

    /// <summary>The FIM prompt whose middle is the word: the prefix ends at its start, the suffix starts at the caret (what
    /// is typed of the word is in neither: the candidates are scored whole, as the text between the two).</summary>
    private async Task<FimPrompt> BuildPromptAsync(LanguageModel model, Document document, int wordStart, int caret, RankingOptions options, CancellationToken cancellationToken)
    {
        var inline = options.Inline;
        document = await FrozenSemantics.OfAsync(document, cancellationToken).ConfigureAwait(false); // as the ghost text's prompt is made
        int contextLength = model.Manifest.ContextLength;
        int promptTokens = contextLength - LocalModelBackend.AnswerRoom(contextLength, inline);
        if (options.PromptTokens > 0) promptTokens = Math.Clamp(options.PromptTokens, 64, promptTokens);
        var sources = promptSources?.Invoke(inline) ?? (inline.IncludeHeader ? [_header] : []);
        var context = await PromptContextBuilder.BuildAsync(document, wordStart, model.Tokenizer,
            PromptBudget.For(promptTokens, 0), sources, cancellationToken, suffixStart: caret).ConfigureAwait(false);
        return model.BuildPrompt(context.Prefix, context.Suffix, context.Header.Length > 0 ? context.Header : null,
            maxTokens: promptTokens);
    }

    public async Task<RankingResult> RankAsync(Document document, int wordStart, int caret, IReadOnlyList<string> candidates,
        RankingOptions options, CancellationToken cancellationToken, Task<PreparedPrompt?>? prepared = null)
    {
        long start = Stopwatch.GetTimestamp();
        if (!options.Enabled) return RankingResult.None("off");
        if (loadedModel() is not { } model) return RankingResult.None("no model");
        if (candidates.Count < 2) return RankingResult.None("nothing to rank");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Deadline);
        var firstScores = new Dictionary<int, double>();
        var stages = new List<double>();
        long lap = start;
        void Lap() { stages.Add(Math.Round(Stopwatch.GetElapsedTime(lap).TotalMilliseconds, 1)); lap = Stopwatch.GetTimestamp(); }
        var wholeScores = new Dictionary<int, double>();
        int passes = 0;
        (double Build, double Prefill) preparedMs = default;
        var unreadOf = "";
        TaskCompletionSource? running = null;
        try
        {
            var ready = prepared is null ? null : await prepared.WaitAsync(deadline.Token).ConfigureAwait(false);
            bool usable = ready is not null && ready.WordStart == wordStart && ready.Caret == caret && ReferenceEquals(ready.Model, model);
            if (usable) (preparedMs, unreadOf) = (ready!.Ms, $" ({ready.Unread} of {ready.Prompt.Ids.Length} tokens unread)");
            var prompt = usable
                ? ready!.Prompt
                : await BuildPromptAsync(model, document, wordStart, caret, options, deadline.Token).ConfigureAwait(false);
            Lap();

            // Pass 1: every item on its first new token (those of this prompt scored before are remembered).
            var scores = ScoresFor(prompt);
            running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (scores.Enter(running) is { IsCompleted: false } before)
                await before.WaitAsync(deadline.Token).ConfigureAwait(false);
            var unknown = Enumerable.Range(0, candidates.Count).Where(i => !scores.First.ContainsKey(candidates[i])).ToList();
            if (unknown.Count > 0)
            {
                passes++;
                var first = await model.ScoreAsync(prompt, unknown.Select(i => candidates[i]).ToList(), new ScoringOptions { UpToFirstNewToken = true, Urgent = true }, deadline.Token).ConfigureAwait(false);
                for (int j = 0; j < first.Count; j++)
                    scores.First[candidates[unknown[j]]] = first[j].Tokens.Count > 0 ? Sum(first[j]) : null;
            }
            for (int i = 0; i < candidates.Count; i++)
                if (scores.First[candidates[i]] is { } score) firstScores[i] = score;
            Lap();

            // Pass 2: the likeliest whole in one call; the engine scores them one at a time on the prefix cache, in
            // the first pass's order, until the best 3 are sure (ScoringOptions.KeepBest; docs/protocol.md).
            var endTokens = EndTokens(model.Tokenizer);
            var best = firstScores.OrderByDescending(p => p.Value).Take(options.Scored).Select(p => p.Key).ToList();
            foreach (int i in best)
                if (scores.Whole.TryGetValue(candidates[i], out double known)) wholeScores[i] = known;
            var rest = best.Where(i => !wholeScores.ContainsKey(i)).ToList();
            var knownBest = wholeScores.Values.Select(v => (float)v).OrderDescending().ToList();
            // Scoring stops where a whole score cannot enter the best: the remembered ones may settle it before any pass.
            bool settled = rest.Count == 0 || ScoringOptions.CannotEnterBest((float)firstScores[rest[0]], knownBest, options.Starred);
            if (!settled)
            {
                passes++;
                var whole = await model.ScoreAsync(prompt, rest.Select(i => candidates[i]).ToList(),
                    new ScoringOptions
                    {
                        EndTokens = endTokens, MaxTokens = 16, KeepBest = options.Starred, Urgent = true,
                        UpperBounds = rest.Select(i => (float)firstScores[i]).ToList(), KnownBest = knownBest,
                    }, deadline.Token).ConfigureAwait(false);
                for (int j = 0; j < whole.Count; j++)
                    if (whole[j] is { Tokens.Count: > 0, EndLogProb: { } end } scored)
                        scores.Whole[candidates[rest[j]]] = wholeScores[rest[j]] = Sum(scored) + end;
            }
            Lap();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline: what was scored whole is ranked; the rest stays in Roslyn's order.
        }
        catch (ObjectDisposedException)
        {
            return RankingResult.None("model replaced"); // a reload swapped the model out mid-ranking
        }
        finally
        {
            running?.TrySetResult();
        }
        var starred = wholeScores.OrderByDescending(p => p.Value).Take(options.Starred).Select(p => p.Key).ToList();
        string outcome = deadline.IsCancellationRequested ? "deadline" : "ranked";
        var result = new RankingResult(starred, firstScores.Count, wholeScores.Count, Stopwatch.GetElapsedTime(start), outcome)
        {
            StageMs = [.. stages], ModelPasses = passes, PreparedMs = preparedMs,
        };
        // Where a list's ranking spent its time, in the server's log at debug level (the typing benchmark keeps it): the
        // stages include the waits for the model, which the ghost text of the same keystroke may hold.
        log?.Debug($"Ranked {candidates.Count} names: {outcome} in {result.Latency.TotalMilliseconds:0} ms, {passes} model pass(es), " +
                   $"stages (prompt, first, whole) {string.Join(" / ", stages)} ms, prompt prepared in {preparedMs.Build:0} + {preparedMs.Prefill:0} ms{unreadOf}.");
        return result;
    }

    // The healed first tokens are judged among those consistent with the text they re-type.
    private static double Sum(ScoredContinuation scored) => scored.Tokens.Sum(t => (double)t.ConstrainedLogProb);

    /// <summary>Tokens that end a word: those whose first byte cannot continue a C# identifier.</summary>
    private bool[] EndTokens(NanoTokenizer tokenizer)
    {
        if (_endTokens is { } known && ReferenceEquals(_endTokensOf, tokenizer)) return known;
        var ends = new bool[tokenizer.VocabSize];
        for (int id = 0; id < ends.Length; id++)
        {
            var bytes = tokenizer.TokenBytes(id);
            ends[id] = bytes.Length > 0 && !(char.IsAsciiLetterOrDigit((char)bytes[0]) || bytes[0] == '_' || bytes[0] >= 0x80);
        }
        (_endTokens, _endTokensOf) = (ends, tokenizer);
        return ends;
    }
}
