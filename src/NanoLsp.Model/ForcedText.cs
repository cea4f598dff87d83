using System.Runtime.CompilerServices;
namespace NanoLsp.Model;

/// <summary>
/// How sure the model was of a token among the ones it was allowed, when the rules left it one text to
/// write first: the bytes token healing still has to re-type, or a mask's forced text
/// (<see cref="IForcingTokenMask"/>). Such a text is spelled by several tokens ("Re", "Rec", "Receive",
/// "Receive(" after a healed "Re" with one member left), and the model's probability is split among
/// the spellings; judged over all allowed tokens, a sure continuation read as doubt. So a token inside
/// the forced text is no choice at all (log-probability 0), and a token that goes beyond it is judged
/// among the tokens that also go beyond it: by what it adds to the text every continuation writes.
/// Without a forced text this is the plain log-probability among the allowed tokens.
/// </summary>
internal static class ForcedText
{
    /// <summary>The forced bytes of this step: healing's remaining bytes, or the mask's forced text when it
    /// extends them (a mask that contradicts healing is ignored: healing re-types the user's own text).</summary>
    public static ReadOnlySpan<byte> Of(TokenHealing? healing, ITokenMask? mask)
    {
        ReadOnlySpan<byte> healed = healing is { Active: true } ? healing.Remaining : [];
        ReadOnlySpan<byte> masked = mask is IForcingTokenMask forcing ? forcing.Forced : [];
        return masked.Length > healed.Length && masked.StartsWith(healed) ? masked : healed;
    }

    /// <param name="allowed">The logits after healing and the mask (forbidden tokens at negative infinity).</param>
    /// <param name="allowedLogSumExp">Log-sum-exp of <paramref name="allowed"/>.</param>
    /// <param name="beyond">For callers that judge many tokens at one step: the step's <see cref="BeyondLogSumExp"/>,
    /// computed once on first need (it scans the vocabulary).</param>
    public static float ConstrainedLogProb(ReadOnlySpan<float> allowed, int id, ReadOnlySpan<byte> forced,
        NanoTokenizer tokenizer, float allowedLogSumExp, StrongBox<float>? beyond = null)
    {
        var token = tokenizer.TokenBytes(id);
        if (forced.IsEmpty || token.IsEmpty) return allowed[id] - allowedLogSumExp;
        if (forced.StartsWith(token)) return 0f;
        if (!token.StartsWith(forced)) return allowed[id] - allowedLogSumExp;
        if (beyond is null) return allowed[id] - BeyondLogSumExp(allowed, forced, tokenizer);
        if (float.IsNaN(beyond.Value)) beyond.Value = BeyondLogSumExp(allowed, forced, tokenizer);
        return allowed[id] - beyond.Value;
    }

    /// <summary>Log-sum-exp of the allowed tokens that write all of <paramref name="forced"/> and more.</summary>
    private static float BeyondLogSumExp(ReadOnlySpan<float> allowed, ReadOnlySpan<byte> forced, NanoTokenizer tokenizer)
    {
        float max = float.NegativeInfinity;
        for (int id = 0; id < allowed.Length; id++)
            if (allowed[id] > max && Beyond(tokenizer.TokenBytes(id), forced)) max = allowed[id];
        if (float.IsNegativeInfinity(max)) return max;
        double sum = 0;
        for (int id = 0; id < allowed.Length; id++)
            if (!float.IsNegativeInfinity(allowed[id]) && Beyond(tokenizer.TokenBytes(id), forced)) sum += Math.Exp(allowed[id] - max);
        return max + (float)Math.Log(sum);
    }

    private static bool Beyond(ReadOnlySpan<byte> token, ReadOnlySpan<byte> forced) =>
        token.Length > forced.Length && token.StartsWith(forced);
}
