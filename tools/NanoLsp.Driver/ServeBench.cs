using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// Load benchmark of nanolsp-serve on loopback: a real server process (ServeProcess) with its --parallel and --queue,
/// and concurrent clients, each sending fill-in-the-middle completions cut from the sample project's files, one after
/// another, until the request count or the time runs out (both bounded). A 429 is counted and its client waits the
/// Retry-After (at most a second, so the run stays bounded) before its next request. Prints p50/p95/p99 of the
/// answered requests, throughput, 429s, errors and the server's peak memory.
/// </summary>
public static class ServeBench
{
    public sealed record Options(int Clients = 8, int Requests = 200, int Seconds = 120, int Parallel = 1, int Queue = 4, int MaxTokens = 16);

    public static async Task<int> RunAsync(Options options)
    {
        var prompts = Prompts(Path.Combine(ServerLocator.RepositoryRoot(), "samples", "Inventory"), seed: 7, count: 64);
        await using var serve = await ServeProcess.StartAsync(["--parallel", $"{options.Parallel}", "--queue", $"{options.Queue}",
            "--max-tokens", $"{Math.Max(options.MaxTokens, 16)}", "--timeout-ms", "60000"]);
        using var http = new HttpClient { BaseAddress = new Uri(serve.BaseAddress, "v1/"), Timeout = TimeSpan.FromMinutes(2) };
        // One warm-up request: the first generation pays for JIT and ONNX Runtime's first run.
        await SendAsync(http, prompts[0], options.MaxTokens, CancellationToken.None);

        var latencies = new List<double>();
        int ok = 0, refused = 0, errors = 0, tokens = 0, next = -1;
        var errorKinds = new Dictionary<string, int>();
        using var time = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var wall = Stopwatch.StartNew();
        async Task ClientAsync()
        {
            while (!time.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= options.Requests) return;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var (status, body, retryAfter) = await SendAsync(http, prompts[index % prompts.Count], options.MaxTokens, time.Token);
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    lock (latencies)
                    {
                        if (status == HttpStatusCode.OK)
                        {
                            ok++;
                            latencies.Add(ms);
                            tokens += JsonDocument.Parse(body).RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
                        }
                        else if (status == HttpStatusCode.TooManyRequests) refused++;
                        else
                        {
                            errors++;
                            errorKinds[$"HTTP {(int)status}"] = errorKinds.GetValueOrDefault($"HTTP {(int)status}") + 1;
                        }
                    }
                    if (status == HttpStatusCode.TooManyRequests)
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(retryAfter ?? 1, 1)), time.Token);
                }
                catch (OperationCanceledException) when (time.IsCancellationRequested)
                {
                    return; // the time bound: an unfinished request is not counted
                }
                catch (HttpRequestException e)
                {
                    lock (latencies)
                    {
                        errors++;
                        errorKinds[e.GetType().Name] = errorKinds.GetValueOrDefault(e.GetType().Name) + 1;
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(ClientAsync)));
        double seconds = wall.Elapsed.TotalSeconds;

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"nanolsp-serve load: {options.Clients} clients, --parallel {options.Parallel}, --queue {options.Queue}, " +
                          $"max_tokens {options.MaxTokens}, bound {options.Requests} requests / {options.Seconds} s, {Environment.ProcessorCount} cores");
        Console.WriteLine($"answered   {ok} in {seconds:0.0} s: {ok / seconds:0.00} requests/s, {tokens / seconds:0} generated tokens/s");
        Console.WriteLine($"latency    p50 {Percentile(0.5):0} ms  p95 {Percentile(0.95):0} ms  p99 {Percentile(0.99):0} ms  max {(latencies.Count > 0 ? latencies[^1] : double.NaN):0} ms (answered requests, queue wait included)");
        Console.WriteLine($"429s       {refused} (over --parallel + --queue; each client then waited the Retry-After, at most 1 s)");
        Console.WriteLine($"errors     {errors}{(errorKinds.Count > 0 ? " (" + string.Join(", ", errorKinds.Select(k => $"{k.Key}: {k.Value}")) + ")" : "")}");
        Console.WriteLine($"peak memory of nanolsp-serve: {(serve.PeakMemoryBytes() is { } peak ? $"{peak / (1024.0 * 1024):0} MB (VmHWM)" : "n/a")}");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(HttpStatusCode Status, string Body, int? RetryAfter)> SendAsync(HttpClient http, (string Prefix, string Suffix) prompt,
        int maxTokens, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["model"] = "nano-csharp",
            ["prompt"] = prompt.Prefix,
            ["suffix"] = prompt.Suffix,
            ["max_tokens"] = maxTokens,
            ["temperature"] = 0,
            ["stop"] = "\n",
        };
        using var response = await http.PostAsync("completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        int? retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null;
        return (response.StatusCode, text, retryAfter);
    }

    /// <summary>Cursor positions in the sample's C# files (seeded): the text before (up to 1500 characters) and after (up to 500).</summary>
    private static List<(string Prefix, string Suffix)> Prompts(string folder, int seed, int count)
    {
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).Where(t => t.Length > 200).ToList();
        if (files.Count == 0) throw new DirectoryNotFoundException($"No C# files in {folder}.");
        var random = new Random(seed);
        var prompts = new List<(string, string)>();
        for (int i = 0; i < count; i++)
        {
            string text = files[random.Next(files.Count)];
            int at = random.Next(100, text.Length - 1);
            prompts.Add((text[Math.Max(0, at - 1500)..at], text[at..Math.Min(text.Length, at + 500)]));
        }
        return prompts;
    }
}
