using NanoLsp.Features.InlineCompletion;

namespace NanoLsp.Tests.Features.InlineCompletion;

public class SuggestionLengthTests
{
    [Fact]
    public void SuggestionWithinTheLimitIsUntouched()
    {
        Assert.Equal("shelf.Restock(4);", SuggestionLength.Cut("shelf.Restock(4);", 17));
    }

    [Fact]
    public void MultiLineSuggestionKeepsTheWholeLinesThatFit()
    {
        const string Block = "\n    int total = 0;\n    foreach (var item in items)\n        total += item.Price;\n";
        Assert.Equal("\n    int total = 0;", SuggestionLength.Cut(Block, 40));
    }

    [Fact]
    public void SingleLineIsCutAtTheLastWordBoundaryNeverInsideAName()
    {
        // The limit (20) falls inside "CalculateTotal": the cut goes back to the dot before it.
        Assert.Equal("var result = order.", SuggestionLength.Cut("var result = order.CalculateTotal(items);", 20));
        Assert.Equal("var result =", SuggestionLength.Cut("var result = order.CalculateTotal(items);", 13));
    }

    [Fact]
    public void OneLongNameThatDoesNotFitGivesNothing()
    {
        Assert.Equal("", SuggestionLength.Cut("VeryLongIdentifierName", 10));
    }

    [Fact]
    public void CutsNeverEndInWhitespaceOrSplitASurrogatePair()
    {
        Assert.Equal("a +", SuggestionLength.Cut("a + b", 4));
        string emoji = "x = \"😀😀\";";
        string cut = SuggestionLength.Cut(emoji, 6);
        Assert.False(char.IsHighSurrogate(cut[^1]), cut);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(60)]
    public void ResultIsAPrefixNoLongerThanTheLimit(int limit)
    {
        const string Text = "\n    if (shelf.Count > 0)\n        shelf.Restock(shelf.Capacity - shelf.Count);\n";
        string cut = SuggestionLength.Cut(Text, limit);
        Assert.True(cut.Length <= limit, cut);
        Assert.StartsWith(cut, Text);
    }
}
