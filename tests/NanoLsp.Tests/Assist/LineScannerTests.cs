using NanoLsp.Assist;

namespace NanoLsp.Tests.Assist;

public class LineScannerTests
{
    [Theory]
    [InlineData("var x = list.", true, 0)]
    [InlineData("var s = \"list.", false, -1)]
    [InlineData("var s = \"a\" + list.", true, 0)]
    [InlineData("// list.", false, -1)]
    [InlineData("var x = /* c */ list.", true, 0)]
    [InlineData("var c = '.", false, -1)]
    [InlineData("Console.WriteLine($\"Total: {inventory.", true, 28)]
    [InlineData("Console.WriteLine($\"Total: {a} and {b.", true, 36)]
    [InlineData("Console.WriteLine($\"Total: {a} and b.", false, -1)]
    [InlineData("var s = $\"{x}\" + y.", true, 0)]
    [InlineData("var s = $@\"{x}\" + @\"y.", false, -1)]
    [InlineData("var s = $\"{new { A = 1 }.", true, 11)]
    [InlineData("var s = \"\"\"raw.", false, -1)]
    public void EndOfLineIsCodeOnlyOutsideLiteralsAndComments(string line, bool inCode, int codeStart)
    {
        Assert.Equal((inCode, codeStart), LineScanner.Scan(line));
    }
}
