using System.Text;

namespace NanoLsp.Model;

/// <summary>A finished beam: the completion text and its tokens; Score is the mean log-probability per token.</summary>
/// <summary>One finished beam; the prompt figures are the search's (the same for every beam), for reports.</summary>
public sealed record BeamHypothesis(string Text, IReadOnlyList<GeneratedToken> Tokens, float Score, StopReason StopReason)
{
    public int PromptTokens { get; init; }
    public int ReusedPromptTokens { get; init; }
}

/// <summary>
/// A small beam search: all beams run as one batch (batch = beam width) over a cache copied from
/// the prompt's; after each step the cache rows are reordered to follow the surviving beams.
/// Gives ranked alternatives (completion lists) rather than one line.
/// </summary>
public sealed class BeamSearch(Decoder decoder, NanoTokenizer tokenizer, PrefixCache prefixCache)
{
    private sealed record Beam(List<GeneratedToken> Tokens, List<byte> Bytes, TokenHealing? Healing, float LogProb)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.ToArray());
        public float Score => Tokens.Count == 0 ? LogProb : LogProb / Tokens.Count;
    }

    public IReadOnlyList<BeamHypothesis> Search(int[] prompt, TokenHealing? healing, int width, GenerationOptions options,
        CancellationToken cancellation = default)
    {
        if (width is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(width), "Beam width must be 1 to 8.");
        int vocab = tokenizer.VocabSize;
        var finished = new List<BeamHypothesis>();
        var live = new List<Beam> { new([], [], healing?.Clone(), 0f) };
        var deadline = options.Deadline is { } d ? DateTime.UtcNow + d : DateTime.MaxValue;

        // (rows, vocab); one row before the first step. Pooled (RowBuffer): a new array per step of three rows or more
        // is a large object each time.
        using var rows = RowBuffer.Rent(width * vocab);
        float[] logits = rows.Array;
        prefixCache.Prefill(prompt).CopyTo(logits);
        int reused = prefixCache.LastReused;
        using var cache = decoder.CreateCache(width, prefixCache.Cache.Length + options.MaxTokens + 1);
        cache.BroadcastFrom(prefixCache.Cache);
        float[] work = new float[vocab];
        int[] parents = new int[width];
        int[] next = new int[width];

        for (int stepIndex = 0; live.Count > 0; stepIndex++)
        {
            bool outOfTime = cancellation.IsCancellationRequested || DateTime.UtcNow >= deadline;
            if (outOfTime || stepIndex >= options.MaxTokens || cache.Length >= cache.Capacity)
            {
                var reason = cancellation.IsCancellationRequested ? StopReason.Cancelled
                    : outOfTime ? StopReason.Deadline : stepIndex >= options.MaxTokens ? StopReason.MaxTokens : StopReason.ContextFull;
                finished.AddRange(live.Select(b => new BeamHypothesis(b.Text, b.Tokens, b.Score, reason)));
                break;
            }

            // Every live beam proposes its best `width` tokens; the best `width` proposals overall survive.
            var proposals = new List<(int Row, int Token, float LogProb, float ConstrainedLogProb)>();
            for (int row = 0; row < live.Count; row++)
            {
                logits.AsSpan(row * vocab, vocab).CopyTo(work);
                float lse = Sampler.LogSumExp(work);
                live[row].Healing?.Apply(work);
                options.Mask?.Apply(new TokenMaskContext(live[row].Tokens.Select(t => t.Id).ToList(), live[row].Text), work);
                float allowed = Sampler.LogSumExp(work);
                var forced = ForcedText.Of(live[row].Healing, options.Mask);
                foreach (int token in TopIndices(work, width))
                    proposals.Add((row, token, logits[row * vocab + token] - lse, ForcedText.ConstrainedLogProb(work, token, forced, tokenizer, allowed)));
            }
            proposals.Sort((a, b) => (live[b.Row].LogProb + b.LogProb).CompareTo(live[a.Row].LogProb + a.LogProb));

            var survivors = new List<Beam>();
            foreach (var (row, token, logProb, constrained) in proposals)
            {
                if (survivors.Count == width || finished.Count >= width) break;
                var parent = live[row];
                if (tokenizer.IsSpecial(token))
                {
                    if (parent.Tokens.Count > 0)
                        finished.Add(new BeamHypothesis(parent.Text, parent.Tokens, parent.Score, StopReason.EndOfText));
                    continue;
                }
                var beamHealing = parent.Healing?.Clone();
                int retyped = beamHealing?.Accept(token) ?? 0;
                var generated = new GeneratedToken(token, logProb, constrained) { RetypesHealedText = retyped == tokenizer.TokenBytes(token).Length };
                var beam = new Beam([.. parent.Tokens, generated], [.. parent.Bytes], beamHealing, parent.LogProb + logProb);
                beam.Bytes.AddRange(tokenizer.TokenBytes(token)[retyped..].ToArray());
                string text = beam.Text;
                if (options.SingleLine && text.IndexOf('\n') is var newline and >= 0)
                    finished.Add(new BeamHypothesis(text[..newline].TrimEnd('\r'), beam.Tokens, beam.Score, StopReason.Newline));
                else if (options.StopStrings.FirstOrDefault(s => s.Length > 0 && text.Contains(s, StringComparison.Ordinal)) is { } stop)
                    finished.Add(new BeamHypothesis(text[..text.IndexOf(stop, StringComparison.Ordinal)], beam.Tokens, beam.Score, StopReason.StopString));
                else
                {
                    parents[survivors.Count] = row;
                    next[survivors.Count] = token;
                    survivors.Add(beam);
                }
            }
            if (finished.Count >= width) break;
            live = survivors;
            if (live.Count == 0) break;

            // Rows without a survivor repeat row 0; their logits are ignored.
            for (int row = live.Count; row < width; row++) { parents[row] = parents[0]; next[row] = next[0]; }
            cache.Reorder(parents);
            decoder.Forward(cache, next).CopyTo(logits);
        }

        return finished.OrderByDescending(h => h.Score).Take(width)
            .Select(h => h with { PromptTokens = prompt.Length, ReusedPromptTokens = reused }).ToList();
    }

    private static IEnumerable<int> TopIndices(float[] values, int k)
    {
        // k is tiny (a beam width), so a partial selection beats sorting the vocabulary.
        var best = new List<int>(k + 1);
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNegativeInfinity(values[i])) continue;
            if (best.Count == k && values[i] <= values[best[^1]]) continue;
            int at = best.Count;
            while (at > 0 && values[best[at - 1]] < values[i]) at--;
            best.Insert(at, i);
            if (best.Count > k) best.RemoveAt(k);
        }
        return best;
    }
}
