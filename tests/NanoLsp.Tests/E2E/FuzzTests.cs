using NanoLsp.Driver.Fuzz;
using Xunit.Abstractions;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// The short seeded fuzz run of CI (the long one is `NanoLsp.Driver fuzz`, README "Robustness"): generated
/// LSP traffic, good and bad, against the real server process on a fixture project. Every request must get
/// a result or an error, the process must live until it is told to end and then end with the right code,
/// and its memory must stay bounded. A failure prints the seed and the server's log file to replay it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Two server processes of 500 messages each: about four minutes on a loaded 2-core machine. Another
    /// seed replays with `NanoLsp.Driver fuzz FOLDER --seed S --messages 1000 --session-messages 500`.</summary>
    [Theory]
    [InlineData(1)]
    public async Task GeneratedTrafficIsAnsweredWithoutCrashOrHang(int seed)
    {
        var folder = Fixtures.Copy("ProjectFixture");
        var options = new FuzzBench.Options(Messages: 1000, Seed: seed, SessionMessages: 500, Limit: TimeSpan.FromMinutes(6));
        var log = new StringWriter();
        var report = await FuzzBench.FuzzAsync(folder, options, log);
        FuzzBench.Print(report, folder, options, log);
        output.WriteLine(log.ToString());

        Assert.True(report.Crashes == 0, log.ToString());
        Assert.True(report.Unanswered == 0, log.ToString());
        Assert.Equal(report.RequestsSent, report.Answered);
        Assert.True(report.MessagesSent >= 1000 || report.Sessions >= 2, log.ToString());
        // Handlers answer bad input with InvalidParams, not with a failure they did not expect.
        Assert.True(report.InternalFailures.Count == 0, log.ToString());
        Assert.True(report.PeakRssBytes < 1536L * 1024 * 1024, $"peak RSS {report.PeakRssBytes / (1024 * 1024)} MB\n{log}");
    }
}
