namespace NanoLsp.Model;

/// <summary>What a logit mask sees before each token: the tokens and text generated so far
/// (after token healing's re-typed part is removed from the text).</summary>
public readonly record struct TokenMaskContext(IReadOnlyList<int> Generated, string Text);

/// <summary>
/// A hook called before each token is chosen. It sets the logits of tokens it forbids to negative
/// infinity (see <see cref="TokenMaskExtensions"/>). The server's Roslyn monitors implement it;
/// the engine knows nothing of C#.
/// </summary>
public interface ITokenMask
{
    void Apply(TokenMaskContext context, Span<float> logits);
}

/// <summary>
/// A mask that can tell when what it allowed leaves the model one text to write, spelled by several tokens:
/// after <c>list.Cou</c> a member monitor with one member left allows "nt", "n", "nt(", "nt)"..., and any
/// of them writes "nt". The engine judges a token by what it adds beyond that text
/// (<see cref="GeneratedToken.ConstrainedLogProb"/>), so a probability split between spellings of the
/// one possible text is not taken for doubt.
/// </summary>
public interface IForcingTokenMask : ITokenMask
{
    /// <summary>The bytes every continuation the last <see cref="ITokenMask.Apply"/> allowed starts with;
    /// empty when the mask knows none. Read right after Apply.</summary>
    ReadOnlySpan<byte> Forced { get; }
}

/// <summary>A mask from a delegate, for callers that need no state.</summary>
public sealed class DelegateTokenMask(Action<TokenMaskContext, Span<float>> apply) : ITokenMask
{
    public void Apply(TokenMaskContext context, Span<float> logits) => apply(context, logits);
}

public static class TokenMaskExtensions
{
    /// <summary>Forbids every token not in <paramref name="allowed"/>.</summary>
    public static void AllowOnly(this Span<float> logits, IReadOnlySet<int> allowed)
    {
        for (int i = 0; i < logits.Length; i++)
            if (!allowed.Contains(i)) logits[i] = float.NegativeInfinity;
    }

    public static void Forbid(this Span<float> logits, int token) => logits[token] = float.NegativeInfinity;
}
