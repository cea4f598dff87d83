using System.Text.Json;
using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Server;

namespace NanoLsp.Tests.Features.InlineCompletion;

public class InlineSettingsTests
{
    private static (ServerSettings Settings, List<string> Problems) Apply(string json)
    {
        var problems = new List<string>();
        return (ServerSettings.Default.Apply(JsonDocument.Parse(json).RootElement, problems), problems);
    }

    [Fact]
    public void AblationSwitchesTurnStagesOff()
    {
        var (settings, problems) = Apply("""{"nanolsp":{"inlineCompletion":{"context":false,"monitors":false,"filters":false,"deadlineMs":120}}}""");
        Assert.Empty(problems);
        var options = InlineCompletionOptions.From(settings, invoked: false);
        Assert.False(options.IncludeHeader);
        Assert.Equal(MonitorKinds.None, options.Monitors);
        Assert.False(options.Filters);
        Assert.Equal(TimeSpan.FromMilliseconds(120), options.Deadline);
        Assert.Equal(1, options.Alternatives);
    }

    [Fact]
    public void InvokedRequestsGetThreeAlternativesAndAtLeastTwoSeconds()
    {
        var options = InlineCompletionOptions.From(ServerSettings.Default, invoked: true);
        Assert.Equal(3, options.Alternatives);
        Assert.True(options.Deadline >= TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromMilliseconds(300), InlineCompletionOptions.From(ServerSettings.Default, invoked: false).Deadline);
    }

    [Fact]
    public void MaxLengthReachesTheCompletionOptions()
    {
        var (settings, problems) = Apply("""{"nanolsp":{"inlineCompletion":{"maxLength":40}}}""");
        Assert.Empty(problems);
        Assert.Equal(40, InlineCompletionOptions.From(settings, invoked: false).MaxLength);
        Assert.Equal(ServerSettings.DefaultInlineMaxLength, InlineCompletionOptions.From(ServerSettings.Default, invoked: true).MaxLength);
    }

    [Fact]
    public void EditorOnlySettingsAreIgnoredWithoutComplaint()
    {
        // VS Code sends its whole nanolsp section, including what only the extension reads.
        var (settings, problems) = Apply("""{"nanolsp":{"server":{"path":"/opt/NanoLsp.dll"},"trace":{"server":"verbose"}}}""");
        Assert.Empty(problems);
        Assert.Equal(ServerSettings.Default, settings);
    }

    [Theory]
    [InlineData("""{"nanolsp.inlineCompletion.maxLength": 0}""")]
    [InlineData("""{"nanolsp.inlineCompletion.maxLength": "short"}""")]
    [InlineData("""{"nanolsp.inlineCompletion.deadlineMs": 0}""")]
    [InlineData("""{"nanolsp.inlineCompletion.monitors": "yes"}""")]
    [InlineData("""{"nanolsp.inlineCompletion.minMeanLogProb": 2}""")]
    [InlineData("""{"nanolsp.inlineCompletion.compileCheckMs": -5}""")]
    public void BadInlineValuesAreReportedAndIgnored(string json)
    {
        var (settings, problems) = Apply(json);
        Assert.Single(problems);
        Assert.Equal(ServerSettings.Default, settings);
    }
}
