using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

[Collection(ServerProcessCollection.Name)]
public sealed class WorkspaceLoadingTests
{
    [Fact]
    public async Task FileCreatedOnDiskIsPickedUp()
    {
        var folder = Fixtures.Copy("ProjectFixture");
        var user = Path.Combine(folder, "WidgetUser.cs");
        File.WriteAllText(user, "namespace ProjectFixture;\n\npublic class WidgetUser\n{\n    public Widget Make() => new Widget();\n}\n");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        await client.OpenAsync(user);
        await Lsp.DiagnosticsAsync(client, user, ds => Lsp.Codes(ds).Contains("CS0246"));

        var widget = Path.Combine(folder, "Widget.cs");
        File.WriteAllText(widget, "namespace ProjectFixture;\n\npublic class Widget { }\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.ToUri(widget), ["type"] = 1 }),
        });
        var after = await Lsp.DiagnosticsAsync(client, user, ds => !Lsp.Codes(ds).Contains("CS0246"));
        Assert.DoesNotContain(after, d => d.GetProperty("severity").GetInt32() == 1);
        Assert.Contains(client.Messages, m => m.GetProperty("method").GetString() == "client/registerCapability"
            && m.GetProperty("params").ToString().Contains("**/*.cs"));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task TheSolutionChosenInTheSettingsIsWhatItsFolderLoadsAndAnotherChoiceLoadsAgain()
    {
        // Two solutions at the top: by default both load (two projects); the one chosen loads alone.
        var folder = Fixtures.Copy("ProjectFixture");
        Directory.CreateDirectory(Path.Combine(folder, "Tools"));
        File.WriteAllText(Path.Combine(folder, "Tools", "Tools.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        File.WriteAllText(Path.Combine(folder, "Tools", "Tool.cs"), "namespace Tools;\n\npublic static class Tool { public static int Answer() => 42; }\n");
        File.WriteAllText(Path.Combine(folder, "All.slnx"), """<Solution><Project Path="ProjectFixture.csproj" /><Project Path="Tools/Tools.csproj" /></Solution>""");
        File.WriteAllText(Path.Combine(folder, "Main.slnx"), """<Solution><Project Path="ProjectFixture.csproj" /></Solution>""");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder, initializationOptions: new JsonObject
        {
            ["nanolsp"] = new JsonObject { ["workspace"] = new JsonObject { ["solutions"] = new JsonArray("Main.slnx") } },
        });
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal(1, status.GetProperty("projectsFound").GetInt32());
        Assert.Equal(1, status.GetProperty("projectsLoaded").GetInt32());

        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
        {
            ["settings"] = new JsonObject { ["nanolsp"] = new JsonObject { ["workspace"] = new JsonObject { ["solutions"] = new JsonArray() } } },
        });
        status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", p => p.GetProperty("projectsFound").GetInt32() == 2, Lsp.LoadTimeout);
        Assert.Equal(2, status.GetProperty("projectsLoaded").GetInt32());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ProjectThatFailsToLoadIsReportedAndItsFilesServedAsLooseFiles()
    {
        var folder = Fixtures.Path("BrokenProject");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        var shown = await client.WaitForNotificationAsync("window/showMessage", timeout: Lsp.LoadTimeout);
        Assert.Equal(2, shown.GetProperty("type").GetInt32());
        Assert.Contains("BrokenProject.csproj failed", shown.GetProperty("message").GetString());
        Assert.Contains("without MSBuild", shown.GetProperty("message").GetString());

        var program = Path.Combine(folder, "Program.cs");
        await client.OpenAsync(program);
        var diagnostics = await Lsp.DiagnosticsAsync(client, program);
        // Compiled against the framework: only the deliberate error, not "System.Object is not defined".
        Assert.Equal(["CS0029"], Lsp.Codes(diagnostics).Where(c => c.StartsWith("CS", StringComparison.Ordinal)));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AFileNoProjectTakesBesideLoadedOnesShowsTheErrorsOfWhatIsKnown()
    {
        // As jasontaylordev/CleanArchitecture's use-case templates: a .cs file the project leaves out, written for packages
        // and global usings it does not have. Its unknown names are not errors (48 there, every one false); a mistake
        // among known types is.
        var folder = Fixtures.Copy("ProjectFixture");
        var project = Path.Combine(folder, "ProjectFixture.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <ItemGroup><Compile Remove=\"templates/**\" /></ItemGroup>\n</Project>"));
        var template = Path.Combine(folder, "templates", "UseCase.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(template)!);
        File.WriteAllText(template, "public sealed record UseCaseQuery : IRequest<int>;\n\npublic static class UseCase\n{\n    public static Task<int> Run(CancellationToken token) => Task.FromResult(0);\n    public static int Wrong() => \"text\";\n}\n");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal(1, status.GetProperty("looseFiles").GetInt32());

        await client.OpenAsync(template);
        Assert.Equal(["CS0029"], Lsp.Codes(await Lsp.DiagnosticsAsync(client, template)).Where(c => c.StartsWith("CS", StringComparison.Ordinal)));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ProjectsWhoseSdkDoesNotResolveAreServedAsTheirProjectFilesSay()
    {
        // Every project fails (an MSBuild SDK found nowhere, as dotnet/efcore's Arcade offline): the projects stand in as
        // their files say, not one project of every file: the Using item's namespace and the project reference resolve,
        // the package's names are not errors, and the real error is.
        var folder = Fixtures.Copy("MissingSdk");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        var shown = await client.WaitForNotificationAsync("window/showMessage", m => m.GetProperty("message").GetString()!.Contains("failed"), Lsp.LoadTimeout);
        Assert.Equal(2, shown.GetProperty("type").GetInt32());
        Assert.Contains("without MSBuild", shown.GetProperty("message").GetString());
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);

        var pricing = Path.Combine(folder, "Core", "Pricing.cs");
        await client.OpenAsync(pricing);
        Assert.Equal(["CS0029"], Lsp.Codes(await Lsp.DiagnosticsAsync(client, pricing)).Where(c => c.StartsWith("CS", StringComparison.Ordinal)));
        var program = Path.Combine(folder, "App", "Program.cs");
        await client.OpenAsync(program);
        Assert.DoesNotContain(Lsp.Codes(await Lsp.DiagnosticsAsync(client, program)), c => c.StartsWith("CS", StringComparison.Ordinal));
        var hover = await Lsp.HoverAsync(client, program, "Product>");
        Assert.Contains("Shop.Core.Model.Product", hover.GetProperty("contents").GetProperty("value").GetString());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AProjectThatDoesNotLoadStandsInBesideThoseThatDo()
    {
        // App loads; Core, which it references, does not (its MSBuild SDK is found nowhere). Core stands in as its file
        // says, and App references it: Core's Using item and App's use of Core's types resolve; the real error stays.
        var folder = Fixtures.Copy("MissingSdk");
        File.WriteAllText(Path.Combine(folder, "App", "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Core\Core.csproj" /></ItemGroup>
            </Project>
            """);
        var program = Path.Combine(folder, "App", "Program.cs");
        File.WriteAllText(program, "using Shop.Core;\nusing Shop.Core.Model;\n\nvar products = new List<Product> { new(\"Tea\", 3m) };\nConsole.WriteLine(Pricing.Total(products));\n");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        var status = await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        Assert.Equal(1, status.GetProperty("projectsLoaded").GetInt32());
        Assert.Equal(1, status.GetProperty("projectsFailed").GetInt32());

        var pricing = Path.Combine(folder, "Core", "Pricing.cs");
        await client.OpenAsync(pricing);
        Assert.Equal(["CS0029"], Lsp.Codes(await Lsp.DiagnosticsAsync(client, pricing)).Where(c => c.StartsWith("CS", StringComparison.Ordinal)));
        await client.OpenAsync(program);
        Assert.DoesNotContain(Lsp.Codes(await Lsp.DiagnosticsAsync(client, program)), c => c.StartsWith("CS", StringComparison.Ordinal));
        var hover = await Lsp.HoverAsync(client, program, "Total");
        Assert.Contains("Pricing.Total", hover.GetProperty("contents").GetProperty("value").GetString());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task LooseFilesGetDiagnosticsThatSeeEachOther()
    {
        var folder = Fixtures.Path("LooseFiles");
        await using var client = LspClient.Start();
        await client.InitializeAsync(folder);
        var script = Path.Combine(folder, "Script.cs");
        await client.OpenAsync(script);
        var diagnostics = await Lsp.DiagnosticsAsync(client, script);
        // Helper.Twice (in the other file) resolves; the deliberate unknown name does not.
        var error = Assert.Single(diagnostics, d => d.GetProperty("severity").GetInt32() == 1);
        Assert.Equal("CS0103", Lsp.Code(error));
        Assert.Equal(8, error.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        // The load was reported as work-done progress: a token created, then begin ... end, all before the load's status.
        // (The first diagnostics come from the provisional solution, before the load ends. The repository memory's own
        // progress may begin right after the status: only the load's token counts.)
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        var messages = client.Messages.ToList();
        var beforeStatus = messages.Take(messages.FindIndex(m => m.GetProperty("method").GetString() == "nanolsp/workspaceStatus")).ToList();
        var progress = beforeStatus.Where(m => m.GetProperty("method").GetString() == "$/progress").Select(m => m.GetProperty("params")).ToList();
        var load = progress.First(p => p.GetProperty("value").TryGetProperty("title", out var title) && title.GetString() == "NanoLsp: loading workspace")
            .GetProperty("token").GetString();
        var kinds = progress.Where(p => p.GetProperty("token").GetString() == load)
            .Select(p => p.GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Contains(client.Messages, m => m.GetProperty("method").GetString() == "window/workDoneProgress/create");
        Assert.Equal("begin", kinds.First());
        Assert.Equal("end", kinds.Last());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ClientThatPullsDiagnosticsGetsNoPushes()
    {
        var folder = Fixtures.Path("LooseFiles");
        await using var client = LspClient.Start();
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false };
        await client.InitializeAsync(folder, capabilities);
        var script = Path.Combine(folder, "Script.cs");
        await client.OpenAsync(script);
        var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(script) } })
            .WaitAsync(Lsp.LoadTimeout);
        Assert.Contains("CS0103", Lsp.Codes(report.GetProperty("items").EnumerateArray()));
        await Task.Delay(1000); // time enough for a push, had one been scheduled on open
        Assert.DoesNotContain(client.Messages, m => m.GetProperty("method").GetString() == "textDocument/publishDiagnostics");
        Assert.Equal(0, await client.ShutdownAsync());
    }
}
