using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace NanoLsp.Driver;

/// <summary>
/// The JSON-RPC transport of the real server process, alone: requests for a method no handler has, which
/// StreamJsonRpc answers MethodNotFound without touching the workspace, so the time is framing, parsing,
/// dispatch and the answer's way back. Round trips one at a time by params size, then a pipelined burst.
/// With --baseline another server build runs in the same session, rounds alternating, so both see the
/// same machine load. Not a timed test: run it to compare.
/// </summary>
public static class TransportBench
{
    private const string Method = "nanolsp/transportBench";

    private static readonly (string Name, int Bytes, int Divisor)[] Sizes = [("small", 0, 1), ("64 KB", 64 * 1024, 4), ("1 MB", 1024 * 1024, 40)];

    public static async Task<int> RunAsync(string? baseline, int requests, int rounds)
    {
        var servers = new List<(string Name, string Dll)>();
        if (baseline is not null)
            servers.Add(("baseline", Path.GetFullPath(File.Exists(baseline) ? baseline : throw new FileNotFoundException($"No server at {baseline}."))));
        servers.Add(("current", ServerLocator.Find()));
        var payloads = Sizes.Select(s => Params(s.Bytes)).ToArray();
        var latencies = servers.ToDictionary(s => s.Name, _ => Sizes.Select(_ => new List<double>()).ToArray());
        var bursts = servers.ToDictionary(s => s.Name, _ => new List<double>());
        Console.WriteLine($"transport bench: {requests} small requests per round (64 KB: /4, 1 MB: /40), {rounds} round(s), {Environment.ProcessorCount} CPU(s)");
        foreach (var (name, dll) in servers)
            Console.WriteLine($"  {name,-8} {dll}");

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, dll) in servers)
            {
                await using var client = LspClient.Start(dll);
                await RoundTripsAsync(client, payloads[0], 300); // JIT and pools warm
                for (var i = 0; i < Sizes.Length; i++)
                    latencies[name][i].AddRange(await RoundTripsAsync(client, payloads[i], Math.Max(10, requests / Sizes[i].Divisor)));
                bursts[name].Add(await BurstAsync(client, payloads[0], requests));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"round trip (µs)",-18}" + string.Concat(servers.Select(s => $"{s.Name + " p50",14}{s.Name + " p95",14}")));
        for (var i = 0; i < Sizes.Length; i++)
        {
            var row = $"{Sizes[i].Name + $" (n={latencies[servers[0].Name][i].Count})",-18}";
            foreach (var (name, _) in servers)
                row += $"{Percentile(latencies[name][i], 0.5),14:0}{Percentile(latencies[name][i], 0.95),14:0}";
            Console.WriteLine(row);
        }
        Console.WriteLine($"{"burst (msg/s)",-18}" + string.Concat(servers.Select(s => $"{Percentile(bursts[s.Name], 0.5),14:0}{"",14}")));
        return 0;
    }

    /// <summary>Params like a didChange's: a text of about this many bytes, with quotes and newlines to escape.</summary>
    private static byte[] Params(int bytes)
    {
        const string line = "    var total = items.Sum(i => i.Price * i.Quantity); // \"total\"\n";
        var text = new StringBuilder(bytes + line.Length);
        while (text.Length < bytes)
            text.Append(line);
        return JsonSerializer.SerializeToUtf8Bytes(new { text = bytes == 0 ? "hello" : text.ToString() });
    }

    private static async Task<List<double>> RoundTripsAsync(LspClient client, byte[] payload, int count)
    {
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (_, response) = await client.SendRequestAsync(Method, payload);
            await AnsweredAsync(response);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        return samples;
    }

    /// <summary>Messages per second with all requests in flight at once.</summary>
    private static async Task<double> BurstAsync(LspClient client, byte[] payload, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var responses = new List<Task<JsonElement>>(count);
        for (var i = 0; i < count; i++)
            responses.Add((await client.SendRequestAsync(Method, payload)).Response);
        foreach (var response in responses)
            await AnsweredAsync(response);
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The answer is an error (MethodNotFound) by design; waiting must not throw it.</summary>
    private static async Task AnsweredAsync(Task<JsonElement> response)
    {
        await ((Task)response).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!response.IsCompleted)
            throw new TimeoutException("The server did not answer within 60 s.");
        if (response.Exception?.InnerException is not LspResponseException { Code: -32601 })
            throw new InvalidOperationException($"Expected MethodNotFound, got {(response.IsFaulted ? response.Exception!.InnerException!.Message : "a result")}.");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
