using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Tests.Server;

public class ProtocolConversionsTests
{
    private static readonly SourceText Text = SourceText.From("class A\n{\r\n    int ünï = 1; // 😀\n}");

    [Fact]
    public void OffsetAndPositionRoundTripOnEveryCharacter()
    {
        for (var offset = 0; offset <= Text.Length; offset++)
        {
            // Between the \r and \n of a CRLF is no LSP position at all: skip it.
            if (offset > 0 && offset < Text.Length && Text[offset - 1] == '\r' && Text[offset] == '\n')
                continue;
            var position = ProtocolConversions.ToPosition(Text, offset);
            Assert.Equal(offset, ProtocolConversions.ToOffset(Text, position));
        }
    }

    [Fact]
    public void ColumnsCountUtf16CodeUnits()
    {
        // The emoji is a surrogate pair: two UTF-16 columns, as LSP positions count them.
        var line = Text.Lines[2].ToString();
        var afterEmoji = line.Length;
        var offset = ProtocolConversions.ToOffset(Text, new Position(2, afterEmoji));
        Assert.Equal(Text.Lines[2].End, offset);
        Assert.Equal(2, "😀".Length);
    }

    [Fact]
    public void ColumnPastLineEndIsClampedToTheLineEnd()
    {
        var offset = ProtocolConversions.ToOffset(Text, new Position(0, 500));
        Assert.Equal(Text.Lines[0].End, offset);
    }

    [Fact]
    public void LinePastTheEndOfTheDocumentIsAnInvalidParamsError()
    {
        var error = Assert.Throws<LspException>(() => ProtocolConversions.ToOffset(Text, new Position(40, 0)));
        Assert.Equal(LspErrorCodes.InvalidParams, error.Code);
        Assert.Contains("past the end", error.Message);
    }

    [Fact]
    public void AUriWhosePathTheSystemCannotTakeIsAnInvalidParamsError()
    {
        Assert.False(ProtocolConversions.TryToPath("file:///tmp/a%00b.cs", out _));
        var error = Assert.Throws<LspException>(() => ProtocolConversions.ToPath("file:///tmp/a%00b.cs" + new string('x', 1000)));
        Assert.Equal(LspErrorCodes.InvalidParams, error.Code);
        Assert.True(error.Message.Length < 400, "the message quotes a long URI's start only");
        Assert.True(ProtocolConversions.TryToPath("file:///tmp/a.cs", out var path));
        Assert.EndsWith(Path.Combine("tmp", "a.cs"), path);
    }

    [Fact]
    public void RangeEndingBeforeItsStartIsRejected()
    {
        var range = new NanoLsp.Protocol.Range(new Position(2, 4), new Position(1, 0));
        Assert.Throws<LspException>(() => ProtocolConversions.ToSpan(Text, range));
    }
}
