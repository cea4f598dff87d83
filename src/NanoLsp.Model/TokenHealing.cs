namespace NanoLsp.Model;

/// <summary>
/// Token healing. A prompt that ends mid-token ("Console.Wri") or inside an indentation run ends
/// in a token the model rarely saw there, and the completion suffers badly (environment notes:
/// exact match fell from ~4% to 0.2% without it). So the last prompt token is removed and the
/// first generated tokens are constrained to re-type its bytes; they may run past them
/// ("Wri" -> "WriteLine"). The re-typed bytes are then cut from the completion text.
/// </summary>
public sealed class TokenHealing
{
    private readonly NanoTokenizer _tokenizer;
    private byte[] _remaining;

    /// <summary>The bytes removed from the prompt, which generation must re-type first.</summary>
    public byte[] Bytes { get; }

    public TokenHealing(NanoTokenizer tokenizer, byte[] bytes)
    {
        _tokenizer = tokenizer;
        Bytes = bytes;
        _remaining = bytes;
    }

    public bool Active => _remaining.Length > 0;

    /// <summary>The bytes generation still has to re-type.</summary>
    public ReadOnlySpan<byte> Remaining => _remaining;

    /// <summary>An independent copy at the same point (each beam heals on its own).</summary>
    public TokenHealing Clone() => new(_tokenizer, Bytes) { _remaining = _remaining };

    /// <summary>Backs up over the last token when it could be the start of a longer token
    /// (always in Auto when that holds; never when <paramref name="enabled"/> is false).
    /// Returns the shortened prompt and the healing, or the prompt unchanged and null.</summary>
    public static (int[] Prompt, TokenHealing? Healing) Prepare(NanoTokenizer tokenizer, int[] prompt, bool enabled = true)
    {
        int cut = enabled ? HealedTokenCount(tokenizer, prompt) : 0;
        if (cut == 0) return (prompt, null);
        var bytes = new List<byte>();
        for (int i = prompt.Length - cut; i < prompt.Length; i++) bytes.AddRange(tokenizer.TokenBytes(prompt[i]).ToArray());
        return (prompt[..^cut], new TokenHealing(tokenizer, bytes.ToArray()));
    }

    /// <summary>How many tokens at the end of <paramref name="prompt"/> healing backs up over (0: none).
    /// Decoding monitors call it too, so they know which document bytes generation re-types.</summary>
    public static int HealedTokenCount(NanoTokenizer tokenizer, ReadOnlySpan<int> prompt)
    {
        if (prompt.Length < 2) return 0;
        // A prompt ending in whitespace (a new line's indentation, a space after `=`) is healed over
        // its whole trailing whitespace run, not only its last token: the pre-tokenizer splits a run
        // at the end of the text ("\n" + 24 spaces as one piece) differently from a run before a word
        // ("\n" + 23 spaces, then " word"), so even a last token that nothing extends is one the model
        // rarely saw there; on line starts it then began its answer with another newline.
        int run = 0;
        while (run < prompt.Length - 1 && run < MaxWhitespaceTokens && IsWhitespace(tokenizer.TokenBytes(prompt[^(run + 1)])))
            run++;
        if (run > 0) return run;
        return tokenizer.CanBeExtended(prompt[^1]) ? 1 : 0;
    }

    /// <summary>While healing, allows only tokens consistent with the bytes still to re-type:
    /// tokens that are a prefix of them, or that start with all of them.</summary>
    public void Apply(Span<float> logits)
    {
        if (!Active) return;
        for (int id = 0; id < logits.Length; id++)
        {
            if (_tokenizer.IsSpecial(id) || !Consistent(_tokenizer.TokenBytes(id))) logits[id] = float.NegativeInfinity;
        }
    }

    /// <summary>Records a chosen token; returns how many of its bytes were part of the re-typed text.</summary>
    public int Accept(int token)
    {
        if (!Active) return 0;
        var bytes = _tokenizer.TokenBytes(token);
        int covered = Math.Min(bytes.Length, _remaining.Length);
        _remaining = _remaining[covered..];
        return covered;
    }

    private const int MaxWhitespaceTokens = 64; // a deep indentation in a vocabulary with short space tokens

    private static bool IsWhitespace(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty) return false;
        foreach (byte b in token)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        return true;
    }

    private bool Consistent(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty) return false;
        int n = Math.Min(token.Length, _remaining.Length);
        return token[..n].SequenceEqual(_remaining.AsSpan(0, n));
    }
}
