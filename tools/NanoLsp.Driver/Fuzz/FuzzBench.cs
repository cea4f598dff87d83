using System.Diagnostics;

namespace NanoLsp.Driver.Fuzz;

/// <summary>
/// `NanoLsp.Driver fuzz`: generated LSP traffic against the real server, session after session (a fresh
/// process each), until the message count or the time limit; prints messages sent, requests answered,
/// errors, crashes, hangs and peak memory. The short seeded run in CI is tests/NanoLsp.Tests/E2E/FuzzTests.cs.
/// </summary>
public static class FuzzBench
{
    public sealed record Options(int Messages = 100_000, int Seed = 1, int SessionMessages = 10_000, TimeSpan? Limit = null);

    public static async Task<int> RunAsync(string folder, Options options)
    {
        var report = await FuzzAsync(folder, options, Console.Out);
        Print(report, folder, options, Console.Out);
        return report.Crashes == 0 && report.Unanswered == 0 ? 0 : 1;
    }

    /// <summary>Runs the sessions; each gets a share of the messages (the last ones end with shutdown/exit or a closed stdin).</summary>
    public static async Task<FuzzReport> FuzzAsync(string folder, Options options, TextWriter log)
    {
        var report = new FuzzReport();
        var generator = new TrafficGenerator(options.Seed, folder);
        var stopwatch = Stopwatch.StartNew();
        var limit = options.Limit ?? TimeSpan.FromHours(2);
        bool OutOfTime() => stopwatch.Elapsed > limit;
        var sessionIndex = 0;
        while (report.MessagesSent < options.Messages && !OutOfTime())
        {
            var left = options.Messages - report.MessagesSent;
            var body = (int)Math.Min(left, options.SessionMessages);
            await new FuzzSession(folder, report, log).RunAsync(generator.Session(body, OutOfTime), sessionIndex++);
        }
        log.WriteLine($"  fuzzed for {stopwatch.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    public static void Print(FuzzReport report, string folder, Options options, TextWriter output)
    {
        output.WriteLine($"fuzz: seed {options.Seed}, folder {Path.GetFullPath(folder)}, {report.Sessions} server process(es)");
        output.WriteLine($"  messages sent       {report.MessagesSent}");
        output.WriteLine($"  requests sent       {report.RequestsSent}");
        output.WriteLine($"  requests answered   {report.Answered} (results {report.Results}, errors {report.Errors})");
        output.WriteLine($"  unanswered          {report.Unanswered}");
        output.WriteLine($"  crashes             {report.Crashes}");
        output.WriteLine($"  peak RSS            {report.PeakRssBytes / (1024 * 1024)} MB");
        foreach (var (label, (count, seconds)) in report.AnswerTime.OrderByDescending(p => p.Value.Seconds).Take(6))
            output.WriteLine($"  time to answer      {label}: {count} request(s), {seconds:F1} s in all, {seconds * 1000 / count:F0} ms each");
        foreach (var (what, count) in report.InternalFailures.OrderByDescending(p => p.Value).Take(15))
            output.WriteLine($"  handler failure x{count}: {what}");
        foreach (var (what, count) in report.LoggedErrors.OrderByDescending(p => p.Value).Take(15))
            output.WriteLine($"  logged error x{count}: {what}");
        foreach (var incident in report.Incidents.Take(10))
            output.WriteLine($"  incident: {incident}");
    }
}
