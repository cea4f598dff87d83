using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using NanoLsp.Server.Transport;
using StreamJsonRpc;

namespace NanoLsp.Tests.Server;

/// <summary>StreamJsonRpc over <see cref="TolerantMessageHandler"/>, in process: raw frames in, frames out.</summary>
public sealed class TolerantMessageHandlerTests : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly FrameReader _answers;
    private readonly JsonRpc _rpc;
    private readonly List<string> _log = [];

    public TolerantMessageHandlerTests()
    {
        var handler = new TolerantMessageHandler(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream(), new SystemTextJsonFormatter(), m =>
        {
            lock (_log)
                _log.Add(m);
        });
        _rpc = new JsonRpc(handler, new EchoTarget());
        _rpc.StartListening();
        _answers = new FrameReader(_fromServer.Reader);
    }

    private sealed class EchoTarget
    {
        [JsonRpcMethod("test/echo")]
        public string Echo(string text) => text;
    }

    private Task SendAsync(string body) => SendAsync(Encoding.UTF8.GetBytes(body));

    private async Task SendAsync(byte[] body)
    {
        await _toServer.Writer.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await _toServer.Writer.WriteAsync(body);
    }

    private static string Echo(int id, string text) =>
        JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method = "test/echo", @params = new { text } });

    private async Task<JsonElement> NextAnswerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var frame = await _answers.ReadAsync(timeout.Token);
        Assert.NotNull(frame);
        Assert.Null(frame.Value.HeaderError);
        using var document = JsonDocument.Parse(frame.Value.Body);
        return document.RootElement.Clone();
    }

    private async Task<List<JsonElement>> AnswersAsync(int count)
    {
        var answers = new List<JsonElement>();
        for (var i = 0; i < count; i++)
            answers.Add(await NextAnswerAsync());
        return answers;
    }

    private static JsonElement? IdOf(JsonElement answer) => answer.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null ? id : null;

    [Fact]
    public async Task MalformedFramesAmongGoodOnesAreAnsweredAndTheGoodOnesServed()
    {
        await SendAsync(Echo(1, "one"));
        await SendAsync("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": ");
        await SendAsync(Echo(3, "three"));
        await SendAsync("""{"jsonrpc":"2.0","id":4,"method":7}""");
        await _toServer.Writer.WriteAsync(Encoding.ASCII.GetBytes("Content-Type: text/plain\r\n\r\n"));
        await SendAsync(Echo(5, "five"));

        var answers = await AnswersAsync(6);
        var byId = answers.Where(a => IdOf(a) is not null).ToDictionary(a => a.GetProperty("id").GetInt32());
        Assert.Equal("one", byId[1].GetProperty("result").GetString());
        Assert.Equal("three", byId[3].GetProperty("result").GetString());
        Assert.Equal("five", byId[5].GetProperty("result").GetString());
        Assert.Equal(-32600, byId[4].GetProperty("error").GetProperty("code").GetInt32());
        var withoutId = answers.Where(a => IdOf(a) is null).Select(a => a.GetProperty("error")).ToList();
        Assert.Equal(2, withoutId.Count);
        Assert.All(withoutId, e => Assert.Equal(-32700, e.GetProperty("code").GetInt32()));
        Assert.Contains(withoutId, e => e.GetProperty("message").GetString()!.Contains("not valid JSON"));
        Assert.Contains(withoutId, e => e.GetProperty("message").GetString()!.Contains("Content-Length"));
        Assert.All(answers, a => Assert.Equal("2.0", a.GetProperty("jsonrpc").GetString()));
        lock (_log)
            Assert.Equal(3, _log.Count);
        Assert.False(_rpc.Completion.IsCompleted);
    }

    [Fact]
    public async Task LargeAndUnusualPayloadsArriveWhole()
    {
        var large = new string('x', 3 * 1024 * 1024);
        var unusual = "é😀\u0000\u0001\t\"\\\u2028" + new string('\u00ff', 70_000);
        await SendAsync(Echo(1, large));
        await SendAsync(Echo(2, unusual));
        var answers = (await AnswersAsync(2)).ToDictionary(a => a.GetProperty("id").GetInt32());
        Assert.Equal(large, answers[1].GetProperty("result").GetString());
        Assert.Equal(unusual, answers[2].GetProperty("result").GetString());
    }

    [Fact]
    public async Task ManyConcurrentAnswersAreWrittenAsWholeFrames()
    {
        const int count = 200;
        var sends = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                await SendAsync(i % 10 == 0 ? "not json" : Echo(i, new string('y', i * 100)));
        });
        // Every frame parses: no header or body was cut by another write.
        var answers = await AnswersAsync(count);
        await sends;
        Assert.Equal(count - count / 10, answers.Count(a => a.TryGetProperty("result", out _)));
        Assert.Equal(count / 10, answers.Count(a => a.TryGetProperty("error", out _)));
    }

    [Fact]
    public async Task EndOfInputEndsTheConnection()
    {
        await SendAsync(Echo(1, "first"));
        Assert.Equal("first", (await NextAnswerAsync()).GetProperty("result").GetString());
        await _toServer.Writer.CompleteAsync();
        await _rpc.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await _toServer.Writer.CompleteAsync();
    }
}
