using System.Buffers;

namespace NanoLsp.Model;

/// <summary>Sampling settings. Temperature 0 means greedy (arg max), whatever the other values.</summary>
public readonly record struct SamplingOptions(float Temperature = 0f, int TopK = 0, float TopP = 1f, ulong Seed = 0)
{
    public bool IsGreedy => Temperature <= 0f;
}

/// <summary>
/// A seeded xorshift64* generator kept as a value: the caller owns its state, so sampling is a pure
/// function of (logits, options, state) and a seed reproduces a run exactly, on any .NET version.
/// </summary>
public struct Rng(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public double NextDouble()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return ((_state * 0x2545F4914F6CDD1DUL) >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>Picks the next token from logits. Masked-out tokens carry negative infinity and are never picked.</summary>
public static class Sampler
{
    public static int Sample(ReadOnlySpan<float> logits, SamplingOptions options, ref Rng rng)
    {
        if (options.IsGreedy) return ArgMax(logits);

        // Candidates sorted by logit, best first; top-k cuts the list, top-p cuts it where the
        // cumulative probability reaches p (the token that crosses p stays in).
        int n = logits.Length;
        int[] order = ArrayPool<int>.Shared.Rent(n);
        float[] keys = ArrayPool<float>.Shared.Rent(n);
        try
        {
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (float.IsNegativeInfinity(logits[i])) continue;
                order[count] = i;
                keys[count++] = -logits[i];
            }
            if (count == 0) throw new InvalidOperationException("Every token is masked out.");
            Array.Sort(keys, order, 0, count);
            if (options.TopK > 0) count = Math.Min(count, options.TopK);

            float max = -keys[0];
            double sum = 0;
            var probs = keys.AsSpan(0, count);
            for (int i = 0; i < count; i++)
            {
                probs[i] = MathF.Exp((-keys[i] - max) / options.Temperature);
                sum += probs[i];
            }
            if (options.TopP < 1f)
            {
                double cumulative = 0;
                for (int i = 0; i < count; i++)
                {
                    cumulative += probs[i] / sum;
                    if (cumulative >= options.TopP) { count = i + 1; break; }
                }
                sum = 0;
                for (int i = 0; i < count; i++) sum += probs[i];
            }

            double r = rng.NextDouble() * sum;
            for (int i = 0; i < count; i++)
            {
                r -= probs[i];
                if (r <= 0) return order[i];
            }
            return order[count - 1];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<float>.Shared.Return(keys);
        }
    }

    /// <summary>Index of the largest logit; the lowest index wins ties, as torch.argmax does.</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        float bestValue = float.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
        {
            if (logits[i] > bestValue) { bestValue = logits[i]; best = i; }
        }
        if (float.IsNegativeInfinity(bestValue)) throw new InvalidOperationException("Every token is masked out.");
        return best;
    }

    /// <summary>The <paramref name="k"/> largest logits that are not masked out, best first, as log-probabilities
    /// (logit - <paramref name="logSumExp"/>); ties keep the lower index first.</summary>
    public static IReadOnlyList<(int Id, float LogProb)> TopK(ReadOnlySpan<float> logits, int k, float logSumExp)
    {
        var best = new List<(int Id, float LogProb)>(k + 1);
        for (int i = 0; i < logits.Length; i++)
        {
            float x = logits[i];
            if (float.IsNegativeInfinity(x) || (best.Count == k && x <= best[^1].LogProb)) continue;
            int at = best.Count;
            while (at > 0 && best[at - 1].LogProb < x) at--;
            best.Insert(at, (i, x));
            if (best.Count > k) best.RemoveAt(k);
        }
        for (int i = 0; i < best.Count; i++) best[i] = (best[i].Id, best[i].LogProb - logSumExp);
        return best;
    }

    /// <summary>log Σ exp(logits), computed stably; log p(i) = logits[i] - LogSumExp(logits).</summary>
    public static float LogSumExp(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float x in logits) if (x > max) max = x;
        if (float.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (float x in logits) sum += MathF.Exp(x - max);
        return max + (float)Math.Log(sum);
    }
}
