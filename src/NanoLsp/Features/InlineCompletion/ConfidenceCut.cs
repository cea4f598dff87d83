using System.Text;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Stops a suggestion where the model stops being sure: the text is cut before the first token whose
/// log-probability is under the threshold. A whole-line score did not tell right from wrong
/// (docs/environment-notes.md), but the point where a line goes wrong is usually a token the model
/// itself found unlikely; what comes before it is worth showing. Likelihood is taken among the tokens
/// Roslyn's monitor and token healing allowed: where they leave one member name, the model is sure of it.
/// </summary>
public static class ConfidenceCut
{
    /// <param name="healedBytes">Bytes the first tokens re-typed for token healing (not part of <paramref name="text"/>).</param>
    public static (string Text, IReadOnlyList<GeneratedToken> Kept) Apply(string text, IReadOnlyList<GeneratedToken> tokens,
        int healedBytes, NanoTokenizer tokenizer, double threshold)
    {
        var watch = new DoubtWatch(tokenizer, healedBytes, threshold);
        int firstDoubt = -1, retypeOnly = 0;
        for (int i = 0; i < tokens.Count && firstDoubt < 0; i++)
        {
            if (watch.IsDoubt(tokens[i])) firstDoubt = i;
            else if (watch.StillRetyping) retypeOnly = i + 1;
        }
        if (firstDoubt < 0) return (text, tokens.Skip(retypeOnly).ToList());

        int bytesBefore = 0;
        for (int i = 0; i < firstDoubt; i++) bytesBefore += tokenizer.TokenBytes(tokens[i].Id).Length;
        byte[] completion = Encoding.UTF8.GetBytes(text);
        int cut = Math.Clamp(bytesBefore - healedBytes, 0, completion.Length);
        // A cut inside a multi-byte character drops that character.
        string kept = Encoding.UTF8.GetString(completion, 0, cut).TrimEnd('\uFFFD');
        return (kept, tokens.Take(firstDoubt).Skip(retypeOnly).ToList());
    }
}

/// <summary>Watches tokens as they are generated and says at which one doubt begins. Tokens that only
/// re-type what token healing backed over are the user's own text, not a guess, and never count.</summary>
public sealed class DoubtWatch(NanoTokenizer tokenizer, int healedBytes, double threshold)
{
    private int _bytes;

    /// <summary>True while every token seen so far lay inside the re-typed bytes.</summary>
    public bool StillRetyping => _bytes <= healedBytes;

    public bool IsDoubt(GeneratedToken token)
    {
        _bytes += tokenizer.TokenBytes(token.Id).Length;
        return !StillRetyping && token.ConstrainedLogProb < threshold;
    }
}
