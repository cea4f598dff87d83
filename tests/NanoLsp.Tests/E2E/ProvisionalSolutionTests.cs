using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// The first answers do not wait for MSBuild: a provisional solution serves diagnostics, hover and completion
/// while the real load runs (held back here by NANOLSP_TEST_LOAD_DELAY_MS), then the real load replaces it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ProvisionalSolutionTests
{
    private static readonly Dictionary<string, string?> SlowLoad = new() { ["NANOLSP_TEST_LOAD_DELAY_MS"] = "60000" };

    [Fact]
    public async Task PushedDiagnosticsAndHoverComeBeforeTheLoad()
    {
        var folder = Fixtures.Copy("ProjectFixture");
        await using var client = LspClient.Start(environment: SlowLoad);
        await client.InitializeAsync(folder);
        var greeter = Path.Combine(folder, "Greeter.cs");
        var clock = Stopwatch.StartNew();
        await client.OpenAsync(greeter);
        // The project has no packages: the provisional diagnostics are the real ones (the missing using).
        var diagnostics = await Lsp.DiagnosticsAsync(client, greeter);
        Assert.Equal(["CS0246"], Lsp.Codes(diagnostics.Where(d => d.GetProperty("severity").GetInt32() == 1)));
        var hover = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(greeter) },
            ["position"] = new JsonObject { ["line"] = 13, ["character"] = 20 },
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("Greet", hover.ToString());
        // The framework's members come with their documentation, as after the load.
        var writeLine = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(greeter) },
            ["position"] = new JsonObject { ["line"] = 20, ["character"] = 18 },
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("line terminator", writeLine.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"answered after {clock.Elapsed}: the real load was held back 60 s");
        Assert.DoesNotContain(client.Messages, m => m.GetProperty("method").GetString() == "nanolsp/workspaceStatus");
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ARepositoryTooBigForTheQuickPassIsServedFromItsOpenFilesBeforeTheLoad()
    {
        // More .cs files than the quick pass compiles (ProvisionalProjects.MaxFiles): the open file is served alone.
        var folder = ScratchFolder.Create("BigRepository");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Big.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        var generated = Directory.CreateDirectory(Path.Combine(folder, "Generated")).FullName;
        for (var i = 0; i <= NanoLsp.Workspace.ProvisionalProjects.MaxFiles; i++)
            File.WriteAllText(Path.Combine(generated, $"C{i}.cs"), $"namespace Big;\n\npublic static class C{i} {{ public static int V => {i}; }}\n");
        var use = Path.Combine(folder, "Use.cs");
        File.WriteAllText(use, "namespace Big;\n\npublic static class Use\n{\n    public static int Run()\n    {\n        int wrong = \"text\"\n" +
            "        var list = new List<int> { C1.V };\n        return list.Count + wrong;\n    }\n}\n");
        await using var client = LspClient.Start(workingDirectory: folder, environment: SlowLoad);
        await client.InitializeAsync(folder);
        var clock = Stopwatch.StartNew();
        await client.OpenAsync(use);
        // The syntax errors (the missing ';'); the semantic ones wait for the load, which knows the repository's types
        // (C1's CS0103 would be false; the string assigned to an int is not reported yet).
        var diagnostics = await Lsp.DiagnosticsAsync(client, use);
        Assert.Equal(["CS1002"], Lsp.Codes(diagnostics));
        var hover = await Lsp.HoverAsync(client, use, "Count +");
        Assert.Contains("List<int>.Count", Workbench.HoverText(hover));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"answered after {clock.Elapsed}: the real load was held back 60 s");
        Assert.DoesNotContain(client.Messages, m => m.GetProperty("method").GetString() == "nanolsp/workspaceStatus");
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task APullingClientIsAskedToPullAgainAfterTheLoad()
    {
        var folder = Fixtures.Copy("ProjectFixture");
        await using var client = LspClient.Start(environment: new Dictionary<string, string?> { ["NANOLSP_TEST_LOAD_DELAY_MS"] = "3000" });
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false };
        capabilities["workspace"]!["diagnostics"] = new JsonObject { ["refreshSupport"] = true };
        await client.InitializeAsync(folder, capabilities);
        var counter = Path.Combine(folder, "Counter.cs");
        await client.OpenAsync(counter);
        var pull = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(counter) } };
        var first = await client.RequestAsync("textDocument/diagnostic", pull).WaitAsync(Lsp.LoadTimeout);
        Assert.EndsWith("|provisional", first.GetProperty("resultId").GetString());
        Assert.Contains("CS0029", Lsp.Codes(first.GetProperty("items").EnumerateArray()));

        await client.WaitForNotificationAsync("workspace/diagnostic/refresh", timeout: Lsp.LoadTimeout);
        var again = await client.RequestAsync("textDocument/diagnostic", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(counter) },
            ["previousResultId"] = first.GetProperty("resultId").GetString(),
        }).WaitAsync(Lsp.LoadTimeout);
        Assert.Equal("full", again.GetProperty("kind").GetString());
        Assert.DoesNotContain("provisional", again.GetProperty("resultId").GetString());
        Assert.Contains("CS0029", Lsp.Codes(again.GetProperty("items").EnumerateArray()));
        Assert.Equal(0, await client.ShutdownAsync());
    }
}
