using System.ClientModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Serve.Tests;

/// <summary>
/// What a shared server must hold to: the key, the queue bound (429 with Retry-After), the request timeout, a client
/// that leaves, and where it listens. Each test starts its own process with the flags it checks.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ServeLimitsTests
{
    // The shipped model writes a long list after this (all 250 tokens at temperature 0): a generation that takes seconds.
    private static JsonObject LongRequest(int maxTokens = 250) => new()
    {
        ["model"] = "nano-csharp",
        ["prompt"] = "int[] primes = { 2, 3, 5, 7, 11, 13, ",
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
    };

    [Fact]
    public async Task WithAKeySetOnlyThatKeyIsServedAndItIsNeverLogged()
    {
        const string key = "sk-test-3f9a1c0e77";
        await using var serve = await ServeProcess.StartAsync(environment: new Dictionary<string, string?> { ["NANOLSP_SERVE_API_KEY"] = key });
        var wrong = await Assert.ThrowsAsync<ClientResultException>(() => LegacyCompletions.Client(serve.BaseAddress, "sk-wrong").GetOpenAIModelClient().GetModelsAsync());
        Assert.Equal(401, wrong.Status);
        var refused = await new LegacyCompletions(serve.BaseAddress, "sk-wrong").CreateAsync(LongRequest(4));
        Assert.Equal(401, refused.Status);
        Assert.Equal("invalid_api_key", refused.Body.GetProperty("error").GetProperty("code").GetString());

        var right = LegacyCompletions.Client(serve.BaseAddress, key);
        Assert.Single((await right.GetOpenAIModelClient().GetModelsAsync()).Value);
        Assert.Equal(200, (await new LegacyCompletions(serve.BaseAddress, key).CreateAsync(LongRequest(4))).Status);
        Assert.DoesNotContain(key, serve.Stderr);
        Assert.DoesNotContain("sk-wrong", serve.Stderr);
    }

    [Fact]
    public async Task OverTheQueueARequestGets429WithRetryAfter()
    {
        await using var serve = await ServeProcess.StartAsync(["--parallel", "1", "--queue", "1"]);
        var completions = new LegacyCompletions(serve.BaseAddress);
        // One running (its first chunk has arrived) holds the one generation.
        using var running = new CancellationTokenSource();
        var stream = completions.StreamAsync(LongRequest(), running.Token).GetAsyncEnumerator(running.Token);
        Assert.True(await stream.MoveNextAsync());
        // A burst at once: one takes the queue's one place, the rest find none and are refused at once. (Two used to
        // be sent; on a quiet machine the running generation could end before they arrived, and both were served.
        // With six, at most two fit at any moment however fast the generations go.)
        var burst = Enumerable.Range(0, 6).Select(_ => completions.CreateAsync(LongRequest(4))).ToList();
        var refused = await await Task.WhenAny(burst);
        Assert.Equal(429, refused.Status);
        Assert.True(int.TryParse(refused.RetryAfter, out int seconds) && seconds >= 1, $"Retry-After: '{refused.RetryAfter}'");
        Assert.Equal("rate_limit_exceeded", refused.Body.GetProperty("error").GetProperty("code").GetString());
        await running.CancelAsync();
        await stream.DisposeAsync();
        // The queued one is served once the running one has left; every other one was refused, none failed.
        var statuses = (await Task.WhenAll(burst).WaitAsync(TimeSpan.FromMinutes(1))).Select(a => a.Status).ToList();
        Assert.Contains(200, statuses);
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 429 }));
    }

    [Fact]
    public async Task AClientThatDisconnectsCancelsItsGeneration()
    {
        await using var serve = await ServeProcess.StartAsync(["--max-tokens", "450"]);
        var request = LongRequest(maxTokens: 420);
        request["stream"] = true;
        // A raw socket, read and closed on this thread: the generation (420 tokens in about 350 ms on a quiet machine)
        // must not go on while the client's leaving waits for a thread. HttpClient's read resumed on the pool and its
        // disposal closed the connection after that; once, under CI's load, the whole answer was written first.
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Connect(serve.BaseAddress.Host, serve.BaseAddress.Port);
            byte[] body = Encoding.UTF8.GetBytes(request.ToJsonString());
            socket.Send(Encoding.ASCII.GetBytes($"POST /v1/completions HTTP/1.1\r\nHost: {serve.BaseAddress.Authority}\r\n" +
                $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
            socket.Send(body);
            var received = new StringBuilder();
            var buffer = new byte[4096];
            while (!received.ToString().Contains("data: ", StringComparison.Ordinal))
            {
                int count = socket.Receive(buffer);
                Assert.True(count > 0, $"the server closed before the first chunk:\n{received}");
                received.Append(Encoding.ASCII.GetString(buffer, 0, count));
            }
            Assert.StartsWith("HTTP/1.1 200", received.ToString());
            // The first chunk came; now the client leaves, with a reset: the server's next write fails at once.
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        var waited = Stopwatch.StartNew();
        while (!serve.Stderr.Contains("cancelled", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(50);
        var line = serve.Stderr.Split('\n').FirstOrDefault(l => l.Contains("cancelled", StringComparison.Ordinal));
        Assert.True(line is not null, $"no cancellation was logged:\n{serve.Stderr}");
        // It stopped well before the 420 tokens it was asked for.
        int tokens = int.Parse(System.Text.RegularExpressions.Regex.Match(line, @"after (\d+) tokens").Groups[1].Value);
        Assert.InRange(tokens, 1, 380);
    }

    [Fact]
    public async Task ARequestPastTheTimeoutIs504AndItsGenerationStops()
    {
        // 440 tokens take about 0.7 s on a quiet machine (250 took 0.4 s and sometimes ended inside a 400 ms timeout).
        await using var serve = await ServeProcess.StartAsync(["--timeout-ms", "200", "--max-tokens", "440"]);
        var answer = await new LegacyCompletions(serve.BaseAddress).CreateAsync(LongRequest(440));
        Assert.Equal(504, answer.Status);
        Assert.Equal("timeout", answer.Body.GetProperty("error").GetProperty("code").GetString());
        var waited = Stopwatch.StartNew();
        while (!serve.Stderr.Contains("cancelled", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(50);
        Assert.Contains("cancelled", serve.Stderr);
    }

    [Fact]
    public async Task ListeningBeyondLoopbackNeedsAnExplicitFlag()
    {
        var (exitCode, stderr) = await ServeProcess.RunToExitAsync(["--http", "0.0.0.0:0"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, exitCode);
        Assert.Contains("--allow-remote", stderr);
    }

    [Fact]
    public async Task ListeningBeyondLoopbackWithoutAKeyWarns()
    {
        // StartAsync asks for 127.0.0.1:0 first; the later --http wins.
        await using var serve = await ServeProcess.StartAsync(["--http", "0.0.0.0:0", "--allow-remote"]);
        Assert.Contains("WARNING", serve.Stderr);
        Assert.Contains("no API key", serve.Stderr);
    }
}
