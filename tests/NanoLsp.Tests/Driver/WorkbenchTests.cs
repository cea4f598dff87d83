using NanoLsp.Driver;

namespace NanoLsp.Tests.Driver;

public class WorkbenchTests
{
    [Fact]
    public void MemberAccessPositionsSkipUsingAndNamespaceLines()
    {
        const string text = "using System.Text;\nnamespace A.B;\nclass C { void M() { Console.WriteLine(x.Length); } }\n";
        // After "Console." (column 29) and "x." (column 41) on line 2; none in the using or namespace lines.
        Assert.Equal([(2, 29), (2, 41)], Workbench.MemberAccessPositions(text));
    }

    [Fact]
    public void PositionsCountLinesAndColumnsFromZero()
    {
        Assert.Equal((0, 0), Workbench.ToPosition("ab\ncd", 0));
        Assert.Equal((1, 1), Workbench.ToPosition("ab\ncd", 4));
        Assert.Equal((1, 2), Workbench.ToPosition("ab\ncd", 5));
    }
}
