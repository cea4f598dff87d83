using Microsoft.CodeAnalysis.Completion;
using NanoLsp.Features.Completion;
using NanoLsp.Server;
using NanoLsp.Tests.Features;

namespace NanoLsp.Tests.Features.Completion;

public sealed class CompletionListLimitTests
{
    [Theory]
    [InlineData("StringBuilder", "sb", true)]
    [InlineData("StringBuilder", "Strb", true)]
    [InlineData("StringBuilder", "", true)]
    [InlineData("StringBuilder", "b", false)]      // the first letter must be the first
    [InlineData("StringBuilder", "sbx", false)]
    [InlineData("Str", "Strr", false)]
    public void TheEditorsFuzzyMatch(string candidate, string typed, bool expected) =>
        Assert.Equal(expected, CompletionListLimit.Matches(candidate, typed));

    [Fact]
    public void AShortListIsSentWhole()
    {
        var items = Enumerable.Range(0, 10).Select(i => CompletionItem.Create($"Name{i}")).ToList();
        var (sent, truncated) = CompletionListLimit.Apply(items, "zz");
        Assert.Same(items, sent);
        Assert.False(truncated);
    }

    [Fact]
    public void ALongListKeepsTheMatchesPrefixesFirstInRoslynsOrder()
    {
        var items = Enumerable.Range(0, 3000).Select(i => CompletionItem.Create($"Item{i:D4}", sortText: $"{i:D4}"))
            .Append(CompletionItem.Create("Zeta", sortText: "9999")).Append(CompletionItem.Create("ZzTop", sortText: "0000")).ToList();
        var (zed, zedTruncated) = CompletionListLimit.Apply(items, "zt");
        Assert.Equal(["Zeta", "ZzTop"], zed.Select(i => i.DisplayText));
        Assert.True(zedTruncated);

        var (all, truncated) = CompletionListLimit.Apply(items, "i");
        Assert.Equal(CompletionListLimit.MaxItems, all.Count);
        Assert.True(truncated);
        Assert.Equal("Item0000", all[0].DisplayText);
        Assert.Equal("Item0999", all[^1].DisplayText);
    }

    [Fact]
    public async Task AtAStatementsStartTheListIsCutAndSaysSoAndTheTypedLettersFindTheirType()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { StrBui$$ } }");
        var text = await document.GetTextAsync();
        var list = await new CompletionFeatureService().GetCompletionsAsync(document, ProtocolConversions.ToPosition(text, caret), null, CancellationToken.None);
        Assert.True(list.IsIncomplete);
        Assert.True(list.Items.Count <= CompletionListLimit.MaxItems, $"{list.Items.Count} items");
        Assert.Contains(list.Items, i => i.Label == "StringBuilder");
        Assert.All(list.Items, i => Assert.True(CompletionListLimit.Matches(i.FilterText ?? i.Label, "StrBui"), i.Label));
    }
}
