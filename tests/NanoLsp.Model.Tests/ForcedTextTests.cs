using System.Text;

namespace NanoLsp.Model.Tests;

/// <summary>How sure the model was of a token when healing or a mask left it one text to write first.</summary>
public class ForcedTextTests
{
    private static readonly NanoTokenizer Tokenizer = new(ModelManifest.Load(ModelLocator.Locate()));

    private static int Token(string text) => Tokenizer.Encode(text) is [var id] ? id
        : throw new InvalidOperationException($"'{text}' is not one token of the shipped vocabulary");

    /// <summary>Logits where only <paramref name="allowed"/> are finite, all equally likely.</summary>
    private static float[] Allowed(params int[] allowed)
    {
        var logits = Enumerable.Repeat(float.NegativeInfinity, Tokenizer.VocabSize).ToArray();
        foreach (int id in allowed) logits[id] = 0f;
        return logits;
    }

    private static float Judge(float[] logits, int id, byte[] forced) =>
        ForcedText.ConstrainedLogProb(logits, id, forced, Tokenizer, Sampler.LogSumExp(logits));

    private sealed class Forcing(string forced) : IForcingTokenMask
    {
        public ReadOnlySpan<byte> Forced => Encoding.UTF8.GetBytes(forced);
        public void Apply(TokenMaskContext context, Span<float> logits) { }
    }

    [Fact]
    public void WithoutAForcedTextATokenIsJudgedAmongAllAllowed()
    {
        int open = Token("("), openQuote = Token("(\""), call = Token("();");
        var logits = Allowed(open, openQuote, call);
        Assert.Equal(Math.Log(1.0 / 3), Judge(logits, openQuote, []), 5);
    }

    [Fact]
    public void ATokenInsideTheForcedTextIsNoChoice()
    {
        // One member left after `list.Cou`, say: "n" and "nt" only spell the rest of its name.
        int n = Token("n"), nt = Token("nt");
        var logits = Allowed(n, nt);
        Assert.Equal(0f, Judge(logits, n, Encoding.UTF8.GetBytes("nt")));
        Assert.Equal(0f, Judge(logits, nt, Encoding.UTF8.GetBytes("nt")));
    }

    [Fact]
    public void ATokenBeyondTheForcedTextIsJudgedByWhatItAdds()
    {
        // Healing still has to re-type "(": "(" itself only re-types it; "(\"" and "();" each add something,
        // and the model's doubt is between those two, not with the shorter spelling.
        int open = Token("("), openQuote = Token("(\""), call = Token("();");
        var logits = Allowed(open, openQuote, call);
        Assert.Equal(Math.Log(0.5), Judge(logits, openQuote, Encoding.UTF8.GetBytes("(")), 5);
        Assert.Equal(0f, Judge(logits, open, Encoding.UTF8.GetBytes("(")));

        // The healed "Re" spelled by "Re" or "Receive": the one that goes beyond it is sure.
        int re = Token("Re"), receive = Token("Receive");
        Assert.Equal(0f, Judge(Allowed(re, receive), receive, Encoding.UTF8.GetBytes("Re")), 5);
    }

    [Fact]
    public void TheMasksForcedTextCountsWhereItExtendsHealing()
    {
        var healing = new TokenHealing(Tokenizer, Encoding.UTF8.GetBytes("Re"));
        Assert.Equal("Receive", Encoding.UTF8.GetString(ForcedText.Of(healing, new Forcing("Receive"))));
        Assert.Equal("Re", Encoding.UTF8.GetString(ForcedText.Of(healing, new Forcing("Ship"))));   // contradicts: healing wins
        Assert.Equal("Re", Encoding.UTF8.GetString(ForcedText.Of(healing, new DelegateTokenMask((_, _) => { }))));
        Assert.Equal("Ship", Encoding.UTF8.GetString(ForcedText.Of(null, new Forcing("Ship"))));
        Assert.True(ForcedText.Of(null, null).IsEmpty);
    }
}
