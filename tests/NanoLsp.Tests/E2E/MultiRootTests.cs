using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>Every workspace folder loads, each with its own projects or loose files, and folders come and go.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class MultiRootTests
{
    [Fact]
    public async Task EveryWorkspaceFolderIsLoaded()
    {
        var project = Fixtures.Copy("ProjectFixture");
        var loose = Fixtures.Copy("LooseFiles");
        await using var client = LspClient.Start();
        var initialized = await client.InitializeAsync([project, loose]);
        Assert.True(initialized.GetProperty("capabilities").GetProperty("workspace").GetProperty("workspaceFolders").GetProperty("changeNotifications").GetBoolean());
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal(1, status.GetProperty("projectsLoaded").GetInt32());
        Assert.Equal(2, status.GetProperty("looseFiles").GetInt32());

        // The second folder's files are loose files that see each other, not miscellaneous files.
        var script = Path.Combine(loose, "Script.cs");
        await client.OpenAsync(script);
        var scriptErrors = (await Lsp.DiagnosticsAsync(client, script)).Where(d => d.GetProperty("severity").GetInt32() == 1).ToList();
        Assert.Equal(["CS0103"], Lsp.Codes(scriptErrors));
        Assert.Equal(8, scriptErrors[0].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        // The first folder's project is loaded: its deliberate error and no more.
        var greeter = Path.Combine(project, "Greeter.cs");
        await client.OpenAsync(greeter);
        var greeterErrors = (await Lsp.DiagnosticsAsync(client, greeter)).Where(d => d.GetProperty("severity").GetInt32() == 1);
        Assert.Equal(["CS0246"], Lsp.Codes(greeterErrors));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AFolderAddedLaterIsLoadedAndARemovedOnesOpenFilesStayServed()
    {
        var project = Fixtures.Copy("ProjectFixture");
        var loose = Fixtures.Copy("LooseFiles");
        await using var client = LspClient.Start();
        await client.InitializeAsync(project);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);

        // Outside every folder: a miscellaneous file, which does not see its neighbour Helper.cs.
        var script = Path.Combine(loose, "Script.cs");
        await client.OpenAsync(script);
        await Lsp.DiagnosticsAsync(client, script, ds => ds.Count(d => Lsp.Code(d) == "CS0103") == 2);

        await client.NotifyAsync("workspace/didChangeWorkspaceFolders", Change(added: loose));
        var errors = await Lsp.DiagnosticsAsync(client, script, ds => ds.Count(d => Lsp.Code(d) == "CS0103") == 1);
        Assert.Equal(8, errors.Single(d => Lsp.Code(d) == "CS0103").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        // The project's folder goes: its open file is still answered, now as a loose file of no project.
        var greeter = Path.Combine(project, "Greeter.cs");
        await client.OpenAsync(greeter);
        await Lsp.DiagnosticsAsync(client, greeter, ds => Lsp.Codes(ds).Contains("CS0246"));
        await client.NotifyAsync("workspace/didChangeWorkspaceFolders", Change(removed: project));
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", p => p.GetProperty("projectsFound").GetInt32() == 0, Lsp.LoadTimeout);
        Assert.Equal("loose", status.GetProperty("state").GetString());
        var hover = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(greeter) },
            ["position"] = new JsonObject { ["line"] = 13, ["character"] = 20 },
        }).WaitAsync(Lsp.LoadTimeout);
        Assert.Contains("Greet", hover.ToString());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    private static JsonObject Change(string? added = null, string? removed = null) => new()
    {
        ["event"] = new JsonObject
        {
            ["added"] = added is null ? new JsonArray() : new JsonArray(LspClient.WorkspaceFolder(added)),
            ["removed"] = removed is null ? new JsonArray() : new JsonArray(LspClient.WorkspaceFolder(removed)),
        },
    };
}
