using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// Repositories as users open them (issue 19): each fixture reproduces what took real libraries down
/// (a pinned missing SDK, a package downgrade treated as an error, a package on no feed, a project
/// referenced by two others and listed on its own, a file only one target framework compiles).
/// Each is opened folder-first (no solution) and solution-first (an .slnx listing its projects) on
/// the real server process, started in the folder as an editor would: the main project's documents
/// must have semantic answers, the user must be told what did not load, and stdout must carry
/// nothing but LSP frames from start to exit.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class RealWorldLoadingTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var fixture in new[] { "PinnedSdk", "DowngradeAsError", "MissingPackage", "SharedReference", "FrameworkOnlyFile" })
        {
            data.Add(fixture, false);
            data.Add(fixture, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MainProjectAnswersAndTheUserHearsWhatDidNotLoad(string fixture, bool solutionFirst)
    {
        var folder = Open(fixture, solutionFirst);
        await using var client = LspClient.Start(workingDirectory: folder, recordRawOutput: true);
        await client.InitializeAsync(folder);
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        var found = status.GetProperty("projectsFound").GetInt32();
        Assert.True(found > 0, status.ToString());
        Assert.Equal(found, status.GetProperty("projectsLoaded").GetInt32());
        Assert.Equal(0, status.GetProperty("projectsFailed").GetInt32());

        var told = Told(client);
        switch (fixture)
        {
            case "PinnedSdk":
                Assert.Equal("partial", status.GetProperty("state").GetString());
                Assert.Contains("10.0.999", told);
                Assert.Contains($"SDK {Environment.Version.Major}.", told);
                break;
            case "DowngradeAsError":
                Assert.Equal("partial", status.GetProperty("state").GetString());
                Assert.Contains("DowngradeAsError.csproj", told);
                Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", told);
                break;
            case "MissingPackage":
                Assert.Equal("partial", status.GetProperty("state").GetString());
                Assert.Contains("MissingPackage.csproj", told);
                Assert.Contains("NU1101: NanoLsp.Fixture.NotOnAnyFeed", told);
                break;
            default:
                Assert.Equal("loaded", status.GetProperty("state").GetString());
                Assert.Equal(fixture == "SharedReference" ? 3 : 1, found);
                break;
        }

        var mainFolder = fixture == "SharedReference" ? Path.Combine(folder, "App") : folder;
        await AssertSemanticAnswersAsync(client, Path.Combine(mainFolder, "Use.cs"), "shape.", ["Area", "Name", "Corners"]);
        if (fixture == "FrameworkOnlyFile")
            await AssertSemanticAnswersAsync(client, Path.Combine(folder, "LegacySupport", "StringPolyfills.cs"), "shape.", ["Area", "Name"]);
        if (fixture == "SharedReference")
        {
            // A file no project compiles is still a document (of "Loose files"), answered without being opened.
            Assert.Equal(1, status.GetProperty("looseFiles").GetInt32());
            var stray = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(Path.Combine(folder, "scratch", "Stray.cs")) } });
            Assert.Equal(["CS0029"], stray.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("severity").GetInt32() == 1).Select(Lsp.Code));
        }

        Assert.Equal(0, await client.ShutdownAsync());
        await client.WaitForOutputEndAsync(TimeSpan.FromSeconds(30));
        Assert.Null(StdoutFrames.FirstForeignBytes(client.RawOutput, out _));
    }

    [Fact]
    public async Task RestoreIsRetriedWhenTheProjectFileChanges()
    {
        var folder = Fixtures.Copy("MissingPackage");
        await using var client = LspClient.Start(workingDirectory: folder);
        await client.InitializeAsync(folder);
        var first = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal("partial", first.GetProperty("state").GetString());

        var project = Path.Combine(folder, "MissingPackage.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<PackageReference Include=\"NanoLsp.Fixture.NotOnAnyFeed\" Version=\"1.0.0\" />", ""));
        client.ClearMessages();
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.ToUri(project), ["type"] = 2 }),
        });
        // The reload restores again (the project file changed) and finds nothing missing any more.
        var second = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal("loaded", second.GetProperty("state").GetString());
        Assert.Equal(1, second.GetProperty("projectsLoaded").GetInt32());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Theory]
    [InlineData("SharedReference", "loaded")]
    [InlineData("MissingPackage", "partial")]
    public async Task TheNextServerServesTheProjectsFromTheDesignTimeCache(string fixture, string state)
    {
        var folder = Open(fixture, solutionFirst: false);
        var environment = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = ScratchFolder.PathFor("design-time-cache") };
        JsonElement first;
        await using (var client = LspClient.Start(workingDirectory: folder, environment: environment))
        {
            await client.InitializeAsync(folder);
            first = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
            Assert.Equal(0, await client.ShutdownAsync());
        }

        await using var next = LspClient.Start(workingDirectory: folder, environment: environment);
        await next.InitializeAsync(folder);
        var status = await next.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Contains("made from the design-time cache", next.Stderr);
        Assert.DoesNotContain("document(s), loaded in", next.Stderr); // what MSBuild's load says when it ends
        Assert.Equal(state, status.GetProperty("state").GetString());
        foreach (var count in new[] { "projectsFound", "projectsLoaded", "projectsFailed", "looseFiles" })
            Assert.Equal(first.GetProperty(count).GetInt32(), status.GetProperty(count).GetInt32());
        if (fixture == "MissingPackage")
            Assert.Contains("NU1101: NanoLsp.Fixture.NotOnAnyFeed", Told(next)); // what the cached load lacks is still told
        // No document is open, so the model starts loading only when the first-answer gate gives up waiting (3 s), after
        // this load has ended: the repository memory waits for that start instead of finding no model and never being built.
        await next.WaitForNotificationAsync("window/logMessage",
            p => p.GetProperty("message").GetString()?.StartsWith("Repository memory:", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("the repository memory is not built", next.Stderr);
        var mainFolder = fixture == "SharedReference" ? Path.Combine(folder, "App") : folder;
        await AssertSemanticAnswersAsync(next, Path.Combine(mainFolder, "Use.cs"), "shape.", ["Area", "Name", "Corners"]);
        Assert.Equal(0, await next.ShutdownAsync());
    }

    /// <summary>A scratch copy; solution-first adds an .slnx listing every project, folder-first removes any solution.</summary>
    private static string Open(string fixture, bool solutionFirst)
    {
        var folder = Fixtures.Copy(fixture);
        if (fixture == "SharedReference")
        {
            // Outside every project: compiled against a loaded project's references. A name it does not know may be what a
            // project would give it (not an error there); the deliberate CS0029 among known types is.
            Directory.CreateDirectory(Path.Combine(folder, "scratch"));
            File.WriteAllText(Path.Combine(folder, "scratch", "Stray.cs"),
                "static class Stray\n{\n    static void Main() => System.Console.WriteLine(undefinedName);\n    static int Count() => \"many\";\n}\n");
        }
        foreach (var solution in Directory.GetFiles(folder, "*.sln*"))
            File.Delete(solution);
        if (solutionFirst)
        {
            var projects = Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(p => $"  <Project Path=\"{Path.GetRelativePath(folder, p)}\" />");
            File.WriteAllText(Path.Combine(folder, fixture + ".slnx"), $"<Solution>\n{string.Join("\n", projects)}\n</Solution>\n");
        }
        return folder;
    }

    /// <summary>Everything the user was shown (window/showMessage) and the workspace status message.</summary>
    private static string Told(LspClient client) => string.Join("\n", client.Messages
        .Where(m => m.GetProperty("method").GetString() is "window/showMessage" or "nanolsp/workspaceStatus")
        .Select(m => m.GetProperty("params").GetProperty("message").GetString()));

    /// <summary>No error in the file, hover on the first "Shape" names the class, completion after the member access lists its members.</summary>
    private static async Task AssertSemanticAnswersAsync(LspClient client, string file, string memberAccess, string[] members)
    {
        var text = File.ReadAllText(file);
        await client.OpenAsync(file, text);
        var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file) } })
            .WaitAsync(Lsp.LoadTimeout);
        var errors = report.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("severity").GetInt32() == 1).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("\n", errors)}\n{client.Stderr}");

        var shape = Workbench.ToPosition(text, text.IndexOf("Shape shape", StringComparison.Ordinal) + 1);
        var hover = await client.RequestAsync("textDocument/hover", Workbench.TextDocumentPosition(file, shape.Line, shape.Character));
        Assert.Contains("class", Workbench.HoverText(hover));
        Assert.Contains("Shape", Workbench.HoverText(hover));

        var dot = Workbench.ToPosition(text, text.IndexOf(memberAccess, StringComparison.Ordinal) + memberAccess.Length);
        var completion = await client.RequestAsync("textDocument/completion", Workbench.TextDocumentPosition(file, dot.Line, dot.Character));
        var labels = Workbench.CompletionItems(completion).Select(i => i.GetProperty("label").GetString()).ToList();
        foreach (var member in members)
            Assert.Contains(member, labels);
    }
}
