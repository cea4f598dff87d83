using System.IO.Pipelines;
using System.Text;
using NanoLsp.Server.Transport;

namespace NanoLsp.Tests.Server;

public class FrameReaderTests
{
    private static async Task<List<Frame>> ReadAllAsync(params string[] chunks)
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var writer = Task.Run(async () =>
        {
            foreach (var chunk in chunks)
            {
                await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(chunk));
                await Task.Yield();
            }
            await pipe.Writer.CompleteAsync();
        });
        var frames = new List<Frame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
            frames.Add(frame);
        await writer;
        return frames;
    }

    private static string Body(Frame frame) => Encoding.UTF8.GetString(frame.Body!);

    [Fact]
    public async Task FramesSplitAcrossChunksAreReassembled()
    {
        var frames = await ReadAllAsync("Content-Le", "ngth: 7\r\n\r", "\n{\"a\":", "1}Content-Length: 2\r\n\r\n{}");
        Assert.Equal(["{\"a\":1}", "{}"], frames.Select(Body));
    }

    [Fact]
    public async Task ContentLengthCountsBytesNotCharacters()
    {
        var body = "{\"s\":\"é😀\"}";
        var frames = await ReadAllAsync($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
        Assert.Equal(body, Body(Assert.Single(frames)));
    }

    [Fact]
    public async Task OtherHeadersAreAccepted()
    {
        var frames = await ReadAllAsync("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}");
        Assert.Equal("{}", Body(Assert.Single(frames)));
    }

    [Fact]
    public async Task HeaderWithoutContentLengthIsAnErrorAndTheNextFrameStillReads()
    {
        var frames = await ReadAllAsync("X-Nothing: 1\r\n\r\nContent-Length: 2\r\n\r\n{}");
        Assert.Equal(2, frames.Count);
        Assert.Contains("Content-Length", frames[0].HeaderError);
        Assert.Equal("{}", Body(frames[1]));
    }

    [Theory]
    [InlineData("Content-Length: abc")]
    [InlineData("Content-Length: -4")]
    [InlineData("no colon here")]
    public void MalformedHeadersAreReported(string header)
    {
        var (_, error) = FrameReader.ParseHeader(header);
        Assert.NotNull(error);
    }

    [Fact]
    public async Task TruncatedBodyEndsTheStreamWithoutAFrame()
    {
        var frames = await ReadAllAsync("Content-Length: 10\r\n\r\n{}");
        Assert.Empty(frames);
    }
}
