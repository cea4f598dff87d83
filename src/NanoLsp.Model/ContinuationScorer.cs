using System.Text;

namespace NanoLsp.Model;

/// <summary>A continuation of a prompt as the model sees it: its tokens with their log-probabilities.</summary>
public sealed record ScoredContinuation(string Text, IReadOnlyList<GeneratedToken> Tokens)
{
    /// <summary>With <see cref="ScoringOptions.EndTokens"/>: the log-probability that the next token after the
    /// continuation is one of them (the continuation ends there); null when not asked or not scored whole.</summary>
    public float? EndLogProb { get; init; }
}

/// <summary>How continuations are scored (all optional; the defaults score each on its first 64 tokens).</summary>
public sealed record ScoringOptions
{
    /// <summary>A distribution mixed in as in generation.</summary>
    public ITokenPrior? Prior { get; init; }

    /// <summary>Each continuation is judged on at most this many tokens.</summary>
    public int MaxTokens { get; init; } = 64;

    /// <summary>Someone waits on it beside other work (a completion list's ranking): it runs before every generation still
    /// waiting for the model (<see cref="ModelGate"/>).</summary>
    public bool Urgent { get; init; }

    /// <summary>The cheap pass: each continuation is judged only up to its first token that writes past the
    /// prompt's healed text, and continuations that start with the same re-typing tokens share one forward
    /// pass, so hundreds of candidates cost about one prefill.</summary>
    public bool UpToFirstNewToken { get; init; }

    /// <summary>Tokens that may follow a finished continuation (indexed by token id); when set, each scored
    /// whole also gets <see cref="ScoredContinuation.EndLogProb"/>, so a short continuation that is only the
    /// start of a longer word ("Add" of "AddRange") pays for not going on.</summary>
    public bool[]? EndTokens { get; init; }

    /// <summary>Only the best few are wanted (a ranking): with <see cref="UpperBounds"/>, continuations are scored one
    /// at a time in the order given, each on the prefix cache itself (no copy of the prompt per row), and scoring
    /// stops once this many have scored (their tokens' constrained log-probabilities plus the end's) above the next
    /// one's bound. The rest come back unscored (no tokens). The best stay the same as when every one is scored.</summary>
    public int KeepBest { get; init; }

    /// <summary>With <see cref="KeepBest"/>: for each continuation, in descending order, a score it cannot beat whole,
    /// such as its first tokens' constrained log-probabilities from the cheap pass (every further token and the end
    /// only subtract).</summary>
    public IReadOnlyList<float>? UpperBounds { get; init; }

    /// <summary>With <see cref="KeepBest"/>: whole scores (as above) of continuations of the same prompt scored before
    /// (a ranking asked again as the word is typed), counted among the best, so scoring stops as soon as it would have
    /// with them in the list.</summary>
    public IReadOnlyList<float>? KnownBest { get; init; }

    /// <summary>Whether a continuation whose whole score cannot beat <paramref name="bound"/> cannot enter the best
    /// <paramref name="keep"/> of <paramref name="bestDescending"/> either (the margin covers float sums taken in
    /// another order).</summary>
    public static bool CannotEnterBest(float bound, IReadOnlyList<float> bestDescending, int keep) =>
        bestDescending.Count >= keep && bound + 1e-4f <= bestDescending[keep - 1];
}

/// <summary>
/// Scores given continuations of a prompt (teacher forcing) after the prompt, which the prefix cache already
/// holds from the generation that came before. Each continuation runs on the prefix cache itself, which is cut
/// back after it (<paramref name="rowsPerPass"/> 1, the engine's), or several run side by side as the rows of one
/// forward pass over a copy of the prompt's keys and values, padded at the end to the longest (attention is causal,
/// so padding never reaches the positions that are read). The rows were meant to read the weights once for all
/// continuations, but the copies cost more than that saved, and the decoder now runs such rows one at a time
/// anyway (<see cref="Decoder.Forward"/>): 5 candidates after 256 tokens 29 ms one at a time against 33 ms as rows,
/// 8 names after 450 tokens 12 against 22 ms (NanoLsp.Model.Bench, the lean graph, 2-core machine). The cheap pass
/// (<see cref="ScoringOptions.UpToFirstNewToken"/>) instead shares rows between continuations that start
/// alike. The prompt's token healing applies as in generation: a continuation is the text after the re-typed
/// bytes, and the first tokens are judged among those consistent with them. The prefix cache is left
/// holding the prompt.
/// </summary>
/// <param name="rowsPerPass">One: a pass per continuation on the prefix cache (the engine's). More (at most eight, the
/// engine's buffers): the rows of one pass over a copy of the prompt (the benchmark's comparison).</param>
internal sealed class ContinuationScorer(Decoder decoder, NanoTokenizer tokenizer, PrefixCache prefixCache, int rowsPerPass = 1)
{
    private readonly int _maxRows = Math.Clamp(rowsPerPass, 1, 8);
    private readonly float[] _work = new float[decoder.Manifest.VocabSize];

    // The same names come back list after list (a statement's start offers the same thousand each time), and
    // tokenizing a thousand of them took 11 ms, most of a ranked list's first pass: their tokens are kept. Calls run
    // one at a time (LanguageModel serialises them), so a plain dictionary, emptied when full, bounds it.
    private readonly Dictionary<(string Healed, string Continuation), int[]> _encoded = [];
    private const int EncodedKept = 16_384;

    public IReadOnlyList<ScoredContinuation> Score(int[] prompt, TokenHealing? healing, IReadOnlyList<string> continuations,
        ScoringOptions options, CancellationToken cancellation)
    {
        var afterPrompt = prefixCache.Prefill(prompt, cancellation).ToArray();
        int promptLength = prefixCache.Cache.Length;
        string healedText = healing is null ? "" : Encoding.UTF8.GetString(healing.Bytes);
        int healedBytes = healing?.Bytes.Length ?? 0;
        // The cheap pass: rows after the same leading (re-typing) tokens are computed once.
        var shared = options.UpToFirstNewToken ? new Dictionary<TokenPrefix, float[]>() : null;
        var steps = shared is null ? null : new Dictionary<TokenPrefix, Step>();
        var results = new ScoredContinuation[continuations.Count];
        var plans = new List<Plan>();
        for (int c = 0; c < continuations.Count; c++)
        {
            int[] ids = Encode(healedText, continuations[c]);
            // Room for the answer in the context and the caller's cap; a longer continuation is judged on what fits.
            int fits = Math.Min(Math.Min(ids.Length, options.MaxTokens), prefixCache.Cache.Capacity - promptLength - (options.EndTokens is null ? 0 : 1));
            if (options.UpToFirstNewToken)
                fits = Math.Min(fits, FirstNewToken(ids, healedBytes) + 1);
            if (fits <= 0 || ids.Take(fits).Any(tokenizer.IsSpecial))
            {
                results[c] = new ScoredContinuation(continuations[c], []);
                continue;
            }
            bool end = options.EndTokens is not null && fits == ids.Length;
            // Rows after each of the first fits-1 tokens (and after the last one too, for the end's probability).
            plans.Add(new Plan(c, ids, fits, end, end ? fits : fits - 1));
        }
        if (options is { KeepBest: > 0, UpperBounds: { } bounds })
            return ScoreBest(plans, results, continuations, afterPrompt, healing, options, bounds, cancellation);
        try
        {
            if (shared is null)
                BatchRows(plans, cancellation);
            foreach (var plan in plans)
            {
                cancellation.ThrowIfCancellationRequested();
                var rows = shared is null ? plan.Rows : plan.Forward == 0 ? null : Rows(plan.Ids, plan.Forward, shared, cancellation);
                var tokens = shared is not null
                    ? ScoreShared(plan.Ids, plan.Fits, afterPrompt, rows, healing, options.Prior, steps!)
                    : ScoreOne(plan.Ids, plan.Fits, afterPrompt, rows, healing, options.Prior);
                results[plan.Index] = Scored(continuations[plan.Index], plan, rows, tokens, options.EndTokens);
            }
            return results;
        }
        finally
        {
            foreach (var plan in plans)
                RowBuffer.Return(plan.Rows);
            if (shared is not null)
                foreach (var rows in shared.Values)
                    RowBuffer.Return(rows);
        }
    }

    /// <summary>A plan's result: its judged tokens and, when it was scored whole, the end's probability after them.</summary>
    private ScoredContinuation Scored(string text, Plan plan, float[]? rows, List<GeneratedToken> tokens, bool[]? endTokens)
    {
        int vocab = decoder.Manifest.VocabSize;
        return new ScoredContinuation(text, tokens)
        {
            EndLogProb = plan.End ? EndLogProb(rows.AsSpan((plan.Fits - 1) * vocab, vocab), endTokens!) : null,
        };
    }

    /// <summary>
    /// Scores the plans one by one in the given order (bounds descending), each on the prefix cache, and stops once
    /// <see cref="ScoringOptions.KeepBest"/> have scored above the next bound. A batched pass would copy the
    /// prompt's keys and values into every row (8 rows after 450 tokens: about 60 MB allocated and written per
    /// list); here nothing is copied, and most lists stop after a few rows.
    /// </summary>
    private IReadOnlyList<ScoredContinuation> ScoreBest(List<Plan> plans, ScoredContinuation[] results, IReadOnlyList<string> continuations,
        float[] afterPrompt, TokenHealing? healing, ScoringOptions options, IReadOnlyList<float> bounds, CancellationToken cancellation)
    {
        var best = (options.KnownBest ?? []).OrderDescending().ToList(); // descending
        foreach (var plan in plans)
        {
            // Whole scores only fall below the bound, so one at or below the k-th best cannot enter the best.
            if (ScoringOptions.CannotEnterBest(bounds[plan.Index], best, options.KeepBest))
                break;
            cancellation.ThrowIfCancellationRequested();
            var rows = plan.Forward == 0 ? null : Rows(plan.Ids, plan.Forward, shared: null, cancellation);
            ScoredContinuation scored;
            try
            {
                scored = results[plan.Index] = Scored(continuations[plan.Index], plan, rows,
                    ScoreOne(plan.Ids, plan.Fits, afterPrompt, rows, healing, options.Prior), options.EndTokens);
            }
            finally
            {
                RowBuffer.Return(rows);
            }
            float whole = scored.Tokens.Sum(t => t.ConstrainedLogProb) + (scored.EndLogProb ?? 0);
            int at = best.FindIndex(b => whole > b);
            best.Insert(at < 0 ? best.Count : at, whole);
        }
        for (int c = 0; c < results.Length; c++)
            results[c] ??= new ScoredContinuation(continuations[c], []);
        return results;
    }

    private sealed record Plan(int Index, int[] Ids, int Fits, bool End, int Forward)
    {
        /// <summary>The logits after each of the first <see cref="Forward"/> tokens, (Forward, vocab), in a pooled
        /// buffer (<see cref="RowBuffer"/>).</summary>
        public float[]? Rows { get; set; }
    }

    /// <summary>Runs the plans as the rows of as few batched passes as the engine takes (at most eight rows,
    /// rows x length within its token buffers), shortest first so that a group pads little.</summary>
    private void BatchRows(List<Plan> plans, CancellationToken cancellation)
    {
        int vocab = decoder.Manifest.VocabSize;
        var todo = plans.Where(p => p.Forward > 0).OrderBy(p => p.Forward).ToList();
        for (int start = 0; start < todo.Count;)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = 1;
            while (start + count < todo.Count && count < _maxRows && (count + 1) * todo[start + count].Forward <= decoder.Capacity)
                count++;
            var group = todo.GetRange(start, count);
            int length = group[^1].Forward;
            if (count == 1)
            {
                // One row needs no copy of the prompt: it runs on the prefix cache itself, which is cut back after.
                group[0].Rows = Rows(group[0].Ids, group[0].Forward, shared: null, cancellation);
                start++;
                continue;
            }
            var ids = new int[count * length];
            for (int r = 0; r < count; r++)
                for (int i = 0; i < length; i++)
                    ids[r * length + i] = group[r].Ids[Math.Min(i, group[r].Ids.Length - 1)];
            using var cache = decoder.CreateCache(count, prefixCache.Cache.Length + length + 1);
            cache.BroadcastFrom(prefixCache.Cache);
            var logits = decoder.Forward(cache, ids, keep: length, cancellation);
            for (int r = 0; r < count; r++)
                group[r].Rows = RowBuffer.CopyOf(logits.Slice(r * length * vocab, group[r].Forward * vocab));
            start += count;
        }
    }

    /// <summary>One continuation judged token by token, as generation would judge it.</summary>
    private List<GeneratedToken> ScoreOne(int[] ids, int fits, float[] afterPrompt, float[]? rows, TokenHealing? healing, ITokenPrior? prior)
    {
        int vocab = decoder.Manifest.VocabSize;
        var heal = healing?.Clone();
        var tokens = new List<GeneratedToken>(fits);
        var generated = new List<int>(fits);
        for (int i = 0; i < fits; i++)
        {
            (i == 0 ? afterPrompt.AsSpan() : rows.AsSpan((i - 1) * vocab, vocab)).CopyTo(_work);
            float logSumExp = Sampler.LogSumExp(_work);
            if (prior is not null)
                logSumExp = TokenPriorMixing.Apply(_work, logSumExp, prior.Next(generated));
            float logit = _work[ids[i]];
            heal?.Apply(_work);
            float allowed = Sampler.LogSumExp(_work);
            // As in generation: a token that writes all the healed text and more is judged among those that also do.
            float constrained = float.IsNegativeInfinity(allowed) || float.IsNegativeInfinity(_work[ids[i]]) ? float.NegativeInfinity
                : ForcedText.ConstrainedLogProb(_work, ids[i], ForcedText.Of(heal, null), tokenizer, allowed);
            int retyped = heal?.Accept(ids[i]) ?? 0;
            tokens.Add(new GeneratedToken(ids[i], logit - logSumExp, constrained)
            {
                RetypesHealedText = retyped == tokenizer.TokenBytes(ids[i]).Length,
            });
            generated.Add(ids[i]);
        }
        return tokens;
    }

    /// <summary>What judging a token at one step needs, shared by every continuation with the same tokens before it:
    /// the logits after the prior (before healing), after healing, their log-sum-exps, the healing state.</summary>
    private sealed class Step(float[] mixed, float[] allowed, float logSumExp, float allowedLogSumExp, TokenHealing? heal)
    {
        public float[] Mixed { get; } = mixed;
        public float[] Allowed { get; } = allowed;
        public float LogSumExp { get; } = logSumExp;
        public float AllowedLogSumExp { get; } = allowedLogSumExp;
        public TokenHealing? Heal { get; } = heal;
        public System.Runtime.CompilerServices.StrongBox<float> Beyond { get; } = new(float.NaN);
    }

    /// <summary>The cheap pass: the same judgement as <see cref="ScoreOne"/>, with each step's vocabulary-wide work
    /// done once for all continuations that reach it (hundreds of items share the step after the prompt).</summary>
    private List<GeneratedToken> ScoreShared(int[] ids, int fits, float[] afterPrompt, float[]? rows, TokenHealing? healing,
        ITokenPrior? prior, Dictionary<TokenPrefix, Step> steps)
    {
        int vocab = decoder.Manifest.VocabSize;
        var tokens = new List<GeneratedToken>(fits);
        for (int i = 0; i < fits; i++)
        {
            var key = new TokenPrefix(ids, i);
            if (!steps.TryGetValue(key, out var step))
            {
                // The healing state after this step's earlier tokens: the previous step's, having accepted its token.
                var heal = i == 0 ? healing?.Clone() : steps[new TokenPrefix(ids, i - 1)].Heal?.Clone();
                if (i > 0) heal?.Accept(ids[i - 1]);
                var mixed = (i == 0 ? afterPrompt.AsSpan() : rows.AsSpan((i - 1) * vocab, vocab)).ToArray();
                float logSumExp = Sampler.LogSumExp(mixed);
                if (prior is not null)
                    logSumExp = TokenPriorMixing.Apply(mixed, logSumExp, prior.Next(ids.Take(i).ToList()));
                var allowed = mixed.ToArray();
                heal?.Apply(allowed);
                steps[key] = step = new Step(mixed, allowed, logSumExp, Sampler.LogSumExp(allowed), heal);
            }
            int id = ids[i];
            float constrained = float.IsNegativeInfinity(step.AllowedLogSumExp) || float.IsNegativeInfinity(step.Allowed[id]) ? float.NegativeInfinity
                : ForcedText.ConstrainedLogProb(step.Allowed, id, ForcedText.Of(step.Heal, null), tokenizer, step.AllowedLogSumExp, step.Beyond);
            int retyped = step.Heal?.Clone().Accept(id) ?? 0;
            tokens.Add(new GeneratedToken(id, step.Mixed[id] - step.LogSumExp, constrained)
            {
                RetypesHealedText = retyped == tokenizer.TokenBytes(id).Length,
            });
        }
        return tokens;
    }

    /// <summary>The logits after each of the first <paramref name="count"/> tokens, (count, vocab), in a pooled buffer
    /// (<see cref="RowBuffer"/>); the cache is left holding the prompt.</summary>
    private float[] Rows(int[] ids, int count, Dictionary<TokenPrefix, float[]>? shared, CancellationToken cancellation)
    {
        var key = new TokenPrefix(ids, count);
        if (shared is not null && shared.TryGetValue(key, out var known))
            return known;
        int promptLength = prefixCache.Cache.Length;
        try
        {
            var rows = RowBuffer.CopyOf(decoder.Forward(prefixCache.Cache, ids.AsSpan(0, count), keep: count, cancellation));
            if (shared is not null) shared[key] = rows;
            return rows;
        }
        finally
        {
            prefixCache.Cache.Truncate(promptLength);
        }
    }

    /// <summary>The first <paramref name="Length"/> tokens of <paramref name="Ids"/> as a key compared by value: the shared
    /// steps of the cheap pass are looked up per name and step, and a string key was a new string each time. The ids are
    /// the kept encodings (<see cref="Encode"/>), never written to.</summary>
    private readonly record struct TokenPrefix(int[] Ids, int Length)
    {
        public bool Equals(TokenPrefix other) => Ids.AsSpan(0, Length).SequenceEqual(other.Ids.AsSpan(0, other.Length));

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Ids.AsSpan(0, Length)));
            return hash.ToHashCode();
        }
    }

    /// <summary>The tokens of the healed text followed by the continuation, kept for the next call (never to be written
    /// to). Keyed by the pair, so a name scored before costs no new string.</summary>
    private int[] Encode(string healed, string continuation)
    {
        if (_encoded.TryGetValue((healed, continuation), out var ids)) return ids;
        if (_encoded.Count >= EncodedKept) _encoded.Clear();
        return _encoded[(healed, continuation)] = tokenizer.Encode(healed + continuation);
    }

    /// <summary>The index of the first token that writes past the healed bytes (0 without healing).</summary>
    private int FirstNewToken(int[] ids, int healedBytes)
    {
        int written = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            written += tokenizer.TokenBytes(ids[i]).Length;
            if (written > healedBytes) return i;
        }
        return ids.Length - 1;
    }

    private static float EndLogProb(ReadOnlySpan<float> logits, bool[] endTokens)
    {
        float all = Sampler.LogSumExp(logits);
        float max = float.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
            if (endTokens[i] && logits[i] > max) max = logits[i];
        if (float.IsNegativeInfinity(max)) return float.NegativeInfinity;
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
            if (endTokens[i]) sum += Math.Exp(logits[i] - max);
        return (float)(max + Math.Log(sum)) - all;
    }
}
