namespace NanoLsp.Model.Tests;

public class TokenizerTests
{
    private static readonly NanoTokenizer Tokenizer = new(ModelManifest.Load(TinyModel.Directory));

    [Fact]
    public void TokenizerMatchesTrainingVectors()
    {
        var vectors = TinyModel.ReadJson("tokenizer-vectors.json").EnumerateArray().ToList();
        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            string text = v.GetProperty("text").GetString()!;
            int[] expected = v.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected, Tokenizer.Encode(text));
        }
    }

    [Theory]
    [InlineData("var x = items.Where(i => i.Ok).ToList();\r\n\tindent")]
    [InlineData("// Ünïcödé 日本語 🚀")]
    [InlineData("    \n\n   trailing   ")]
    public void DecodeInvertsEncode(string text) => Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));

    [Fact]
    public void SpecialTokensAreNeverSplit()
    {
        int[] ids = Tokenizer.Encode("a<|fim_prefix|>b<|endoftext|>");
        Assert.Contains(Tokenizer.FimPrefix, ids);
        Assert.Contains(Tokenizer.EndOfText, ids);
    }

    [Fact]
    public void TokenBytesConcatenateToTheUtf8Text()
    {
        const string text = "Console.WriteLine(\"ß🚀\");";
        var bytes = Tokenizer.Encode(text).SelectMany(id => Tokenizer.TokenBytes(id).ToArray()).ToArray();
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), bytes);
    }
}
