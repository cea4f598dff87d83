using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// `NanoLsp.Driver clicks`: what moving the caret around costs. VS Code asks, wherever the caret settles, for the
/// occurrences (documentHighlight) and the lightbulb's code actions (triggerKind Automatic, an empty range), and the
/// server's model reads the place then (CaretReadAhead) so that the first list and ghost text there wait for no prefill.
/// This clicks on identifiers of a few files of a real repository, one click every pause (a user reading), and measures
/// the server's CPU time per click (from /proc, all threads) and the two answers' latencies, with the model's read-ahead
/// on (the default settings) and off (the model's ranking and inline completions off: nothing reads ahead), each in its
/// own server, the rounds interleaved, the same clicks in each.
/// </summary>
public static class ClickBench
{
    private const string ModelOff = """{"nanolsp": {"completion": {"rankWithModel": false}, "inlineCompletion": {"enabled": false}}}""";

    public static async Task<int> RunAsync(string folder, int clicks, int rounds, int pauseMs, int seed, bool highlights = true, bool codeActions = true)
    {
        folder = Path.GetFullPath(folder);
        var random = new Random(seed);
        // Files of some substance where there are (a small sample's are all small).
        var all = Workbench.CSharpFiles(folder).Where(f => new FileInfo(f).Length < 60_000).ToList();
        var files = (all.Any(f => new FileInfo(f).Length > 2_000) ? all.Where(f => new FileInfo(f).Length > 2_000) : all).OrderBy(_ => random.Next()).Take(6).ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"No .cs file to click in under {folder}.");
            return 2;
        }
        var places = new List<(string File, int Line, int Character)>();
        var texts = files.ToDictionary(f => f, File.ReadAllText);
        for (int i = 0; i < clicks; i++)
        {
            // Mostly within the file the user is in, now and then another one.
            var file = i == 0 || random.Next(4) == 0 ? files[random.Next(files.Count)] : places[^1].File;
            var positions = Workbench.IdentifierPositions(texts[file]);
            if (positions.Count == 0)
                continue;
            var (line, character) = positions[random.Next(positions.Count)];
            places.Add((file, line, character));
        }
        Console.WriteLine($"clicks {folder}: {places.Count} clicks over {files.Count} files, a click every {pauseMs} ms, {rounds} round(s), seed {seed}");
        var results = new Dictionary<string, List<Round>> { ["read-ahead on"] = [], ["model off"] = [] };
        for (int round = 0; round < rounds; round++)
            foreach (var (name, settings) in new[] { ("read-ahead on", (string?)null), ("model off", ModelOff) })
                results[name].Add(await RunRoundAsync(folder, places, pauseMs, settings, highlights, codeActions));

        Console.WriteLine($"{"",-16} {"CPU ms / click",16} {"p50",6} {"p90",6} {"occurrences p50 / p95",22} {"code actions p50 / p95",23} {"idle CPU ms / pause",20}");
        foreach (var (name, list) in results)
            foreach (var r in list)
                Console.WriteLine($"{name,-16} {r.CpuPerClickMs,16:F1} {Workbench.Percentile(r.CpuPerClick, 50),6:F0} {Workbench.Percentile(r.CpuPerClick, 90),6:F0} " +
                    $"{Workbench.Percentile(r.Highlights, 50),10:F0} / {Workbench.Percentile(r.Highlights, 95),-9:F0} {Workbench.Percentile(r.Actions, 50),11:F0} / {Workbench.Percentile(r.Actions, 95),-9:F0} {r.IdleMsPerPause,12:F1}");
        return 0;
    }

    private sealed record Round(double CpuPerClickMs, List<double> CpuPerClick, List<double> Highlights, List<double> Actions, double IdleMsPerPause);

    private static async Task<Round> RunRoundAsync(string folder, List<(string File, int Line, int Character)> places, int pauseMs, string? settings,
        bool asksHighlights, bool asksCodeActions)
    {
        await using var client = LspClient.Start(workingDirectory: folder);
        await client.InitializeAsync(folder, initializationOptions: settings is null ? null : JsonNode.Parse(settings));
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(10));
        await client.WaitForNotificationAsync("nanolsp/modelStatus", p => p.GetProperty("state").GetString() != "loading", TimeSpan.FromMinutes(2));
        var opened = new HashSet<string>();
        // Every file open and compiled first: what is measured is the clicks, not the files' first compilation.
        foreach (var file in places.Select(p => p.File).Distinct())
        {
            await client.OpenAsync(file);
            opened.Add(file);
            await client.RequestAsync("textDocument/documentHighlight", Workbench.TextDocumentPosition(file, 0, 0));
        }
        await Task.Delay(2000); // what opening started (diagnostics, the repository's index) ends
        var cpuPerClick = new List<double>();
        var highlights = new List<double>();
        var actions = new List<double>();
        var started = client.CpuTime();
        foreach (var (file, line, character) in places)
        {
            var before = client.CpuTime();
            var uri = LspClient.ToUri(file);
            var highlight = !asksHighlights ? null : TimedAsync(() => client.RequestAsync("textDocument/documentHighlight", Workbench.TextDocumentPosition(file, line, character)));
            var action = !asksCodeActions ? null : TimedAsync(() => client.RequestAsync("textDocument/codeAction", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["range"] = new JsonObject { ["start"] = Workbench.Position(line, character), ["end"] = Workbench.Position(line, character) },
                ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["triggerKind"] = 2 },
            }));
            if (highlight is not null)
                highlights.Add(await highlight);
            if (action is not null)
                actions.Add(await action);
            await Task.Delay(pauseMs);
            cpuPerClick.Add((client.CpuTime() - before).TotalMilliseconds);
        }
        var total = (client.CpuTime() - started).TotalMilliseconds;
        // What the server spends with nobody clicking, over as long as ten clicks take: the floor of the figures above.
        var idleFrom = client.CpuTime();
        await Task.Delay(10 * pauseMs);
        var idle = (client.CpuTime() - idleFrom).TotalMilliseconds / 10;
        await client.ShutdownAsync();
        return new Round(total / places.Count, cpuPerClick, highlights, actions, idle);
    }

    private static async Task<double> TimedAsync(Func<Task> request)
    {
        var watch = Stopwatch.StartNew();
        await request();
        return watch.Elapsed.TotalMilliseconds;
    }
}
