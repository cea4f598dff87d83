using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// The README's main job: the real server on a folder; prints its diagnostics, a hover, a completion
/// list and code actions in readable form.
/// </summary>
public static class Demo
{
    public static async Task<int> RunAsync(string folder)
    {
        folder = Path.GetFullPath(folder);
        var files = Workbench.CSharpFiles(folder);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"No .cs files under {folder}.");
            return 2;
        }
        var server = ServerLocator.Find();
        Console.WriteLine($"NanoLsp demo on {folder}\nserver: dotnet {server} --stdio\n");
        await using var client = LspClient.Start(server);
        var clock = Stopwatch.StartNew();
        var init = await client.InitializeAsync(folder);
        Console.WriteLine($"initialize answered in {clock.Elapsed.TotalSeconds:0.00} s; server {init.GetProperty("serverInfo").GetProperty("name")} {init.GetProperty("serverInfo").GetProperty("version")}");
        foreach (var file in files)
            await client.OpenAsync(file);

        var diagnostics = new Dictionary<string, List<JsonElement>>();
        foreach (var file in files)
        {
            var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
                p => p.GetProperty("uri").GetString() == LspClient.ToUri(file), TimeSpan.FromMinutes(3));
            diagnostics[file] = published.GetProperty("diagnostics").EnumerateArray().ToList();
        }
        Console.WriteLine($"workspace loaded and diagnostics for {files.Count} files after {clock.Elapsed.TotalSeconds:0.00} s");
        foreach (var message in client.Messages.Where(m => m.GetProperty("method").GetString() == "window/showMessage"))
            Console.WriteLine($"server says: {message.GetProperty("params").GetProperty("message").GetString()}");

        Section("Diagnostics");
        foreach (var (file, items) in diagnostics)
        {
            foreach (var d in items)
            {
                var start = d.GetProperty("range").GetProperty("start");
                var severity = d.TryGetProperty("severity", out var s) ? s.GetInt32() switch { 1 => "error", 2 => "warning", 3 => "info", _ => "hint" } : "?";
                var code = d.TryGetProperty("code", out var c) ? c.ToString() : "";
                Console.WriteLine($"{Relative(folder, file)}:{start.GetProperty("line").GetInt32() + 1}:{start.GetProperty("character").GetInt32() + 1}  {severity,-7} {code,-7} {d.GetProperty("message").GetString()}");
            }
        }

        var firstError = diagnostics.SelectMany(kv => kv.Value.Select(d => (File: kv.Key, Diagnostic: d)))
            .FirstOrDefault(x => x.Diagnostic.TryGetProperty("severity", out var s) && s.GetInt32() == 1);
        if (firstError.File is not null)
        {
            var start = firstError.Diagnostic.GetProperty("range").GetProperty("start");
            await HoverAsync(client, folder, firstError.File, start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32(), $"on {firstError.Diagnostic.GetProperty("code")}");
        }
        // A symbol hover: the first member used in Program.cs (or the first file), e.g. a method call.
        var symbolFile = files.FirstOrDefault(f => Path.GetFileName(f) == "Program.cs") ?? files[0];
        var member = Workbench.MemberAccessPositions(File.ReadAllText(symbolFile)).FirstOrDefault();
        await HoverAsync(client, folder, symbolFile, member.Line, member.Character, "on a member");
        await CompletionAsync(client, folder, files);
        if (firstError.File is not null)
            await CodeActionsAsync(client, folder, firstError.File, firstError.Diagnostic);
        await InlineCompletionsAsync(client, folder, files);

        var exit = await client.ShutdownAsync();
        Console.WriteLine($"\nserver exited with {exit} after {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static async Task HoverAsync(LspClient client, string folder, string file, int line, int character, string what)
    {
        Section($"Hover at {Relative(folder, file)}:{line + 1}:{character + 1} ({what})");
        var hover = await TryRequestAsync(client, "textDocument/hover", Workbench.TextDocumentPosition(file, line, character));
        if (hover is { } h)
            Console.WriteLine(Workbench.HoverText(h));
    }

    private static async Task CompletionAsync(LspClient client, string folder, List<string> files)
    {
        // After "Console." when the code has one, else after the first member access.
        var (file, position) = files
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Select(f => (f.File, Index: f.Text.IndexOf("Console.", StringComparison.Ordinal), f.Text))
            .Where(f => f.Index >= 0)
            .Select(f => (f.File, Workbench.ToPosition(f.Text, f.Index + "Console.".Length)))
            .FirstOrDefault();
        if (file is null)
        {
            file = files[0];
            position = Workbench.MemberAccessPositions(File.ReadAllText(file)).FirstOrDefault();
        }
        Section($"Completion at {Relative(folder, file)}:{position.Line + 1}:{position.Character + 1}");
        var result = await TryRequestAsync(client, "textDocument/completion", Workbench.TextDocumentPosition(file, position.Line, position.Character));
        if (result is not { } r)
            return;
        var items = Workbench.CompletionItems(r);
        Console.WriteLine($"{items.Count} items: {string.Join(", ", items.Take(25).Select(i => i.GetProperty("label").GetString()))}{(items.Count > 25 ? ", ..." : "")}");
    }

    private static async Task CodeActionsAsync(LspClient client, string folder, string file, JsonElement diagnostic)
    {
        var range = JsonNode.Parse(diagnostic.GetProperty("range").GetRawText())!;
        Section($"Code actions at {Relative(folder, file)}:{range["start"]!["line"]!.GetValue<int>() + 1} for {diagnostic.GetProperty("code")}");
        var result = await TryRequestAsync(client, "textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file) },
            ["range"] = range,
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(JsonNode.Parse(diagnostic.GetRawText())) },
        });
        if (result is not { ValueKind: JsonValueKind.Array } actions)
            return;
        foreach (var action in actions.EnumerateArray().Take(15))
            Console.WriteLine($"- {action.GetProperty("title").GetString()}{(action.TryGetProperty("kind", out var kind) ? $"  [{kind.GetString()}]" : "")}");
        if (actions.GetArrayLength() == 0)
            Console.WriteLine("(none)");
    }

    /// <summary>
    /// Ghost text from the nano model: at member accesses of the sample, the rest of the line is deleted
    /// (as if not typed yet) and an automatic inline completion asked for; then the line is put back.
    /// </summary>
    private static async Task InlineCompletionsAsync(LspClient client, string folder, List<string> files)
    {
        Section("Inline completions (nano model; `|` is the caret, the suggestion follows it)");
        var status = await client.WaitForNotificationAsync("nanolsp/modelStatus", p => p.GetProperty("state").GetString() != "loading", TimeSpan.FromMinutes(2));
        Console.WriteLine($"model {status.GetProperty("state").GetString()}: {status.GetProperty("message").GetString()}");
        var sites = files
            .SelectMany(f => Workbench.MemberAccessPositions(File.ReadAllText(f)).Select(p => (File: f, p.Line, p.Character)))
            .GroupBy(s => (s.File, s.Line)).Select(g => g.First())
            .Take(6).ToList();
        JsonElement? report = null;
        client.MessageReceived += message =>
        {
            if (message.GetProperty("method").GetString() == "nanolsp/modelStatus" && message.GetProperty("params").TryGetProperty("lastCompletion", out var r))
                report = r;
        };
        var versions = new Dictionary<string, int>();
        // Each site twice: right after the dot, and after the first two letters of the name, as when the
        // user has started typing it (a partial name narrows the monitor and usually steadies the model).
        var cuts = sites.SelectMany(s =>
        {
            string rest = File.ReadAllText(s.File).Split('\n')[s.Line].TrimEnd('\r')[s.Character..];
            int name = rest.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').Count();
            return name >= 4 ? new[] { s, s with { Character = s.Character + 2 } } : [s];
        });
        foreach (var (file, line, character) in cuts)
        {
            var uri = LspClient.ToUri(file);
            var original = File.ReadAllText(file).Split('\n')[line].TrimEnd('\r');
            int version = versions.GetValueOrDefault(file, 1);
            await Workbench.ReplaceAsync(client, uri, ++version, line, character, original.Length, "");
            var result = await TryRequestAsync(client, "textDocument/inlineCompletion", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["position"] = Workbench.Position(line, character),
                ["context"] = new JsonObject { ["triggerKind"] = 2 }, // automatic: what an editor sends while the user types
            });
            await Workbench.ReplaceAsync(client, uri, ++version, line, character, character, original[character..]);
            versions[file] = version;
            var suggestions = result is { } r ? r.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("insertText").GetString()).ToList() : [];
            Console.WriteLine($"{Relative(folder, file)}:{line + 1}  {original[..character].Trim()}|{(suggestions.Count > 0 ? suggestions[0] : "(nothing shown)")}");
            foreach (var alternative in suggestions.Skip(1))
                Console.WriteLine($"{new string(' ', Relative(folder, file).Length + line.ToString().Length + 3)}  alt:  |{alternative}");
            var pad = new string(' ', Relative(folder, file).Length + line.ToString().Length + 3);
            if (suggestions.Count == 0 && report is { } why)
                Console.WriteLine($"{pad}  model: |{Field(why, "rawCompletion")}  (not shown: {Field(why, "verdict") ?? Field(why, "source")})");
            Console.WriteLine($"{pad}  real: |{original[character..]}");
            report = null;
        }
    }

    /// <summary>The server leaves out null fields (a completion past its deadline has no raw text, no verdict).</summary>
    private static string? Field(JsonElement report, string name) =>
        report.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A feature the server does not have yet is reported, not fatal: the demo shows what there is.</summary>
    private static async Task<JsonElement?> TryRequestAsync(LspClient client, string method, JsonNode parameters)
    {
        try
        {
            return await client.RequestAsync(method, parameters).WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (LspResponseException e) when (e.Code == -32601)
        {
            Console.WriteLine($"({method} is not implemented by this server build)");
        }
        catch (LspResponseException e)
        {
            Console.WriteLine($"({method} failed: {e.ServerMessage})");
        }
        return null;
    }

    private static void Section(string title) => Console.WriteLine($"\n== {title}");

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file);
}
