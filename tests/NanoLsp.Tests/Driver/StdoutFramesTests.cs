using System.Text;
using NanoLsp.Driver;

namespace NanoLsp.Tests.Driver;

public class StdoutFramesTests
{
    private static byte[] Frame(string json) => Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    [Fact]
    public void FramesBackToBackAreClean()
    {
        var output = Frame("""{"jsonrpc":"2.0","id":1,"result":null}""").Concat(Frame("""{"jsonrpc":"2.0","method":"x","params":{"é":1}}""")).ToArray();
        Assert.Null(StdoutFrames.FirstForeignBytes(output, out var frames));
        Assert.Equal(2, frames);
    }

    [Fact]
    public void APrintedLineBetweenFramesIsFoundWithItsText()
    {
        var output = Frame("{}").Concat(Encoding.UTF8.GetBytes("10.0.401 [/usr/share/dotnet/sdk]\n")).Concat(Frame("{}")).ToArray();
        var foreign = StdoutFrames.FirstForeignBytes(output, out var frames);
        Assert.Equal(1, frames);
        Assert.Contains("10.0.401 [/usr/share/dotnet/sdk]", foreign);
    }

    [Fact]
    public void TrailingBytesAfterTheLastFrameAreFound() =>
        Assert.NotNull(StdoutFrames.FirstForeignBytes(Frame("{}").Concat("x"u8.ToArray()).ToArray(), out _));

    [Fact]
    public void ABodyThatIsNotJsonIsFound() =>
        Assert.Contains("not JSON", StdoutFrames.FirstForeignBytes(Frame("{{{"), out _));
}
