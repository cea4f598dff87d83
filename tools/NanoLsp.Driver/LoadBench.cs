using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NanoLsp.Driver;

/// <summary>
/// Opens a folder as a new user would (the folder as workspace and as the server's working
/// directory, nothing prepared) and prints what loaded: projects found, loaded and failed with the
/// reasons, load time (initialized -> the load's end: its $/progress end, or nanolsp/workspaceStatus after a load from
/// the design-time cache, which reports no progress), peak server memory, what the user
/// was told, whether stdout held only LSP frames, and semantic answers on files of the main project
/// (errors from pulled diagnostics, hover on an identifier). Works against older server builds too
/// (NANOLSP_SERVER): without nanolsp/workspaceStatus the counts come from the server's log.
/// </summary>
public static partial class LoadBench
{
    public static Task<int> RunAsync(string folder, int fileCount) => RunAsync([folder], fileCount);

    /// <summary>Several folders load as one multi-root workspace; the main project and its files are the first folder's.</summary>
    /// <param name="reload">Then change the main project file on disk and measure hovers while the workspace reloads (<see cref="ReloadBench"/>).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> folders, int fileCount, bool reload = false)
    {
        folders = folders.Select(Path.GetFullPath).ToList();
        var folder = folders[0];
        var server = ServerLocator.Find();
        Console.WriteLine($"load {string.Join(" + ", folders)}\nserver: {server}");
        await using var client = LspClient.Start(server, workingDirectory: folder, recordRawOutput: true);
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false };
        var main = MainProject(folder);
        var files = main is null ? [] : PickFiles(Path.GetDirectoryName(main)!, fileCount);
        var clock = Stopwatch.StartNew();
        await client.InitializeAsync(folders, capabilities);
        var started = clock.Elapsed;
        if (files.Count > 0)
        {
            // What a user opening a file sees first: answered from the provisional solution while MSBuild loads.
            await client.OpenAsync(files[0], await File.ReadAllTextAsync(files[0]));
            var first = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(files[0]) } })
                .WaitAsync(TimeSpan.FromMinutes(15));
            var provisional = first.TryGetProperty("resultId", out var id) && id.GetString()?.EndsWith("|provisional", StringComparison.Ordinal) == true;
            Console.WriteLine($"first diagnostics {(clock.Elapsed - started).TotalSeconds,6:0.0} s after initialized ({(provisional ? "provisional solution" : "the loaded solution")}, {first.GetProperty("items").GetArrayLength()} item(s))");
        }
        // The load's end: its $/progress end, or NanoLsp's status (a load from the design-time cache reports no progress).
        var progressEnd = client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end", TimeSpan.FromMinutes(15));
        var statusSent = client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: TimeSpan.FromMinutes(15));
        await (await Task.WhenAny(progressEnd, statusSent));
        var loadSeconds = (clock.Elapsed - started).TotalSeconds;
        var memory = client.PeakMemoryBytes() / (1024.0 * 1024.0);
        var cached = client.Stderr.Contains("made from the design-time cache", StringComparison.Ordinal);
        Console.WriteLine($"load time       {loadSeconds,8:0.0} s (initialized -> the load's end: $/progress end or nanolsp/workspaceStatus; " +
            $"{(cached ? "the projects from the design-time cache" : "MSBuild's design-time build")})");
        Console.WriteLine($"peak memory     {memory,8:0} MiB (after the load)");
        // NanoLsp's status follows its progress's end by a moment; a server without it gets the log's summary.
        await Task.WhenAny(statusSent, Task.Delay(TimeSpan.FromSeconds(5)));

        var status = client.Messages.LastOrDefault(m => m.GetProperty("method").GetString() == "nanolsp/workspaceStatus");
        string counts;
        if (status.ValueKind == JsonValueKind.Object)
        {
            var p = status.GetProperty("params");
            counts = $"{p.GetProperty("projectsFound").GetInt32()} found, {p.GetProperty("projectsLoaded").GetInt32()} loaded, {p.GetProperty("projectsFailed").GetInt32()} failed ({p.GetProperty("state").GetString()})";
            Console.WriteLine($"projects        {counts}");
            foreach (var failure in p.GetProperty("failures").EnumerateArray())
                Console.WriteLine($"  {(failure.GetProperty("loaded").GetBoolean() ? "incomplete" : "failed    ")}    {failure.GetProperty("project").GetString()}: {Shorten(failure.GetProperty("reason").GetString()!)}");
        }
        else
        {
            // An older server: its log line "X.sln: N C# project(s), M document(s), loaded in T s".
            var line = LoadedLine().Matches(client.Stderr).LastOrDefault();
            counts = line is null ? "no load summary in the log" : $"{line.Groups[1].Value} loaded ({line.Value.Trim()})";
            Console.WriteLine($"projects        {counts}");
        }
        foreach (var shown in client.Messages.Where(m => m.GetProperty("method").GetString() == "window/showMessage"))
            Console.WriteLine($"  told the user {Shorten(shown.GetProperty("params").GetProperty("message").GetString()!)}");
        foreach (var warning in client.Stderr.Split('\n').Where(l => l.Contains(" warning]", StringComparison.Ordinal) || l.Contains(" error]", StringComparison.Ordinal)).Take(12))
            Console.WriteLine($"  log           {Shorten(warning.Trim())}");

        var totalErrors = 0;
        var hovered = 0;
        Console.WriteLine($"main project    {(main is null ? "(none found)" : Path.GetRelativePath(folder, main))}");
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            if (file != files[0])
                await client.OpenAsync(file, text);
            var errors = new List<string>();
            try
            {
                var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file) } })
                    .WaitAsync(TimeSpan.FromMinutes(5));
                errors = report.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("severity").GetInt32() == 1)
                    .Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("message").GetString()}").ToList();
            }
            catch (LspResponseException e)
            {
                errors.Add($"(request failed: {e.ServerMessage})");
            }
            var hover = await FirstHoverAsync(client, file, text);
            if (hover is not null)
                hovered++;
            totalErrors += errors.Count;
            Console.WriteLine($"  {Path.GetRelativePath(folder, file)}: {errors.Count} error(s){(errors.Count > 0 ? ", e.g. " + Shorten(errors[0]) : "")}; hover {(hover is null ? "none" : Shorten(hover.Split('\n')[0]))}");
        }
        if (reload && main is not null && files.Count > 0)
        {
            var text = await File.ReadAllTextAsync(files[0]);
            if (Workbench.IdentifierPositions(text) is [var position, ..])
                await ReloadBench.RunAsync(client, main, files[0], position);
        }
        if (Environment.GetEnvironmentVariable("NANOLSP_LOAD_LOG") is { Length: > 0 } log)
            await File.WriteAllTextAsync(log, client.Stderr);
        await client.ShutdownAsync(TimeSpan.FromMinutes(1));
        await client.WaitForOutputEndAsync(TimeSpan.FromSeconds(30));
        var foreign = StdoutFrames.FirstForeignBytes(client.RawOutput, out var frames);
        Console.WriteLine($"stdout          {(foreign is null ? $"LSP frames only ({frames})" : "FOREIGN BYTES: " + foreign)}");
        Console.WriteLine($"summary | {Path.GetFileName(folder)} | {counts} | {loadSeconds:0.0} s | {memory:0} MiB | errors in {files.Count} main files: {totalErrors} | hovers {hovered}/{files.Count} | stdout {(foreign is null ? "clean" : "corrupted")}");
        return 0;
    }

    /// <summary>The project with the most .cs files beside it that is not a test, benchmark, sample or build project.</summary>
    private static string? MainProject(string folder) =>
        Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !AuxiliaryProject().IsMatch(Path.GetFileNameWithoutExtension(p)))
            .OrderByDescending(p => Workbench.CSharpFiles(Path.GetDirectoryName(p)!).Count)
            .ThenBy(p => p.Length)
            .FirstOrDefault();

    /// <summary>Files spread evenly over the project's sorted .cs files (deterministic).</summary>
    private static List<string> PickFiles(string projectFolder, int count)
    {
        var all = Workbench.CSharpFiles(projectFolder);
        if (all.Count <= count)
            return all;
        return Enumerable.Range(0, count).Select(i => all[(int)((i + 0.5) * all.Count / count)]).ToList();
    }

    /// <summary>The hover of the first of the file's identifiers (past its usings) that has one.</summary>
    private static async Task<string?> FirstHoverAsync(LspClient client, string file, string text)
    {
        foreach (var (line, character) in Workbench.IdentifierPositions(text).Take(15))
        {
            var hover = await client.RequestAsync("textDocument/hover", Workbench.TextDocumentPosition(file, line, character));
            if (hover.ValueKind == JsonValueKind.Object)
                return Workbench.HoverText(hover);
        }
        return null;
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length > 160 ? text[..157] + "..." : text;
    }

    [GeneratedRegex(@"(\d+ of \d+) project\(s\) loaded \(\d+ Roslyn project\(s\)[^)]*\), \d+ document\(s\), loaded in [\d.]+ s")]
    private static partial Regex LoadedLine();

    [GeneratedRegex(@"(Test|Tests|Benchmark|Benchmarks|Bench|Sample|Samples|Example|Examples|Build|Aot|Demo)($|\.)|\.Test|\.Tests|Benchmark", RegexOptions.IgnoreCase)]
    private static partial Regex AuxiliaryProject();
}
