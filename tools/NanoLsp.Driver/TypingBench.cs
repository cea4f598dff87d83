using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// The typing benchmark: the real server over stdio, driven as an editor drives it. Real lines of a
/// real project are deleted and re-typed one keystroke at a time; each keystroke is a didChange and
/// then an automatic textDocument/inlineCompletion. Latency is measured end to end (didChange sent to
/// answer received). How each answer was made (model, typing along a shown suggestion, prompt tokens
/// reused from the engine's prefix cache) comes from the nanolsp/modelStatus notification the server
/// sends before each answer (docs/protocol.md). The typist takes a suggestion that is exactly what comes next
/// (two characters or more) with one Tab, inserted whole as an editor inserts it, as the user of the typing-session
/// metric does (training/eval/score.py); otherwise they type the next character.
/// </summary>
public static class TypingBench
{
    /// <param name="Accepted">What was shown is what comes next (taken when two characters or more).</param>
    private sealed record Keystroke(double LatencyMs, bool Shown, string Source, int PromptTokens, int ReusedPromptTokens, bool Accepted,
        Dictionary<string, double> StageMs, int Taken)
    {
        /// <summary>Where it was typed (file:line, column) and what was input, for the slowest keystrokes' list.</summary>
        public string Where { get; init; } = "";
    }

    /// <param name="otherDocument">When set, every keystroke's request goes with a request for this other open
    /// document (same moment, another file): what two documents asking at once costs each of them.</param>
    /// <param name="memoryWaitSeconds">How long to wait for the repository memory's report (0 for a server without one).</param>
    /// <param name="keystrokesOut">When set, every keystroke (latency, source, stage times, where) is written there as
    /// a JSON line, for finding where the slow ones spend their time.</param>
    /// <param name="withLists">Also asks for a completion list where an editor's quick suggestions would: after a typed
    /// '.' (as a trigger character) and at the first letter of a word (invoked), at the same moment as the inline
    /// request, and again at each letter typed of the word while its list is incomplete (as VS Code asks again); the
    /// lists' latencies are reported apart.</param>
    /// <param name="readMs">A pause after each file opens and its first diagnostics arrive, before its first keystroke: a user
    /// who reads the file first (0: typing starts at once, the worst case for what the server does when a file opens).</param>
    /// <param name="keyMs">The least time from one keystroke to the next, as a person types (0: the next as soon as the
    /// previous keystroke's answers are in, faster than anyone types: what the server does between keystrokes, diagnostics
    /// and the repository memory's upkeep, then mostly gets cancelled or waits).</param>
    /// <param name="pullDiagnostics">A pull client, as VS Code is (<see cref="DiagnosticsPuller"/>): every provider the server
    /// offers pulled after each change, a pull still running cancelled and asked again, the other open documents pulled
    /// in the background for a provider with inter-file dependencies; by default the server pushes
    /// (debounced, so a typing session that keeps up with the server rarely has its diagnostics computed).</param>
    /// <param name="codeActions">As VS Code's lightbulb asks when the caret settles: an automatic code action request at an
    /// empty range where each line's typing starts, answered before the line's first keystroke (which still waits
    /// <paramref name="keyMs"/> after the last one).</param>
    public static async Task<int> RunAsync(string folder, int lineCount, int seed, string? fileArgument, string? settingsJson = null,
        string? otherDocument = null, string? keystrokesOut = null, int memoryWaitSeconds = 90, bool withLists = false, int readMs = 0,
        bool pullDiagnostics = false, int keyMs = 0, bool codeActions = false)
    {
        folder = Path.GetFullPath(folder);
        var files = fileArgument is not null ? [Path.GetFullPath(fileArgument)] : Workbench.CSharpFiles(folder);
        var lines = PickLines(files, lineCount, seed);
        if (lines.Count == 0)
        {
            Console.Error.WriteLine($"No lines to type under {folder}.");
            return 2;
        }
        Console.WriteLine($"typing {folder}: {lines.Count} lines, {lines.Sum(l => l.Text.Trim().Length)} keystrokes, seed {seed}, {Environment.ProcessorCount} CPU(s)");

        await using var client = LspClient.Start();
        JsonElement? lastReport = null;
        JsonElement? otherReport = null;
        string? otherUri = otherDocument is null ? null : LspClient.ToUri(otherDocument);
        client.MessageReceived += message =>
        {
            if (message.GetProperty("method").GetString() == "nanolsp/modelStatus"
                && message.GetProperty("params").TryGetProperty("lastCompletion", out var report))
            {
                if (report.GetProperty("uri").GetString() == otherUri) otherReport = report;
                else lastReport = report;
            }
        };
        var capabilities = LspClient.DefaultCapabilities();
        if (pullDiagnostics)
            capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true };
        var initialized = await client.InitializeAsync(folder, capabilities, settingsJson is null ? null : JsonNode.Parse(settingsJson));
        var puller = pullDiagnostics ? new DiagnosticsPuller(client, await DiagnosticsPuller.DiscoverAsync(client, initialized.GetProperty("capabilities"))) : null;
        if (puller is { Providers.Count: 0 })
            throw new InvalidOperationException("--pull-diagnostics: the server offers no pull diagnostics.");
        // A memory that was waited for and never came (2026-12-05: a startup fault went unnoticed for two days of
        // figures) makes the run fail after its figures: they are not the server's as users run it.
        bool memoryMissing = false;
        var status = await client.WaitForNotificationAsync("nanolsp/modelStatus",
            p => p.GetProperty("state").GetString() != "loading", TimeSpan.FromMinutes(2));
        Console.WriteLine($"model: {status.GetProperty("state").GetString()}: {status.GetProperty("message").GetString()}");
        try
        {
            // Typing starts once the workspace is loaded and the repository memory built, as a user types a
            // while after opening.
            await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(5));
            var memory = await client.WaitForNotificationAsync("window/logMessage",
                p => p.GetProperty("message").GetString()?.StartsWith("Repository memory", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(memoryWaitSeconds));
            Console.WriteLine($"memory: {memory.GetProperty("message").GetString()}");
        }
        catch (TimeoutException)
        {
            memoryMissing = memoryWaitSeconds > 0;
            Console.WriteLine($"memory: none reported within {memoryWaitSeconds} s (a server without a repository memory, or no model)");
            foreach (var line in client.Stderr.Split('\n').Where(l => l.Contains("memory", StringComparison.OrdinalIgnoreCase) || l.Contains("progress", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine($"  server: {line}");
        }

        var versions = new Dictionary<string, int>();
        var keystrokes = new List<Keystroke>();
        var others = new List<(double LatencyMs, string Source)>();
        var lists = new List<(double LatencyMs, string Where, bool Starred, string At)>();
        JsonObject? otherPosition = null;
        if (otherDocument is not null)
        {
            await client.OpenAsync(otherDocument);
            puller?.Opened(LspClient.ToUri(otherDocument));
            versions[otherDocument] = 1;
            // The end of its middle line: a fixed place in another file, asked at every keystroke.
            var otherLines = File.ReadAllLines(otherDocument);
            int middle = otherLines.Length / 2;
            otherPosition = Workbench.Position(middle, otherLines[middle].Length);
        }
        var sinceKey = Stopwatch.StartNew();
        foreach (var (file, lineIndex, original) in lines)
        {
            var uri = LspClient.ToUri(file);
            if (!versions.ContainsKey(file))
            {
                await client.OpenAsync(file);
                versions[file] = 1;
                puller?.Opened(uri);
                if (puller is null)
                    await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri, TimeSpan.FromMinutes(3));
                else
                    await client.RequestAsync("textDocument/diagnostic", DiagnosticsPuller.Params(uri, puller.Providers[0].Identifier)).WaitAsync(TimeSpan.FromMinutes(3));
                if (readMs > 0)
                    await Task.Delay(readMs);
            }
            int indent = original.Length - original.TrimStart().Length;
            string content = original.TrimEnd()[indent..];
            await Workbench.ReplaceAsync(client, uri, versions[file] = versions[file] + 1, lineIndex, indent, original.Length, "");
            if (codeActions)
                await client.RequestAsync("textDocument/codeAction", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri },
                    ["range"] = new JsonObject { ["start"] = Workbench.Position(lineIndex, indent), ["end"] = Workbench.Position(lineIndex, indent) },
                    ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["triggerKind"] = 2 },
                }).WaitAsync(TimeSpan.FromMinutes(1));
            string shown = "";
            bool listIncomplete = false; // the list showing (this word's) said more items may come: VS Code asks again
            for (int k = 0; k < content.Length;)
            {
                // Tab when the suggestion is what comes next, else the next character.
                bool take = shown.Length >= 2 && content[k..].StartsWith(shown, StringComparison.Ordinal);
                string input = take ? shown : content[k].ToString();
                if (keyMs > 0 && sinceKey.Elapsed.TotalMilliseconds < keyMs)
                    await Task.Delay(TimeSpan.FromMilliseconds(keyMs) - sinceKey.Elapsed);
                sinceKey.Restart();
                var watch = Stopwatch.StartNew();
                await Workbench.ReplaceAsync(client, uri, versions[file] = versions[file] + 1, lineIndex, indent + k, indent + k, input);
                puller?.Changed(uri);
                k += input.Length;
                if (take) keystrokes[^1] = keystrokes[^1] with { Taken = input.Length };
                lastReport = null;
                otherReport = null;
                var otherWatch = Stopwatch.StartNew();
                var otherAnswer = otherUri is null ? null : client.RequestAsync("textDocument/inlineCompletion", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = otherUri },
                    ["position"] = otherPosition!.DeepClone(),
                    ["context"] = new JsonObject { ["triggerKind"] = 2 },
                });
                // Quick suggestions: a list after '.', and at a word's first letter (not after a Tab, which takes a whole
                // suggestion); while the word's list is incomplete, again at each letter typed of it (triggerKind 3).
                bool afterDot = !take && input == ".";
                bool inWord = !take && (char.IsLetterOrDigit(input[0]) || input[0] == '_');
                bool wordStart = inWord && char.IsLetter(input[0]) && (k < 2 || !(char.IsLetterOrDigit(content[k - 2]) || content[k - 2] == '_'));
                bool again = inWord && !wordStart && listIncomplete;
                listIncomplete = false;
                var listWatch = Stopwatch.StartNew();
                string where = afterDot ? ListAfterDot : wordStart ? ListAtWordStart : ListAgain;
                var list = withLists && (afterDot || wordStart || again) ? client.RequestAsync("textDocument/completion", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri },
                    ["position"] = Workbench.Position(lineIndex, indent + k),
                    ["context"] = afterDot ? new JsonObject { ["triggerKind"] = 2, ["triggerCharacter"] = "." }
                        : new JsonObject { ["triggerKind"] = again ? 3 : 1 },
                }).ContinueWith(t =>
                {
                    if (!t.IsCompletedSuccessfully) return;
                    lock (lists) lists.Add((listWatch.Elapsed.TotalMilliseconds, where, Workbench.Starred(t.Result), $"{Path.GetFileName(file)}:{lineIndex + 1} col {indent + k} after '{input}'"));
                    listIncomplete = t.Result.TryGetProperty("isIncomplete", out var incomplete) && incomplete.ValueKind == JsonValueKind.True;
                }, TaskScheduler.Default) : null;
                var answer = await client.RequestAsync("textDocument/inlineCompletion", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri },
                    ["position"] = Workbench.Position(lineIndex, indent + k),
                    ["context"] = new JsonObject { ["triggerKind"] = 2 },
                }).WaitAsync(TimeSpan.FromMinutes(1));
                double ms = watch.Elapsed.TotalMilliseconds;
                if (list is not null)
                    await list.WaitAsync(TimeSpan.FromMinutes(1));
                if (otherAnswer is not null)
                {
                    await otherAnswer.WaitAsync(TimeSpan.FromMinutes(1));
                    double otherMs = otherWatch.Elapsed.TotalMilliseconds;
                    // The report follows the answer: give it a moment to arrive.
                    for (int wait = 0; wait < 100 && otherReport is null; wait++) await Task.Delay(5);
                    others.Add((otherMs, otherReport?.GetProperty("source").GetString() ?? "(no report)"));
                }
                var items = answer.GetProperty("items");
                shown = items.GetArrayLength() > 0 ? items[0].GetProperty("insertText").GetString() ?? "" : "";
                var report = lastReport;
                keystrokes.Add(new Keystroke(ms, shown.Length > 0,
                    report?.GetProperty("source").GetString() ?? "(no report)",
                    report?.GetProperty("promptTokens").GetInt32() ?? 0,
                    report?.GetProperty("reusedPromptTokens").GetInt32() ?? 0,
                    shown.Length > 0 && content[k..].StartsWith(shown, StringComparison.Ordinal),
                    report is { } r && r.TryGetProperty("stageMs", out var stages)
                        ? stages.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()) : [], 0)
                {
                    Where = $"{Path.GetFileName(file)}:{lineIndex + 1} col {indent + k} after {(take ? "Tab" : "key")} '{input}'",
                });
            }
            Console.WriteLine($"  {Path.GetRelativePath(folder, file)}:{lineIndex + 1}  {content}");
            // The re-typed line equals the original again; trailing whitespace (if any) is restored too.
            if (original.TrimEnd().Length != original.Length)
                await Workbench.ReplaceAsync(client, uri, versions[file] = versions[file] + 1, lineIndex, indent + content.Length, indent + content.Length, original[(indent + content.Length)..]);
            client.ClearMessages();
        }
        if (puller is not null)
            await puller.DrainAsync();
        Report(keystrokes, lines.Sum(l => l.Text.Trim().Length), client.PeakMemoryBytes());
        puller?.Report();
        if (keystrokesOut is not null)
            await File.WriteAllLinesAsync(keystrokesOut, keystrokes.Select(k => JsonSerializer.Serialize(k)));
        foreach (var name in new[] { ListAfterDot, ListAtWordStart, ListAgain })
        {
            var times = lists.Where(l => l.Where == name).Select(l => l.LatencyMs).Order().ToList();
            if (times.Count == 0)
                continue;
            double Q(double p) => times[Math.Clamp((int)Math.Ceiling(p / 100 * times.Count) - 1, 0, times.Count - 1)];
            int starred = lists.Count(l => l.Where == name && l.Starred);
            Console.WriteLine($"completion list {name,-18} {times.Count,4} requests: latency p50 {Q(50):0.0}  p95 {Q(95):0.0}  max {times[^1]:0.0} ms; " +
                $"{starred} shown ranked (model's stars)");
        }
        if (lists.Count > 0)
            Console.WriteLine("slowest lists: " + string.Join("; ", lists.OrderByDescending(l => l.LatencyMs).Take(3).Select(l => $"{l.LatencyMs:0} ms {l.At}")));
        if (others.Count > 0)
        {
            var sorted = others.Select(o => o.LatencyMs).Order().ToList();
            double Q(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
            Console.WriteLine($"other document, same moment {others.Count} requests: latency p50 {Q(50):0.0}  p95 {Q(95):0.0} ms; sources " +
                string.Join(", ", others.GroupBy(o => o.Source).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        }
        var log = Path.Combine(Path.GetTempPath(), "nanolsp-typing-server.log");
        await File.WriteAllTextAsync(log, client.Stderr);
        Console.WriteLine($"server log: {log}");
        await client.ShutdownAsync();
        if (memoryMissing)
        {
            Console.Error.WriteLine($"typing: the repository memory was not reported within {memoryWaitSeconds} s, so these figures lack it " +
                "(see the server's lines above; --memory-wait 0 for a server without one).");
            return 3;
        }
        return 0;
    }

    private const string ListAfterDot = "after '.'";
    private const string ListAtWordStart = "at a word's start";
    private const string ListAgain = "again (incomplete)";

    private static void Report(List<Keystroke> keystrokes, int characters, long peakMemoryBytes)
    {
        var latencies = keystrokes.Select(k => k.LatencyMs).Order().ToList();
        double P(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        int n = keystrokes.Count;
        var modelRuns = keystrokes.Where(k => k.PromptTokens > 0).ToList();
        int typingAlong = keystrokes.Count(k => k.Source == "typingAlong");
        int prefixHits = modelRuns.Count(k => k.ReusedPromptTokens * 2 >= k.PromptTokens);
        Console.WriteLine();
        var taken = keystrokes.Where(k => k.Taken > 0).ToList();
        Console.WriteLine($"keystrokes                 {n} for {characters} characters ({taken.Count} Tabs took {taken.Sum(k => k.Taken)})");
        Console.WriteLine($"keystrokes saved           {(double)(taken.Sum(k => k.Taken) - taken.Count) / Math.Max(characters, 1):P1}");
        Console.WriteLine($"peak server memory         {peakMemoryBytes / (1024.0 * 1024.0):0} MiB");
        Console.WriteLine($"latency ms                 p50 {P(50):0.0}  p95 {P(95):0.0}  p99 {P(99):0.0}  max {latencies[^1]:0.0}");
        Console.WriteLine($"with a suggestion          {Share(keystrokes.Count(k => k.Shown), n)}");
        Console.WriteLine($"suggestion = what comes next (prefix of the rest of the line) {Share(keystrokes.Count(k => k.Accepted), Math.Max(1, keystrokes.Count(k => k.Shown)))} of shown");
        Console.WriteLine($"cache hits                 {Share(typingAlong + prefixHits, n)} (typing along {Share(typingAlong, n)}; engine prefix cache reused >= half the prompt {Share(prefixHits, n)})");
        Console.WriteLine($"engine prefix reuse        {(modelRuns.Count == 0 ? 0 : modelRuns.Sum(k => (double)k.ReusedPromptTokens) / modelRuns.Sum(k => k.PromptTokens)):P1} of prompt tokens over {modelRuns.Count} model runs");
        var stageNames = modelRuns.SelectMany(k => k.StageMs.Keys).Distinct();
        Console.WriteLine($"server stages, model runs  {string.Join("  ", stageNames.Select(name => $"{name} p50 {Median(modelRuns.Select(k => k.StageMs.GetValueOrDefault(name))):0.0} ms"))}");
        Console.WriteLine($"sources                    {string.Join(", ", keystrokes.GroupBy(k => k.Source).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        Console.WriteLine("slowest keystrokes:");
        foreach (var k in keystrokes.OrderByDescending(k => k.LatencyMs).Take(5))
            Console.WriteLine($"  {k.LatencyMs,7:0.0} ms  {k.Source,-11} {string.Join(" ", k.StageMs.Select(p => $"{p.Key} {p.Value:0}"))}  {k.Where}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static string Share(int count, int total) => $"{(double)count / Math.Max(total, 1):P1} ({count})";

    /// <summary>Code lines worth typing (statements and declarations, not braces, comments or usings), picked with a seed.</summary>
    internal static List<(string File, int Line, string Text)> PickLines(IReadOnlyList<string> files, int count, int seed)
    {
        var candidates = new List<(string, int, string)>();
        foreach (var file in files)
        {
            var lines = File.ReadAllText(file).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string trimmed = lines[i].Trim();
                if (trimmed.Length is < 12 or > 90 || trimmed.StartsWith("//") || trimmed.StartsWith("using ")
                    || trimmed.StartsWith("namespace ") || trimmed.StartsWith('[') || lines[i].Contains('\r'))
                    continue;
                candidates.Add((file, i, lines[i]));
            }
        }
        var random = new Random(seed);
        // Typed in file order, so each file is opened once and its lines stay where PickLines saw them.
        return candidates.OrderBy(_ => random.Next()).Take(count).OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2).ToList();
    }
}
