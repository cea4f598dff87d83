namespace NanoLsp.Model;

/// <summary>A sparse next-token distribution from outside the model (the server's repository memory: what
/// followed the same token context elsewhere in the user's code) and how much to trust it.</summary>
/// <param name="Weight">λ in p = (1 − λ)·p_model + λ·q; 0 leaves the model's distribution as it is.</param>
/// <param name="Tokens">The tokens of q with their probabilities (they sum to 1).</param>
public readonly record struct PriorDistribution(float Weight, IReadOnlyList<(int Token, float Probability)> Tokens)
{
    public static PriorDistribution None { get; } = new(0, []);
}

/// <summary>
/// Asked at each decoding step for a distribution to interpolate with the model's (a nested cache in the
/// sense of Karampatsis et al. 2020). The engine knows nothing of where it comes from.
/// </summary>
public interface ITokenPrior
{
    /// <param name="generated">The tokens generated so far (token healing's re-typed ones included): the
    /// prior continues the prompt's own context with them.</param>
    PriorDistribution Next(IReadOnlyList<int> generated);
}

public static class TokenPriorMixing
{
    /// <summary>
    /// Mixes <paramref name="prior"/> into <paramref name="logits"/> in place, so that softmax(logits) is
    /// (1 − λ)·softmax(logits) + λ·q. Only q's tokens change: dividing the mixture by (1 − λ) leaves every
    /// other token's logit where it was (up to the constant log-sum-exp), so one step costs O(|q|).
    /// Returns the log-sum-exp of the mixed logits.
    /// </summary>
    public static float Apply(Span<float> logits, float logSumExp, PriorDistribution prior)
    {
        float w = Math.Clamp(prior.Weight, 0f, 0.99f);
        if (w <= 0 || prior.Tokens.Count == 0) return logSumExp;
        float odds = w / (1 - w);
        foreach (var (token, q) in prior.Tokens)
        {
            if ((uint)token >= (uint)logits.Length || q <= 0) continue;
            float p = MathF.Exp(logits[token] - logSumExp);
            logits[token] = logSumExp + MathF.Log(p + odds * q);
        }
        return logSumExp - MathF.Log(1 - w);
    }
}
