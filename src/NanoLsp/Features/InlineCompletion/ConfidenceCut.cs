using System.Text;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Stops a suggestion where the model stops being sure: the text ends before the first token whose
/// log-probability is under the threshold. A whole-line score did not tell right from wrong
/// (docs/inline-completion.md), but the point where a line goes wrong is usually a token the model
/// itself found unlikely; what comes before it is worth showing. Likelihood is taken among the tokens
/// Roslyn's monitor and token healing allowed: where they leave one member name, the model is sure of it.
/// Tokens that only re-type what token healing backed over are the user's own text and never doubt.
/// One rule, two uses: greedy decoding stops at it (GenerationOptions.StopBefore), beams are cut after.
/// </summary>
public static class ConfidenceCut
{
    public static bool IsDoubt(GeneratedToken token, double threshold) =>
        !token.RetypesHealedText && token.ConstrainedLogProb < threshold;

    /// <param name="healedBytes">Bytes the first tokens re-typed for token healing (not part of <paramref name="text"/>).</param>
    /// <returns>The text before the first doubtful token, and the tokens kept (without those that only re-typed).</returns>
    public static (string Text, IReadOnlyList<GeneratedToken> Kept) Apply(string text, IReadOnlyList<GeneratedToken> tokens,
        int healedBytes, NanoTokenizer tokenizer, double threshold)
    {
        int retypeOnly = tokens.TakeWhile(t => t.RetypesHealedText).Count();
        int firstDoubt = -1;
        for (int i = 0; i < tokens.Count && firstDoubt < 0; i++)
            if (IsDoubt(tokens[i], threshold)) firstDoubt = i;
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
