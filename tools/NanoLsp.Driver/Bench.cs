using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// Latency and memory of the real server on a folder: initialize -> first diagnostics, then pull
/// diagnostics after an edit, hover, occurrences (documentHighlight), completion after '.' and invoked at a statement's
/// start, N times each;
/// peak server memory (VmHWM). With a peer (another LSP server's executable, e.g. csharp-ls) the same client measures
/// that server instead, so the two can be compared in one run on one machine: what it does not offer (pull
/// diagnostics, inline completion) is left out, and its first diagnostics are its first push for the file when it
/// offers no pull (scripts/install-peer.sh installs csharp-ls). The client declares completion item defaults as VS
/// Code's does (<c>--without-item-defaults</c>: whole items, as Neovim 0.7 or Eglot take them).
/// Not a timed test: numbers depend on the machine; run it to measure.
/// </summary>
public static class Bench
{
    /// <param name="afterLoad">Measure once the real load has ended (its nanolsp/workspaceStatus): the steady state. By
    /// default the measures start right after the first diagnostics, which a provisional solution answers while the
    /// load still runs, so the first requests share the machine with it.</param>
    /// <param name="slowMs">Prints each measured request that took longer, with when it started (ms since initialize), to find
    /// what an outlier shared the machine with.</param>
    public static async Task<int> RunAsync(string folder, int runs, string? fileArgument, bool analyzers = true, bool afterLoad = false,
        string? settingsJson = null, double? slowMs = null, string? peer = null, bool itemDefaults = true)
    {
        folder = Path.GetFullPath(folder);
        var file = fileArgument is not null ? Path.GetFullPath(fileArgument) : Workbench.CSharpFiles(folder).OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault();
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"No .cs file to work on under {folder}.");
            return 2;
        }
        var text = File.ReadAllText(file);
        Console.WriteLine($"bench {folder}\nfile: {Path.GetRelativePath(folder, file)} ({text.Split('\n').Length} lines), {runs} runs per measure, {Environment.ProcessorCount} CPU(s), analyzers {(analyzers ? "on" : "off")}");

        await using var client = peer is null ? LspClient.Start() : LspClient.StartCommand(peer, []);
        var clock = Stopwatch.StartNew();
        _clock = clock;
        _slowMs = slowMs;
        var options = settingsJson is null ? new JsonObject() : JsonNode.Parse(settingsJson)!.AsObject();
        if (!analyzers)
        {
            var nanolsp = options["nanolsp"] as JsonObject ?? (JsonObject)(options["nanolsp"] = new JsonObject());
            nanolsp["diagnostics"] = new JsonObject { ["analyzers"] = false };
        }
        // A pull client (as VS Code is): no pushes compete with the measured pulls. Its first
        // diagnostics are the answer to a pull sent right after opening the file, which waits for the load. As VS Code's,
        // it takes pull providers registered after initialize (a server may register several, each pulled on its own).
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true };
        // As VS Code's language client (11) declares them: what every item of a completion list shares may come once
        // per list (LSP 3.17). A server that does not know them sends whole items; --without-item-defaults asks for those.
        if (itemDefaults)
            capabilities["textDocument"]!["completion"]!["completionList"] = new JsonObject
            {
                ["itemDefaults"] = new JsonArray("commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"),
            };
        var initializeResult = await client.InitializeAsync(folder, capabilities, options.Count == 0 ? null : options);
        var initialized = clock.Elapsed;
        var serverCapabilities = initializeResult.GetProperty("capabilities");
        var providers = (await DiagnosticsPuller.DiscoverAsync(client, serverCapabilities)).Select(p => p.Identifier).ToList();
        bool pulls = providers.Count > 0;
        bool inline = serverCapabilities.TryGetProperty("inlineCompletionProvider", out _);
        if (initializeResult.TryGetProperty("serverInfo", out var serverInfo))
            Console.WriteLine($"server: {serverInfo.GetProperty("name").GetString()} {(serverInfo.TryGetProperty("version", out var v) ? v.GetString() : "")}");
        await client.OpenAsync(file, text);
        var opened = clock.Elapsed;
        var uri = LspClient.ToUri(file);
        JsonObject Pull(string? identifier) => DiagnosticsPuller.Params(uri, identifier);
        // The first diagnostics: the first provider's report (the compiler's, where the server registers several).
        int firstCount = pulls
            ? (await client.RequestAsync("textDocument/diagnostic", Pull(providers[0]))
                .WaitAsync(TimeSpan.FromMinutes(10))) is var report && report.TryGetProperty("items", out var pulled) ? pulled.GetArrayLength() : 0
            : (await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri, TimeSpan.FromMinutes(10)))
                .GetProperty("diagnostics").GetArrayLength();
        var firstDiagnostics = clock.Elapsed;
        Console.WriteLine($"initialize answered        {initialized.TotalMilliseconds,8:0} ms");
        Console.WriteLine($"initialize -> first diags  {firstDiagnostics.TotalMilliseconds,8:0} ms ({(firstDiagnostics - opened).TotalMilliseconds:0} ms after open; " +
            $"{firstCount} diagnostic(s), {(pulls ? "pulled" : "pushed")})");
        if (afterLoad)
        {
            await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(10));
            Console.WriteLine($"initialize -> load ended   {clock.Elapsed.TotalMilliseconds,8:0} ms (measures start now)");
        }

        var end = Workbench.ToPosition(text, text.Length);
        var version = 1;
        // After each edit every provider is pulled at once, as VS Code pulls them; each report is timed from the edit.
        var later = providers.Skip(1).Select(_ => new List<TimeSpan>()).ToList();
        var pull = !pulls ? null : await MeasureAsync(runs, async i =>
        {
            // A real edit first (a space typed at the end, then deleted), so each pull recomputes.
            var typing = (i & 1) == 0;
            await client.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = ++version },
                ["contentChanges"] = new JsonArray(new JsonObject
                {
                    ["range"] = new JsonObject { ["start"] = Workbench.Position(end.Line, end.Character), ["end"] = Workbench.Position(end.Line, end.Character + (typing ? 0 : 1)) },
                    ["text"] = typing ? " " : "",
                }),
            });
            var watch = Stopwatch.StartNew();
            // In the providers' order, as VS Code sends them.
            var firstPull = client.RequestAsync("textDocument/diagnostic", Pull(providers[0]));
            var others = providers.Skip(1).Select(async identifier =>
            {
                await client.RequestAsync("textDocument/diagnostic", Pull(identifier));
                return watch.Elapsed;
            }).ToList();
            await firstPull;
            var first = watch.Elapsed;
            var done = await Task.WhenAll(others);
            if (i >= 0)
                for (int k = 0; k < done.Length; k++) later[k].Add(done[k]);
            return first;
        });
        Report(providers.Count > 1 ? $"pull {providers[0]} (after edit)" : "pull diagnostics (after edit)", pull);
        for (int k = 0; k < later.Count; k++)
            Report($"pull {providers[k + 1]} (after edit)", later[k]);

        var identifiers = Workbench.IdentifierPositions(text);
        var hover = await MeasureFeatureAsync(runs, "textDocument/hover", identifiers, p => Workbench.TextDocumentPosition(file, p.Line, p.Character), client);
        Report("hover", hover);
        var occurrences = await MeasureFeatureAsync(runs, "textDocument/documentHighlight", identifiers, p => Workbench.TextDocumentPosition(file, p.Line, p.Character), client);
        Report("occurrences", occurrences);
        var members = Workbench.MemberAccessPositions(text);
        var completion = await MeasureFeatureAsync(runs, "textDocument/completion", members, p => Workbench.TextDocumentPosition(file, p.Line, p.Character), client);
        Report("completion after '.'", completion);
        var starts = Workbench.StatementStartPositions(text);
        var invoked = await MeasureFeatureAsync(runs, "textDocument/completion", starts, p =>
        {
            var request = Workbench.TextDocumentPosition(file, p.Line, p.Character);
            request["context"] = new JsonObject { ["triggerKind"] = 1 };
            return request;
        }, client);
        Report("completion, statement start", invoked);
        if (inline)
            await FirstInlineAsync(client, file, members);

        Console.WriteLine($"peak server memory         {client.PeakMemoryBytes() / (1024.0 * 1024.0),8:0} MiB");
        await ReportSettledPeakAsync(client, waitForLoad: peer is null);
        if (slowMs is not null)
        {
            var log = Path.Combine(Path.GetTempPath(), "nanolsp-bench-server.log");
            await File.WriteAllTextAsync(log, client.Stderr);
            Console.WriteLine($"server log: {log}");
        }
        await client.ShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The peak again once the server has gone quiet: after a burst of new work the runtime compiles the methods that ran
    /// most again, optimized, on a thread of its own (tiered compilation), and a server keeps that code. With the
    /// runtime's default (again after 30 calls) the sample's bench with --after-load ended at 301 MiB while the server
    /// went on compiling for 4 s to 318 MiB (dotnet-counters: about 14,000 methods), so the peak at the last answer alone
    /// understated what a user's server holds a few seconds later.
    /// Quiet: under a tenth of a core over a second; at most 30 s. NanoLsp's load runs in build host processes while the
    /// server idles, so for it the wait starts once the load has ended (its nanolsp/workspaceStatus): on dotnet/docfx
    /// the server was "quiet" at 385 MiB before the loaded solution arrived.
    /// </summary>
    private static async Task ReportSettledPeakAsync(LspClient client, bool waitForLoad)
    {
        var watch = Stopwatch.StartNew();
        if (waitForLoad)
            await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(10));
        var cpuBefore = client.CpuTime();
        var cpu = cpuBefore;
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(1000);
            var now = client.CpuTime();
            var spent = now - cpu;
            cpu = now;
            if (spent < TimeSpan.FromMilliseconds(100))
                break;
        }
        Console.WriteLine($"peak once quiet            {client.PeakMemoryBytes() / (1024.0 * 1024.0),8:0} MiB " +
            $"(quiet after {watch.Elapsed.TotalSeconds:0.0} s{(waitForLoad ? ", the load ended" : "")}; {(cpu - cpuBefore).TotalSeconds:0.0} s of CPU meanwhile)");
    }

    private static async Task<List<TimeSpan>?> MeasureFeatureAsync(
        int runs, string method, List<(int Line, int Character)> positions, Func<(int Line, int Character), JsonNode> parameters, LspClient client)
    {
        if (positions.Count == 0)
            return null;
        var answered = 0;
        var starred = 0;
        var itemCounts = new List<int>();
        try
        {
            var times = await MeasureAsync(runs, async i =>
            {
                var watch = Stopwatch.StartNew();
                var result = await client.RequestAsync(method, parameters(positions[(i + positions.Count) % positions.Count]));
                var elapsed = watch.Elapsed;
                if (result.ValueKind is not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined))
                    answered++;
                if (method == "textDocument/completion" && Workbench.Starred(result))
                    starred++;
                // A completion answer is a list of items or an array of them: how long a list the server sends matters to its time.
                if (result.ValueKind == System.Text.Json.JsonValueKind.Array)
                    itemCounts.Add(result.GetArrayLength());
                else if (result.ValueKind == System.Text.Json.JsonValueKind.Object && result.TryGetProperty("items", out var items))
                    itemCounts.Add(items.GetArrayLength());
                return elapsed;
            });
            var counts = itemCounts.Order().ToList();
            Console.WriteLine($"({method}: {answered} of {runs + 1} answers had content" +
                (counts.Count > 0 ? $"; items median {counts[counts.Count / 2]}, max {counts[^1]}" : "") +
                (starred > 0 ? $"; {starred} with the model's stars)" : ")"));
            return times;
        }
        catch (LspResponseException e) when (e.Code == -32601)
        {
            Console.WriteLine($"({method} is not implemented by this server build)");
            return null;
        }
    }

    /// <summary>The first inline completion once the model is ready (cold: the engine's first run in this process).</summary>
    private static async Task FirstInlineAsync(LspClient client, string file, List<(int Line, int Character)> members)
    {
        if (members.Count == 0)
            return;
        var ready = Stopwatch.StartNew();
        await client.WaitForNotificationAsync("nanolsp/modelStatus", p => p.GetProperty("state").GetString() != "loading", TimeSpan.FromMinutes(2));
        var waited = ready.Elapsed;
        var parameters = Workbench.TextDocumentPosition(file, members[0].Line, members[0].Character);
        parameters["context"] = new JsonObject { ["triggerKind"] = 2 };
        var watch = Stopwatch.StartNew();
        await client.RequestAsync("textDocument/inlineCompletion", parameters).WaitAsync(TimeSpan.FromMinutes(2));
        var took = watch.Elapsed;
        // The server's report of the completion (nanolsp/modelStatus) follows the answer and says where the time went.
        string stages = "";
        try
        {
            var report = await client.WaitForNotificationAsync("nanolsp/modelStatus",
                p => p.TryGetProperty("lastCompletion", out var r) && r.TryGetProperty("stageMs", out _), TimeSpan.FromSeconds(2));
            stages = "; " + string.Join(" ", report.GetProperty("lastCompletion").GetProperty("stageMs").EnumerateObject().Select(p => $"{p.Name} {p.Value.GetDouble():0}"));
        }
        catch (TimeoutException)
        {
        }
        Console.WriteLine($"first inline completion    {took.TotalMilliseconds,8:0} ms (after waiting {waited.TotalMilliseconds:0} ms for the model{stages})");
    }

    private static Stopwatch _clock = new();
    private static double? _slowMs;

    private static async Task<List<TimeSpan>> MeasureAsync(int runs, Func<int, Task<TimeSpan>> run)
    {
        var times = new List<TimeSpan>();
        // The first (cold) call is reported on its own and not counted in the percentiles.
        Console.WriteLine($"  first call (cold)        {(await run(-1)).TotalMilliseconds,8:0} ms");
        for (var i = 0; i < runs; i++)
        {
            var started = _clock.Elapsed;
            var took = await run(i);
            times.Add(took);
            if (took.TotalMilliseconds > _slowMs)
                Console.WriteLine($"  slow: run {i} took {took.TotalMilliseconds:0} ms, started {started.TotalMilliseconds:0} ms after initialize");
        }
        return times;
    }

    private static void Report(string what, List<TimeSpan>? times)
    {
        if (times is null || times.Count == 0)
            return;
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine($"{what,-26} p50 {Percentile(0.5),6:0} ms  p90 {Percentile(0.9),6:0} ms  p95 {Percentile(0.95),6:0} ms  p99 {Percentile(0.99),6:0} ms  (n={sorted.Count})");
    }
}
