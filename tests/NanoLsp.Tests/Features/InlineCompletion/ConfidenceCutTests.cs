using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;

namespace NanoLsp.Tests.Features.InlineCompletion;

public class ConfidenceCutTests
{
    private static readonly NanoTokenizer Tokenizer = new(ModelManifest.Load(ModelLocator.Locate()));

    private static List<GeneratedToken> Tokens(string text, params float[] logProbs)
    {
        var ids = Tokenizer.Encode(text);
        Assert.Equal(ids.Length, logProbs.Length);
        return ids.Select((id, i) => new GeneratedToken(id, logProbs[i])).ToList();
    }

    [Fact]
    public void TextEndsBeforeTheFirstDoubtfulToken()
    {
        const string text = "Count = total;";
        var ids = Tokenizer.Encode(text);
        var probs = Enumerable.Repeat(-0.1f, ids.Length).ToArray();
        probs[^2] = -5f; // the model was unsure at the next-to-last token
        var (kept, tokens) = ConfidenceCut.Apply(text, Tokens(text, probs), 0, Tokenizer, -2.5);
        Assert.Equal(Tokenizer.Decode(ids[..^2]), kept);
        Assert.Equal(ids.Length - 2, tokens.Count);
    }

    [Fact]
    public void ConfidentTextIsKeptWhole()
    {
        const string text = "return x;";
        var probs = Enumerable.Repeat(-0.5f, Tokenizer.Encode(text).Length).ToArray();
        var (kept, tokens) = ConfidenceCut.Apply(text, Tokens(text, probs), 0, Tokenizer, -2.5);
        Assert.Equal(text, kept);
        Assert.Equal(probs.Length, tokens.Count);
    }

    [Fact]
    public void ReTypingWhatTheUserTypedIsNoDoubt()
    {
        // "Un" was typed by the user and re-typed under token healing, where the model was unsure of
        // which token spells it; what follows, constrained to one member by the monitor, is sure.
        var un = Tokenizer.Encode("Un").Single();
        var rest = Tokenizer.Encode("itPrice");
        var tokens = new List<GeneratedToken> { new(un, -6f, -0.7f) { RetypesHealedText = true } };
        tokens.AddRange(rest.Select(id => new GeneratedToken(id, -9f, -0.05f)));
        var (kept, left) = ConfidenceCut.Apply("itPrice", tokens, 2, Tokenizer, -0.5);
        Assert.Equal("itPrice", kept);
        Assert.Equal(rest.Length, left.Count); // the re-typed token is not part of what is judged later
    }

    [Fact]
    public void HealedBytesAreNotCountedAsSuggestion()
    {
        // The model re-typed "Cou" (token healing) and went on; the suggestion is what follows it.
        const string generated = "Count = 1;";
        var ids = Tokenizer.Encode(generated);
        var probs = Enumerable.Repeat(-0.1f, ids.Length).ToArray();
        probs[^1] = -9f;
        var (kept, _) = ConfidenceCut.Apply(generated[3..], Tokens(generated, probs), 3, Tokenizer, -2.5);
        Assert.Equal(Tokenizer.Decode(ids[..^1])[3..], kept);
    }

    [Fact]
    public void DoubtAtTheFirstTokenLeavesNothing()
    {
        const string text = "foo();";
        var probs = Enumerable.Repeat(-0.1f, Tokenizer.Encode(text).Length).ToArray();
        probs[0] = -4f;
        Assert.Equal("", ConfidenceCut.Apply(text, Tokens(text, probs), 0, Tokenizer, -2.5).Text);
    }
}
