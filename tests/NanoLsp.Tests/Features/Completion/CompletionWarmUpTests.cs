using System.Text.RegularExpressions;
using NanoLsp.Features.Completion;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Assist;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Features.Completion;

/// <summary>The first completion lists of each project a document opens in, and the model's first ranking, are made
/// before the user asks: what the warm-up did is in the log.</summary>
public sealed class CompletionWarmUpTests : IDisposable
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    private readonly TemporaryFolder _folder = new("nanolsp-warmup-");
    private readonly RecordingLogger _log = new();
    private readonly WorkspaceManager _workspace;

    public CompletionWarmUpTests() => _workspace = new WorkspaceManager(_log);

    public void Dispose()
    {
        _workspace.Dispose();
        _folder.Dispose();
    }

    private void Open(string name, string text)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        _workspace.Open(path, ProtocolConversions.FromPath(path), text, 1);
    }

    private CompletionWarmUp NewWarmUp() =>
        new(_workspace, _log, _ => Task.FromResult<LanguageModel?>(Model.Value), new ModelRanking(() => Model.Value));

    private async Task<List<string>> WarmUpAsync(ServerSettings settings)
    {
        var warmUp = NewWarmUp();
        warmUp.Start(settings);
        await warmUp.Running;
        return Said();
    }

    private List<string> Said() => _log.Messages.Select(m => m.Message).Where(m => m.StartsWith("Completion", StringComparison.Ordinal)).ToList();

    private List<string> Warmed() => Said().Where(m => m.StartsWith("Completion warmed up for", StringComparison.Ordinal)).ToList();

    /// <summary>Two projects (Lib, App) under the temporary folder, served as the provisional solution reads them.</summary>
    private void LoadTwoProjects()
    {
        foreach (var (relative, text) in new[]
        {
            ("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"),
            ("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>" +
                "<ItemGroup><ProjectReference Include=\"..\\Lib\\Lib.csproj\" /></ItemGroup></Project>"),
        })
        {
            var path = Path.Combine(_folder.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Assert.Null(_workspace.LoadProvisional([_folder.Path]).Skipped);
    }

    private const string UseText = "using System.Collections.Generic;\nclass Use\n{\n    int Run(List<int> items)\n    {\n        var n = items.Count;\n        return n;\n    }\n}\n";

    [Fact]
    public async Task TheListAfterTheFirstMemberAccessAndItsRankingAreMade()
    {
        Open("Plain.cs", "class Plain { int One() => 1; }");
        Open("Use.cs", UseText);

        var said = await WarmUpAsync(ServerSettings.Default);

        var listed = Assert.Single(said, m => m.StartsWith("Completion warmed up", StringComparison.Ordinal));
        var match = Regex.Match(listed, @"\((\d+) items after a '\.', (\d+) at a statement's start, in Use\.cs\)");
        Assert.True(match.Success, listed);
        Assert.True(int.Parse(match.Groups[1].Value) > 10, listed); // List<int>'s members
        Assert.True(int.Parse(match.Groups[2].Value) > 100, listed); // types, locals, keywords
        Assert.Single(said, m => m.StartsWith("Completion ranking warmed up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartedWithNothingOpenItWarmsUpTheDocumentsAsTheyOpen()
    {
        // An editor that opens the folder alone, and a file later.
        var warmUp = NewWarmUp();
        warmUp.Start(ServerSettings.Default with { CompletionRankWithModel = false });
        await warmUp.Running;
        Assert.Empty(Said());

        Open("Use.cs", "class Use { string Run(object o) => o.ToString(); }");
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Single(Warmed(), m => m.Contains("in Use.cs"));
    }

    [Fact]
    public async Task EachProjectIsWarmedUpOnceByTheFirstOfItsDocumentsOpened()
    {
        LoadTwoProjects();
        var warmUp = NewWarmUp();
        warmUp.Start(ServerSettings.Default with { CompletionRankWithModel = false });

        Open("Lib/Square.cs", "namespace Lib;\npublic class Square { public int Side; public int Area() { return Side * Side; } }");
        Open("Lib/Use.cs", UseText);
        Open("App/Program.cs", "class Program { static int Main() { var s = new Lib.Square(); return s.Area(); } }");
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        var warmed = Warmed();
        Assert.Equal(2, warmed.Count);
        Assert.Contains(warmed, m => m.StartsWith("Completion warmed up for Lib ", StringComparison.Ordinal) && m.Contains("in Square.cs"));
        Assert.Contains(warmed, m => m.StartsWith("Completion warmed up for App ", StringComparison.Ordinal) && m.Contains("in Program.cs"));
    }

    [Fact]
    public async Task AfterALoadTheOpenDocumentsNewProjectsAreWarmedUpAgain()
    {
        // Files the editor restores are open before the load ends: first warmed as loose files, then in their projects.
        var warmUp = NewWarmUp();
        warmUp.Start(ServerSettings.Default with { CompletionRankWithModel = false });
        Directory.CreateDirectory(Path.Combine(_folder.Path, "Lib"));
        Open("Lib/Use.cs", UseText);
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Single(Warmed());

        LoadTwoProjects();
        warmUp.WorkspaceLoaded([_folder.Path]);
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, Warmed().Count);
        Assert.StartsWith("Completion warmed up for Lib ", Warmed()[1]);
    }

    [Fact]
    public async Task WithRankingOffOnlyTheListIsMade()
    {
        Open("Use.cs", "class Use { string Run(object o) => o.ToString(); }");

        var said = await WarmUpAsync(ServerSettings.Default with { CompletionRankWithModel = false });

        Assert.Single(said, m => m.StartsWith("Completion warmed up", StringComparison.Ordinal));
        Assert.DoesNotContain(said, m => m.StartsWith("Completion ranking", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAMemberAccessInAnOpenDocumentNothingIsMade()
    {
        Open("Plain.cs", "class Plain { int One() => 1; }");

        Assert.Empty(await WarmUpAsync(ServerSettings.Default));
    }
}
