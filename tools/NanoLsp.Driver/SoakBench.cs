using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// `NanoLsp.Driver soak`: a long typing session on the real server, as a day in an editor. Lines of a few
/// files of a real repository (picked as the typing benchmark picks them, <see cref="TypingBench.PickLines"/>)
/// are deleted and re-typed keystroke by keystroke, over and over, with an automatic inline completion on
/// each keystroke and a hover, a completion and code actions at the caret every 25 (not waited for: the next round cancels
/// what is still pending, as an editor does). Every 1,000 keystrokes
/// it prints the server's resident memory and the p95 latencies of that stretch; at the end, the memory
/// at start, middle and end and its trend (MB per 1,000 keystrokes, least squares over the samples).
/// The server's pid is printed so `dotnet-gcdump collect -p PID` can compare heaps while it runs.
/// </summary>
public static class SoakBench
{
    private const int FeatureEvery = 25;
    /// <param name="pullDiagnostics">Pull diagnostics as VS Code does (<see cref="DiagnosticsPuller"/>) instead of taking
    /// the server's pushes: every provider after each keystroke, the pull still running cancelled.</param>
    public static async Task<int> RunAsync(string folder, int keystrokeTarget, int fileCount, int seed, int sampleEvery = 1000, string? settingsJson = null,
        bool pullDiagnostics = false)
    {
        folder = Path.GetFullPath(folder);
        var random = new Random(seed);
        var files = Workbench.CSharpFiles(folder).Where(f => new FileInfo(f).Length is > 2_000 and < 60_000).OrderBy(_ => random.Next()).Take(fileCount).ToList();
        var lines = TypingBench.PickLines(files, 400, seed);
        if (lines.Count == 0)
        {
            Console.Error.WriteLine($"No lines to type under {folder}.");
            return 2;
        }
        await using var client = LspClient.Start(workingDirectory: folder);
        Console.WriteLine($"soak {folder}: {keystrokeTarget} keystrokes over {lines.Select(l => l.File).Distinct().Count()} files, seed {seed}, server pid {client.ProcessId}");
        var load = Stopwatch.StartNew();
        var capabilities = LspClient.DefaultCapabilities();
        if (pullDiagnostics)
            capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true };
        var initialized = await client.InitializeAsync(folder, capabilities, settingsJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(settingsJson)!.AsObject());
        var puller = pullDiagnostics ? new DiagnosticsPuller(client, await DiagnosticsPuller.DiscoverAsync(client, initialized.GetProperty("capabilities"))) : null;
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(10));
        await client.WaitForNotificationAsync("nanolsp/modelStatus", p => p.GetProperty("state").GetString() != "loading", TimeSpan.FromMinutes(2));
        Console.WriteLine($"loaded in {load.Elapsed.TotalSeconds:F1} s: {status.GetProperty("message").GetString()}");

        var versions = new Dictionary<string, int>();
        foreach (var file in lines.Select(l => l.File).Distinct())
        {
            await client.OpenAsync(file);
            puller?.Opened(LspClient.ToUri(file));
            versions[file] = 1;
        }
        var samples = new List<(int Keystrokes, double RssMb)> { (0, Mb(client.ResidentMemoryBytes())) };
        Console.WriteLine($"  keystrokes      0  RSS {samples[0].RssMb,6:F0} MB");
        var inline = new List<double>();
        var features = new List<double>();
        var byMethod = new Dictionary<string, List<double>>();
        var errors = 0;
        var typed = 0;
        var pending = new List<(long Id, Task Answer)>();
        var counts = new Counts();
        var clock = Stopwatch.StartNew();
        try
        {
            await TypeAsync();
        }
        catch (IOException)
        {
            // The figures so far still say how memory went; the exit code says how the server ended.
            await Task.Delay(1000);
            Console.WriteLine($"  the server died after {typed} keystrokes (exit code {(client.HasExited ? client.ExitCode.ToString() : "unknown")}); its log's last lines:");
            foreach (var line in client.Stderr.Split('\n').TakeLast(15))
                Console.WriteLine($"    {line}");
            errors++;
        }
        if (puller is not null && !client.HasExited)
            await puller.DrainAsync();
        Summarise();
        puller?.Report();
        try
        {
            if (!client.HasExited)
                await client.ShutdownAsync(TimeSpan.FromMinutes(1));
        }
        catch (IOException e)
        {
            // A server whose pipe broke may still be alive (seen: not exited 1 s after its stdin broke); the
            // figures are printed, so say so instead of dying on the write.
            Console.WriteLine($"  shutdown not sent: {e.Message} (server exited: {client.HasExited})");
        }
        return errors + counts.Errors == 0 ? 0 : 1;

        async Task TypeAsync()
        {
            while (typed < keystrokeTarget)
            {
                foreach (var (file, lineIndex, original) in lines)
                {
                    if (typed >= keystrokeTarget)
                        break;
                    var uri = LspClient.ToUri(file);
                    var indent = original.Length - original.TrimStart().Length;
                    var content = original.TrimEnd()[indent..];
                    await Workbench.ReplaceAsync(client, uri, ++versions[file], lineIndex, indent, indent + content.Length, "");
                    for (var k = 0; k < content.Length && typed < keystrokeTarget; k++)
                    {
                        var watch = Stopwatch.StartNew();
                        await Workbench.ReplaceAsync(client, uri, ++versions[file], lineIndex, indent + k, indent + k, content[k].ToString());
                        puller?.Changed(uri);
                        var caret = Workbench.TextDocumentPosition(file, lineIndex, indent + k + 1);
                        caret["context"] = new JsonObject { ["triggerKind"] = 2 };
                        errors += await TryAsync("textDocument/inlineCompletion", client.RequestAsync("textDocument/inlineCompletion", caret));
                        inline.Add(watch.Elapsed.TotalMilliseconds);
                        typed++;
                        if (typed % FeatureEvery == 0)
                            await FeaturesAsync(client, file, lineIndex, indent + k + 1, features, byMethod, pending, counts);
                        if (typed % sampleEvery == 0)
                        {
                            samples.Add((typed, Mb(client.ResidentMemoryBytes())));
                            Console.WriteLine($"  keystrokes {typed,6}  RSS {samples[^1].RssMb,6:F0} MB  inline p95 {P95(inline[^sampleEvery..]),6:F1} ms  hover/completion/actions p95 {FeatureP95(features, 3 * sampleEvery / FeatureEvery),6:F1} ms  errors {errors + counts.Errors}, cancelled {counts.Cancelled}");
                        }
                    }
                    client.ClearMessages();
                }
        }
        }

        void Summarise()
        {
            var slope = Slope(samples.Skip(1).ToList());
            Console.WriteLine();
            Console.WriteLine($"keystrokes                 {typed} in {clock.Elapsed.TotalMinutes:F1} min, errors {errors + counts.Errors}");
            Console.WriteLine($"memory (RSS)               start {samples[0].RssMb:F0} MB, middle {samples[samples.Count / 2].RssMb:F0} MB, end {samples[^1].RssMb:F0} MB, peak {Mb(client.PeakMemoryBytes()):F0} MB");
            Console.WriteLine($"memory trend               {slope:+0.0;-0.0} MB per 1,000 keystrokes (least squares over the samples after the first)");
            Console.WriteLine($"inline completion          p50 {Workbench.Percentile(inline, 50):F1}  p95 {Workbench.Percentile(inline, 95):F1} ms");
            lock (features)
            {
                Console.WriteLine($"hover/completion/actions   p50 {Workbench.Percentile(features, 50):F1}  p95 {Workbench.Percentile(features, 95):F1} ms ({features.Count} answered, {counts.Cancelled} cancelled unanswered 25 keystrokes later)");
                foreach (var (method, times) in byMethod.OrderBy(m => m.Key, StringComparer.Ordinal))
                    Console.WriteLine($"  {method,-24} p50 {Workbench.Percentile(times, 50):F1}  p95 {Workbench.Percentile(times, 95):F1} ms ({times.Count} answered" +
                        (method == "textDocument/completion" ? $", {counts.Starred} with the model's stars)" : ")"));
            }
        }
    }

    /// <summary>
    /// Sends a hover, a completion and code actions at the caret without waiting for them, as an editor does
    /// while the user types on; the ones still pending from the last round are cancelled first ($/cancelRequest,
    /// as VS Code cancels a completion the user typed past). Latencies of the answered ones go to the list.
    /// </summary>
    private static async Task FeaturesAsync(LspClient client, string file, int line, int character, List<double> latencies,
        Dictionary<string, List<double>> byMethod, List<(long Id, Task Answer)> pending, Counts counts)
    {
        foreach (var (id, answer) in pending)
        {
            if (!answer.IsCompleted)
            {
                await client.CancelAsync(id);
                counts.Cancelled++;
            }
        }
        pending.Clear();
        foreach (var method in new[] { "textDocument/hover", "textDocument/completion", "textDocument/codeAction" })
        {
            JsonObject parameters = Workbench.TextDocumentPosition(file, line, Math.Max(0, character - 2));
            if (method == "textDocument/codeAction")
            {
                parameters.Remove("position");
                parameters["range"] = new JsonObject { ["start"] = Workbench.Position(line, 0), ["end"] = Workbench.Position(line, character) };
                // As VS Code asks for the lightbulb while the caret moves: automatic (the model's fixes only come when invoked).
                parameters["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["triggerKind"] = 2 };
            }
            var watch = Stopwatch.StartNew();
            var (id, response) = await client.SendRequestAsync(method, parameters);
            pending.Add((id, response.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                    lock (latencies)
                    {
                        if (method == "textDocument/completion" && Workbench.Starred(t.Result)) counts.Starred++;
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                        if (!byMethod.TryGetValue(method, out var times))
                            byMethod[method] = times = [];
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                else if (t.Exception?.InnerException is LspResponseException { Code: not -32800 } e)
                {
                    Console.WriteLine($"  error: {method}: {e.Message}");
                    Interlocked.Increment(ref counts.Errors);
                }
            }, TaskScheduler.Default)));
        }
    }

    /// <summary>What the feature requests came to (shared with their continuations).</summary>
    private sealed class Counts
    {
        public int Errors;
        public int Cancelled;
        public int Starred; // completion lists that came with the model's stars
    }

    private static async Task<int> TryAsync(string method, Task request)
    {
        try
        {
            await request.WaitAsync(TimeSpan.FromMinutes(1));
            return 0;
        }
        catch (Exception e) when (e is LspResponseException or TimeoutException)
        {
            Console.WriteLine($"  error: {method}: {e.Message}");
            return 1;
        }
    }

    private static double FeatureP95(List<double> features, int last)
    {
        lock (features)
            return P95(features[^Math.Min(features.Count, last)..]);
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static double P95(IEnumerable<double> values) => Workbench.Percentile(values, 95);

    /// <summary>Least-squares slope of RSS against keystrokes, in MB per 1,000 keystrokes.</summary>
    private static double Slope(List<(int Keystrokes, double RssMb)> samples)
    {
        if (samples.Count < 2)
            return 0;
        var meanX = samples.Average(s => s.Keystrokes);
        var meanY = samples.Average(s => s.RssMb);
        var numerator = samples.Sum(s => (s.Keystrokes - meanX) * (s.RssMb - meanY));
        var denominator = samples.Sum(s => (s.Keystrokes - meanX) * (s.Keystrokes - meanX));
        return denominator == 0 ? 0 : numerator / denominator * 1000;
    }
}
