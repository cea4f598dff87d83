namespace NanoLsp.Model.Tests;

public sealed class FimPromptTests
{
    private static readonly NanoTokenizer Tokenizer = new(ModelManifest.Load(TinyModel.Directory));

    [Fact]
    public void LayoutIsPrefixSuffixMiddleAfterTheContextHeader()
    {
        var prompt = FimPrompt.Build(Tokenizer, "int x = ", ";\n", context: "class Point { int X; }", tokenHealing: false);
        int[] expected =
        [
            Tokenizer.FileSeparator, .. Tokenizer.Encode("class Point { int X; }\n"),
            Tokenizer.FimPrefix, .. Tokenizer.Encode("int x = "),
            Tokenizer.FimSuffix, .. Tokenizer.Encode(";\n"),
            Tokenizer.FimMiddle,
        ];
        Assert.Equal(expected, prompt.Ids);
        Assert.Null(prompt.Healing);
    }

    [Fact]
    public void WithoutContextThePromptStartsWithFimPrefix()
    {
        var prompt = FimPrompt.Build(Tokenizer, "a", "b", tokenHealing: false);
        Assert.Equal(Tokenizer.FimPrefix, prompt.Ids[0]);
        Assert.Equal(Tokenizer.FimMiddle, prompt.Ids[^1]);
    }

    [Fact]
    public void OverBudgetKeepsTheTextNearestTheCursor()
    {
        string prefix = string.Concat(Enumerable.Range(0, 200).Select(i => $"int v{i} = {i};\n"));
        string suffix = string.Concat(Enumerable.Range(0, 200).Select(i => $"Use(v{i});\n"));
        var prompt = FimPrompt.Build(Tokenizer, prefix, suffix, context: "// header", maxTokens: 100, tokenHealing: false);
        Assert.Equal(100, prompt.Ids.Length);
        Assert.DoesNotContain(Tokenizer.FileSeparator, prompt.Ids); // the context goes first
        int suffixAt = Array.IndexOf(prompt.Ids, Tokenizer.FimSuffix);
        string keptPrefix = Tokenizer.Decode(prompt.Ids[1..suffixAt]);
        string keptSuffix = Tokenizer.Decode(prompt.Ids[(suffixAt + 1)..^1]);
        Assert.EndsWith("int v199 = 199;\n", keptPrefix);
        Assert.StartsWith("Use(v0);", keptSuffix);
        Assert.True(suffixAt > 60, "the prefix gets most of the budget");
    }
}
