using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// A project file changed on disk (a package added, a branch switched) reloads the workspace off the request queue: the
/// solution before answers requests and takes edits until the new one is served, and what changed on disk meanwhile
/// carries over. Each loaded solution is held back a few seconds here (NANOLSP_TEST_LOAD_DELAY_MS) so that the window
/// is wide enough to be sure of.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ReloadTests
{
    private static readonly Dictionary<string, string?> HeldLoad = new() { ["NANOLSP_TEST_LOAD_DELAY_MS"] = "4000" };

    [Fact]
    public async Task RequestsAndEditsAreServedWhileAChangedProjectFileReloads()
    {
        var (client, folder, counter) = await LoadedProjectFixtureAsync();
        await using var _ = client;
        var project = Path.Combine(folder, "ProjectFixture.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</PropertyGroup>", "  <DefineConstants>$(DefineConstants);RELOADED</DefineConstants>\n  </PropertyGroup>"));
        client.ClearMessages();
        await Lsp.FileChangedOnDiskAsync(client, project);

        // Answered by the solution before while the reloaded one is held back (until 2026-12-06 the hover waited for
        // the reload's end, its status sent first).
        var hover = await Lsp.HoverAsync(client, counter, "Count +=");
        Assert.Contains("Count", Workbench.HoverText(hover));
        Assert.DoesNotContain(client.Messages, IsWorkspaceStatus);
        // An edit made meanwhile, code that only the reloaded project compiles (the constant it defines now).
        var edited = File.ReadAllText(counter).Replace("    public int Count", "#if RELOADED\n    public int Reloaded = \"no\";\n#endif\n    public int Count");
        await ReplaceTextAsync(client, counter, edited, version: 2);
        Assert.DoesNotContain(client.Messages, IsWorkspaceStatus);

        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal("loaded", status.GetProperty("state").GetString());
        // The reloaded project, with the edit: the error inside #if RELOADED (line 5) is reported.
        await Lsp.DiagnosticsAsync(client, counter, ds => ds.Any(d => Lsp.Code(d) == "CS0029" && Line(d) == 5));
        // The repository memory follows the reloaded solution as it follows an edit: built once, for the first load.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(client.Stderr.Split('\n'), line => line.Contains("Repository memory:", StringComparison.Ordinal));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AFileCreatedOnDiskWhileTheProjectReloadsJoinsTheReloadedProject()
    {
        var (client, folder, counter) = await LoadedProjectFixtureAsync();
        await using var _ = client;
        var edited = File.ReadAllText(counter).Replace("Count += step;", "Count += step + Fresh.Value;");
        await ReplaceTextAsync(client, counter, edited, version: 2);
        await Lsp.DiagnosticsAsync(client, counter, ds => Lsp.Codes(ds).Contains("CS0103"));

        var project = Path.Combine(folder, "ProjectFixture.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <!-- changed -->\n</Project>"));
        client.ClearMessages();
        await Lsp.FileChangedOnDiskAsync(client, project);
        // The reload's warm-up starts once MSBuild has listed the project's files: Fresh.cs comes after that.
        await client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").TryGetProperty("message", out var m)
            && m.GetString()!.StartsWith("Compiling", StringComparison.Ordinal), Lsp.LoadTimeout);
        var fresh = Path.Combine(folder, "Fresh.cs");
        File.WriteAllText(fresh, "namespace ProjectFixture;\n\npublic static class Fresh\n{\n    public static int Value => 1;\n}\n");
        await Lsp.FileChangedOnDiskAsync(client, fresh, type: 1);
        Assert.DoesNotContain(client.Messages, IsWorkspaceStatus);

        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        client.ClearMessages();
        // Diagnostics after the reload (asked for by the edit below, so that they are computed on the reloaded solution).
        await ReplaceTextAsync(client, counter, edited + "\n", version: 3);
        var after = await Lsp.DiagnosticsAsync(client, counter);
        Assert.DoesNotContain("CS0103", Lsp.Codes(after));
        Assert.Contains("CS0029", Lsp.Codes(after));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task APullingClientIsAskedToPullAgainAfterAReload()
    {
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false };
        capabilities["workspace"]!["diagnostics"] = new JsonObject { ["refreshSupport"] = true };
        var (client, folder, counter) = await LoadedProjectFixtureAsync(capabilities);
        await using var _ = client;
        var pull = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(counter) } };
        var before = await client.RequestAsync("textDocument/diagnostic", pull).WaitAsync(Lsp.LoadTimeout);
        Assert.Contains("CS0029", Lsp.Codes(before.GetProperty("items").EnumerateArray()));

        // A change to the project (a file leaves the build): what the editor holds may be out of date after the reload.
        var project = Path.Combine(folder, "ProjectFixture.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <ItemGroup><Compile Remove=\"Greeter.cs\" /></ItemGroup>\n</Project>"));
        client.ClearMessages();
        await Lsp.FileChangedOnDiskAsync(client, project);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        // Until 2026-12-06 only the first load asked: a pulling editor kept the diagnostics of the project before.
        await client.WaitForNotificationAsync("workspace/diagnostic/refresh", timeout: Lsp.LoadTimeout);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    /// <summary>ProjectFixture loaded (its first load held back too), Counter.cs open.</summary>
    private static async Task<(LspClient Client, string Folder, string Counter)> LoadedProjectFixtureAsync(JsonObject? capabilities = null)
    {
        var folder = Fixtures.Copy("ProjectFixture");
        var client = LspClient.Start(workingDirectory: folder, environment: HeldLoad);
        await client.InitializeAsync(folder, capabilities);
        var counter = Path.Combine(folder, "Counter.cs");
        await client.OpenAsync(counter);
        Assert.Equal("loaded", (await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout)).GetProperty("state").GetString());
        return (client, folder, counter);
    }

    /// <summary>The editor's whole text of an open document, as one change.</summary>
    private static Task ReplaceTextAsync(LspClient client, string path, string text, int version) =>
        client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });

    private static bool IsWorkspaceStatus(JsonElement message) => message.GetProperty("method").GetString() == "nanolsp/workspaceStatus";

    private static int Line(JsonElement diagnostic) => diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32();
}
