using System.Text.RegularExpressions;
using NanoLsp.Features.Completion;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Assist;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Features.Completion;

/// <summary>The first completion list and its ranking are made once the server is up, on an open document (the first
/// one opened when none is yet), before the user asks: what the warm-up did is in the log.</summary>
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

    private CompletionWarmUp NewWarmUp(Func<CancellationToken, Task<LanguageModel?>>? model = null) =>
        new(_workspace, _log, model ?? (_ => Task.FromResult<LanguageModel?>(Model.Value)), new ModelRanking(() => Model.Value));

    /// <summary>What the warm-up logged.</summary>
    private List<string> Said() =>
        _log.Messages.Select(m => m.Message).Where(m => m.StartsWith("Completion", StringComparison.Ordinal)).ToList();

    /// <summary>How many times the warm-up said it made the list, made the ranking, was superseded.</summary>
    private (int List, int Ranking, int Superseded) Counts()
    {
        var said = Said();
        int Count(string start) => said.Count(m => m.StartsWith(start, StringComparison.Ordinal));
        return (Count("Completion warmed up"), Count("Completion ranking"), Count("Completion warm-up superseded"));
    }

    private async Task<List<string>> WarmUpAsync(ServerSettings settings)
    {
        var warmUp = NewWarmUp();
        warmUp.Start(settings);
        await warmUp.Running;
        return Said();
    }

    [Fact]
    public async Task TheListAfterTheFirstMemberAccessAndItsRankingAreMade()
    {
        Open("Plain.cs", "class Plain { int One() => 1; }");
        Open("Use.cs", "using System.Collections.Generic;\nclass Use\n{\n    int Run(List<int> items) => items.Count;\n}\n");

        var said = await WarmUpAsync(ServerSettings.Default);

        var listed = Assert.Single(said, m => m.StartsWith("Completion warmed up", StringComparison.Ordinal));
        var match = Regex.Match(listed, @"\((\d+) items after a '\.' in Use\.cs\)");
        Assert.True(match.Success, listed);
        Assert.True(int.Parse(match.Groups[1].Value) > 10, listed); // List<int>'s members
        Assert.Single(said, m => m.StartsWith("Completion ranking warmed up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartedWithNothingOpenItWarmsUpTheFirstDocumentOpened()
    {
        // An editor that opens the folder alone, and a file later: the warm-up waits for it.
        var warmUp = NewWarmUp();
        warmUp.Start(ServerSettings.Default with { CompletionRankWithModel = false });
        await Task.Delay(100);
        Assert.False(warmUp.Running.IsCompleted);

        Open("Use.cs", "class Use { string Run(object o) => o.ToString(); }");
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Single(_log.Messages, m => m.Message.StartsWith("Completion warmed up", StringComparison.Ordinal) && m.Message.Contains("in Use.cs"));
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
    public async Task AListAskedForBeforeTheWarmUpRunsSupersedesIt()
    {
        // The user's list makes what the warm-up would: the warm-up makes neither the list nor the ranking.
        var warmUp = NewWarmUp();
        warmUp.Start(ServerSettings.Default);
        warmUp.Supersede();
        Open("Use.cs", "class Use { string Run(object o) => o.ToString(); }");
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((List: 0, Ranking: 0, Superseded: 1), Counts());
    }

    [Fact]
    public async Task AListAskedForWhileTheWarmUpWaitsForTheModelLeavesTheRankingToIt()
    {
        Open("Use.cs", "class Use { string Run(object o) => o.ToString(); }");
        CompletionWarmUp? warmUp = null;
        // The model is asked for once the warm-up's list is made: the user's list comes at that moment.
        warmUp = NewWarmUp(_ =>
        {
            warmUp!.Supersede();
            return Task.FromResult<LanguageModel?>(Model.Value);
        });
        warmUp.Start(ServerSettings.Default);
        await warmUp.Running.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((List: 1, Ranking: 0, Superseded: 1), Counts());
    }

    [Fact]
    public async Task WithoutAMemberAccessInAnOpenDocumentNothingIsMade()
    {
        Open("Plain.cs", "class Plain { int One() => 1; }");

        Assert.Empty(await WarmUpAsync(ServerSettings.Default));
    }
}
