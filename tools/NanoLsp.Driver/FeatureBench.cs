using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NanoLsp.Driver;

/// <summary>
/// Latency of the hover, code-action and completion features on a folder, through the real server:
/// MEF composition time (from the server's log), code actions at diagnostics and at identifiers,
/// codeAction/resolve, hover on diagnostics (explanations) and on symbols, completion and its resolve.
/// Not a timed test: run it to measure.
/// </summary>
public static partial class FeatureBench
{
    public static async Task<int> RunAsync(string folder, int runs, string? fileArgument)
    {
        folder = Path.GetFullPath(folder);
        var file = fileArgument is not null ? Path.GetFullPath(fileArgument) : Workbench.CSharpFiles(folder).OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault();
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"No .cs file to work on under {folder}.");
            return 2;
        }
        var text = File.ReadAllText(file);
        var uri = LspClient.ToUri(file);
        Console.WriteLine($"bench-features {folder}\nfile: {Path.GetRelativePath(folder, file)} ({text.Split('\n').Length} lines), {runs} runs per measure, {Environment.ProcessorCount} CPU(s)");

        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        await client.OpenAsync(file, text);
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri, TimeSpan.FromMinutes(10));
        // The server logs composition to stderr always (to the client only once attached and at its log level).
        var composed = await WaitForLogAsync(client, "Code actions ready", TimeSpan.FromMinutes(2));
        Console.WriteLine($"MEF composition            {ComposeMs(composed),8} ms  ({composed})");

        var diagnosticRanges = published.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("range")).ToList();
        var identifiers = Workbench.IdentifierPositions(text);
        Console.WriteLine($"{diagnosticRanges.Count} diagnostics, {identifiers.Count} identifier positions");

        JsonObject Range(JsonElement range) => new() { ["start"] = JsonNode.Parse(range.GetProperty("start").GetRawText()), ["end"] = JsonNode.Parse(range.GetProperty("end").GetRawText()) };
        JsonObject CodeActionParams(JsonObject range) => new()
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = range,
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        };
        JsonObject Caret((int Line, int Character) p) => new() { ["start"] = Workbench.Position(p.Line, p.Character), ["end"] = Workbench.Position(p.Line, p.Character) };

        JsonElement? firstFix = null;
        if (diagnosticRanges.Count > 0)
        {
            Report("code actions at diagnostic", await MeasureAsync(runs, async i =>
            {
                var (elapsed, result) = await TimeAsync(client, "textDocument/codeAction", CodeActionParams(Range(diagnosticRanges[Index(i, diagnosticRanges.Count)])));
                firstFix ??= result.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "quickfix").Select(a => (JsonElement?)a.Clone()).FirstOrDefault();
                return elapsed;
            }));
            Report("hover on diagnostic", await MeasureAsync(runs, async i =>
                (await TimeAsync(client, "textDocument/hover", Workbench.TextDocumentPosition(file,
                    diagnosticRanges[Index(i, diagnosticRanges.Count)].GetProperty("start").GetProperty("line").GetInt32(),
                    diagnosticRanges[Index(i, diagnosticRanges.Count)].GetProperty("start").GetProperty("character").GetInt32()))).Elapsed));
        }
        if (firstFix is { } fix)
            Report("codeAction/resolve", await MeasureAsync(runs, async _ => (await TimeAsync(client, "codeAction/resolve", JsonNode.Parse(fix.GetRawText()))).Elapsed));
        if (identifiers.Count > 0)
        {
            Report("code actions at identifier", await MeasureAsync(runs, async i =>
                (await TimeAsync(client, "textDocument/codeAction", CodeActionParams(Caret(identifiers[Index(i, identifiers.Count)])))).Elapsed));
            Report("hover on identifier", await MeasureAsync(runs, async i =>
            {
                var p = identifiers[Index(i, identifiers.Count)];
                return (await TimeAsync(client, "textDocument/hover", Workbench.TextDocumentPosition(file, p.Line, p.Character))).Elapsed;
            }));
        }

        var members = Workbench.MemberAccessPositions(text);
        JsonElement? firstItem = null;
        var empty = new HashSet<(int, int)>();
        if (members.Count > 0)
        {
            Report("completion after '.'", await MeasureAsync(runs, async i =>
            {
                var p = members[Index(i, members.Count)];
                var request = Workbench.TextDocumentPosition(file, p.Line, p.Character);
                request["context"] = new JsonObject { ["triggerKind"] = 2, ["triggerCharacter"] = "." };
                var (elapsed, result) = await TimeAsync(client, "textDocument/completion", request);
                var items = Workbench.CompletionItems(result);
                if (items.Count == 0)
                    empty.Add(p);
                else
                    firstItem ??= items[0].Clone();
                return elapsed;
            }));
        }
        if (empty.Count > 0)
            Console.WriteLine($"  (empty lists at {empty.Count} of {members.Count} positions: {string.Join(", ", empty.Take(5).Select(p => $"{p.Item1 + 1}:{p.Item2 + 1}"))})");
        if (firstItem is { } item)
            Report("completionItem/resolve", await MeasureAsync(runs, async _ => (await TimeAsync(client, "completionItem/resolve", JsonNode.Parse(item.GetRawText()))).Elapsed));

        Console.WriteLine($"peak server memory         {client.PeakMemoryBytes() / (1024.0 * 1024.0),8:0} MiB");
        await client.ShutdownAsync();
        return 0;
    }

    private static async Task<string> WaitForLogAsync(LspClient client, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = client.Stderr.Split('\n').FirstOrDefault(l => l.Contains(prefix, StringComparison.Ordinal));
            if (line is not null)
                return line[line.IndexOf(prefix, StringComparison.Ordinal)..].Trim();
            await Task.Delay(50);
        }
        return $"({prefix}: not logged within {timeout.TotalSeconds:0} s)";
    }

    // Warm-up run is -1; it reuses the first position.
    private static int Index(int i, int count) => Math.Max(i, 0) % count;

    private static async Task<(TimeSpan Elapsed, JsonElement Result)> TimeAsync(LspClient client, string method, JsonNode? parameters)
    {
        var watch = Stopwatch.StartNew();
        var result = await client.RequestAsync(method, parameters);
        return (watch.Elapsed, result);
    }

    private static async Task<List<TimeSpan>> MeasureAsync(int runs, Func<int, Task<TimeSpan>> run)
    {
        var times = new List<TimeSpan>();
        await run(-1); // warm-up, not counted
        for (var i = 0; i < runs; i++)
            times.Add(await run(i));
        return times;
    }

    private static void Report(string what, List<TimeSpan> times)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine($"{what,-26} p50 {Percentile(0.5),6:0} ms  p90 {Percentile(0.9),6:0} ms  (n={sorted.Count})");
    }

    private static string ComposeMs(string message) =>
        ComposedIn().Match(message) is { Success: true } m ? m.Groups[1].Value : "?";

    [GeneratedRegex(@"composed in (\d+) ms")]
    private static partial Regex ComposedIn();
}
