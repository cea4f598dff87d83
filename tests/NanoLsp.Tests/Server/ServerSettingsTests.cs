using NanoLsp.Logging;
using System.Text.Json;
using NanoLsp.Server;

namespace NanoLsp.Tests.Server;

public class ServerSettingsTests
{
    private static (ServerSettings Settings, List<string> Problems) Apply(string json, ServerSettings? start = null)
    {
        var problems = new List<string>();
        var settings = (start ?? ServerSettings.Default).Apply(JsonDocument.Parse(json).RootElement, problems);
        return (settings, problems);
    }

    [Fact]
    public void NestedAndDottedFormsMeanTheSame()
    {
        var (nested, _) = Apply("""{"nanolsp":{"logLevel":"debug","diagnostics":{"debounceMs":40,"analyzers":false}}}""");
        var (dotted, _) = Apply("""{"nanolsp.logLevel":"debug","nanolsp.diagnostics.debounceMs":40,"nanolsp.diagnostics.analyzers":false}""");
        Assert.Equal(nested, dotted);
        Assert.Equal(LogLevel.Debug, nested.LogLevel);
        Assert.Equal(40, nested.DiagnosticsDebounceMs);
        Assert.False(nested.AnalyzersEnabled);
    }

    [Fact]
    public void TheSolutionsToLoadAreAListOfSolutionOrProjectFiles()
    {
        Assert.Empty(ServerSettings.Default.Solutions);
        var (settings, problems) = Apply("""{"nanolsp":{"workspace":{"solutions":["src/App.slnx", " /repo/Tools/Tools.csproj "]}}}""");
        Assert.Empty(problems);
        Assert.Equal(["src/App.slnx", "/repo/Tools/Tools.csproj"], settings.Solutions);

        var (kept, refused) = Apply("""{"nanolsp":{"workspace":{"solutions":["src/App.slnx", "README.md"]}}}""", settings);
        Assert.Equal(settings.Solutions, kept.Solutions);
        Assert.Contains(refused, p => p.Contains("workspace.solutions", StringComparison.Ordinal));
        Assert.Empty(Apply("""{"nanolsp":{"workspace":{"solutions":null}}}""", settings).Settings.Solutions);
    }

    [Fact]
    public void BadValueKeepsThePreviousOneAndIsReported()
    {
        var start = ServerSettings.Default with { DiagnosticsDebounceMs = 300 };
        var (settings, problems) = Apply("""{"nanolsp":{"diagnostics":{"debounceMs":"soon"}}}""", start);
        Assert.Equal(300, settings.DiagnosticsDebounceMs);
        Assert.Contains(problems, p => p.Contains("debounceMs"));
    }

    [Fact]
    public void TheListsWaitForItsRankingIsSetApartFromTheRankingsDeadline()
    {
        var (settings, problems) = Apply("""{"nanolsp":{"completion":{"rankWaitMs":0,"rankDeadlineMs":400}}}""");
        Assert.Empty(problems);
        Assert.Equal(0, settings.CompletionRankWaitMs);
        Assert.Equal(400, settings.CompletionRankDeadlineMs);
        Assert.Equal(ServerSettings.DefaultCompletionRankDeadlineMs, ServerSettings.Default.CompletionRankWaitMs); // waits, by default

        var (kept, refused) = Apply("""{"nanolsp":{"completion":{"rankWaitMs":-1}}}""", settings);
        Assert.Equal(0, kept.CompletionRankWaitMs);
        Assert.Contains(refused, p => p.Contains("rankWaitMs", StringComparison.Ordinal));
    }

    [Fact]
    public void WhereTheModelHasNotReadThePlaceTheListWaitsForItsRankingAsSetApart()
    {
        Assert.Equal(0, ServerSettings.Default.CompletionRankWaitColdMs); // by default it does not wait there
        var (settings, problems) = Apply("""{"nanolsp":{"completion":{"rankWaitColdMs":250}}}""");
        Assert.Empty(problems);
        Assert.Equal(250, settings.CompletionRankWaitColdMs);
        Assert.Equal(ServerSettings.Default.CompletionRankWaitMs, settings.CompletionRankWaitMs);

        var (kept, refused) = Apply("""{"nanolsp":{"completion":{"rankWaitColdMs":10001}}}""", settings);
        Assert.Equal(250, kept.CompletionRankWaitColdMs);
        Assert.Contains(refused, p => p.Contains("rankWaitColdMs", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownSettingIsReportedAndOtherSectionsAreIgnored()
    {
        var (settings, problems) = Apply("""{"nanolsp":{"colour":"blue"},"editor":{"tabSize":4}}""");
        Assert.Equal(ServerSettings.Default, settings);
        Assert.Equal(["Unknown setting nanolsp.colour (ignored)."], problems);
    }

    [Fact]
    public void ModelPathCanBeSetAndCleared()
    {
        var (set, _) = Apply("""{"nanolsp":{"model":{"path":"/models/x"}}}""");
        Assert.Equal("/models/x", set.ModelPath);
        var (cleared, _) = Apply("""{"nanolsp":{"model":{"path":null}}}""", set);
        Assert.Null(cleared.ModelPath);
    }

    [Fact]
    public void NullPayloadChangesNothing()
    {
        var problems = new List<string>();
        Assert.Equal(ServerSettings.Default, ServerSettings.Default.Apply(null, problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void EachMemoryChannelHasItsOwnSwitch()
    {
        var (settings, problems) = Apply("""{"nanolsp":{"memory":{"mixing":false,"neighbours":true}}}""");
        Assert.Empty(problems);
        Assert.False(settings.MemoryMixing);
        Assert.True(settings.MemoryCandidates);
        Assert.True(settings.MemoryNeighbours);
        var options = NanoLsp.Features.InlineCompletion.InlineCompletionOptions.From(settings, invoked: false);
        Assert.Equal(NanoLsp.Memory.MemoryChannels.Candidates | NanoLsp.Memory.MemoryChannels.Neighbours | NanoLsp.Memory.MemoryChannels.Names, options.Memory);

        var (kept, bad) = Apply("""{"nanolsp.memory.candidates":"yes"}""", settings);
        Assert.True(kept.MemoryCandidates);
        Assert.Contains(bad, p => p.Contains("nanolsp.memory.candidates"));
    }
}
