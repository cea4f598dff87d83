using NanoLsp.Eval;
using NanoLsp.Features.InlineCompletion;

namespace NanoLsp.Tests.Features.InlineCompletion;

public class CompletionMetricsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Count", "count", 1)] // case-sensitive, unlike the typo distance of Hover
    [InlineData("ab", "ba", 2)]       // no swap shortcut: plain Levenshtein, as training/eval/complete.py
    public void LevenshteinIsThePlainCaseSensitiveDistance(string a, string b, int expected) =>
        Assert.Equal(expected, CompletionMetrics.Levenshtein(a, b));

    [Fact]
    public void MetricsFollowTheEvaluationContract()
    {
        var m = CompletionMetrics.Compute([
            ("Count;", "Count;"),          // exact, all saved
            ("Cou", "Count;   "),          // a prefix: saved, not wrong; exact compares right-trimmed
            ("Length;", "Count;"),         // shown and wrong
            ("", "Sum();"),                // not shown
        ]);
        Assert.Equal(4, m.Cases);
        Assert.Equal(0.25, m.ExactMatch);
        Assert.Equal((6.0 + 3) / (6 + 9 + 6 + 6), m.CharsSaved, 6);
        Assert.Equal(1.0 / 3, m.WrongShown, 6);
        Assert.Equal(0.75, m.Shown);
    }

    [Fact]
    public void ExactMatchLooksAtTheFirstLineOnly()
    {
        var m = CompletionMetrics.Compute([("x = 1;\n    y = 2;", "x = 1;")]);
        Assert.Equal(1.0, m.ExactMatch);
        Assert.Equal(1.0, m.EditSimilarity);
    }

    [Fact]
    public void PercentileIsNearestRank()
    {
        double[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3, CompletionMetrics.Percentile(values, 50));
        Assert.Equal(5, CompletionMetrics.Percentile(values, 95));
        Assert.Equal(0, CompletionMetrics.Percentile([], 50));
    }
}
