using System.Text;

namespace NanoLsp.Model;

/// <summary>A continuation of a prompt as the model sees it: its tokens with their log-probabilities.</summary>
public sealed record ScoredContinuation(string Text, IReadOnlyList<GeneratedToken> Tokens);

/// <summary>
/// Scores given continuations of a prompt (teacher forcing) after the prompt, which the prefix cache already
/// holds from the generation that came before. The continuations run side by side as the rows of one batched
/// forward pass over a copy of the prompt's keys and values (as beams do): the weights are read once for all
/// of them, where one pass each read them once per candidate. Rows are padded at the end to the longest;
/// attention is causal, so padding never reaches the positions that are read. The prompt's token healing
/// applies as in generation: a continuation is the text after the re-typed bytes, and the first tokens are
/// judged among those consistent with them. The prefix cache is left holding the prompt.
/// </summary>
/// <param name="rowsPerPass">At most eight (the engine's buffers); one gives a pass per candidate (the benchmark's baseline).</param>
internal sealed class ContinuationScorer(Decoder decoder, NanoTokenizer tokenizer, PrefixCache prefixCache, int rowsPerPass = 8)
{
    private readonly int _maxRows = Math.Clamp(rowsPerPass, 1, 8);
    private readonly float[] _work = new float[decoder.Manifest.VocabSize];

    public IReadOnlyList<ScoredContinuation> Score(int[] prompt, TokenHealing? healing, IReadOnlyList<string> continuations,
        ITokenPrior? prior, int maxTokens, CancellationToken cancellation)
    {
        var afterPrompt = prefixCache.Prefill(prompt, cancellation).ToArray();
        int promptLength = prefixCache.Cache.Length;
        string healedText = healing is null ? "" : Encoding.UTF8.GetString(healing.Bytes);
        var results = new ScoredContinuation[continuations.Count];
        var rows = new List<(int Index, int[] Ids)>();
        for (int c = 0; c < continuations.Count; c++)
        {
            int[] ids = tokenizer.Encode(healedText + continuations[c]);
            // Room for the answer in the context and the caller's cap; a longer continuation is judged on what fits.
            int fits = Math.Min(Math.Min(ids.Length, maxTokens), prefixCache.Cache.Capacity - promptLength);
            if (fits <= 0 || ids.Take(fits).Any(tokenizer.IsSpecial))
                results[c] = new ScoredContinuation(continuations[c], []);
            else
                rows.Add((c, ids[..fits]));
        }
        // Groups the engine can run at once: at most eight rows, rows x length within its token buffers.
        rows.Sort((a, b) => a.Ids.Length.CompareTo(b.Ids.Length));
        for (int start = 0; start < rows.Count;)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = 1;
            while (start + count < rows.Count && count < _maxRows && (count + 1) * (rows[start + count].Ids.Length - 1) <= decoder.Capacity)
                count++;
            var group = rows.GetRange(start, count);
            var logits = RunGroup(group, promptLength, cancellation);
            int length = group[^1].Ids.Length - 1;
            for (int r = 0; r < group.Count; r++)
            {
                var (index, ids) = group[r];
                results[index] = Judge(continuations[index], ids, afterPrompt, logits, r * length, healing, prior);
            }
            start += count;
        }
        return results;
    }

    /// <summary>The logits after each token but the last of every row: row r's position i at (r * length + i).</summary>
    private float[] RunGroup(List<(int Index, int[] Ids)> group, int promptLength, CancellationToken cancellation)
    {
        int length = group[^1].Ids.Length - 1; // sorted: the last row is the longest
        if (length == 0) return [];
        var tokens = new int[group.Count * length];
        for (int r = 0; r < group.Count; r++)
        {
            var ids = group[r].Ids;
            for (int i = 0; i < length; i++) tokens[r * length + i] = ids[Math.Min(i, ids.Length - 1)];
        }
        using var cache = decoder.CreateCache(group.Count, promptLength + length + 1);
        cache.BroadcastFrom(prefixCache.Cache);
        return decoder.Forward(cache, tokens, keep: length, cancellation).ToArray();
    }

    private ScoredContinuation Judge(string text, int[] ids, float[] afterPrompt, float[] logits, int rowStart,
        TokenHealing? healing, ITokenPrior? prior)
    {
        int vocab = _work.Length;
        var heal = healing?.Clone();
        var tokens = new List<GeneratedToken>(ids.Length);
        var generated = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            (i == 0 ? afterPrompt.AsSpan() : logits.AsSpan((rowStart + i - 1) * vocab, vocab)).CopyTo(_work);
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
        return new ScoredContinuation(text, tokens);
    }
}
