using System.Diagnostics;
using System.Text.Json;

namespace NanoLsp.Driver.Fuzz;

/// <summary>What one fuzz run (one or many server processes) saw.</summary>
public sealed class FuzzReport
{
    public int Sessions { get; set; }
    public long MessagesSent { get; set; }
    public long RequestsSent { get; set; }
    public long Results { get; set; }
    public long Errors { get; set; }
    public long Unanswered { get; set; }
    public long Crashes { get; set; }
    public long PeakRssBytes { get; set; }

    /// <summary>Error answers that mean a handler threw something unexpected (RequestFailed / InternalError), by label and message.</summary>
    public Dictionary<string, int> InternalFailures { get; } = [];

    /// <summary>Errors the server logged (window/logMessage type 1): a notification handler that threw.</summary>
    public Dictionary<string, int> LoggedErrors { get; } = [];

    /// <summary>Seconds spent waiting for the answers of each kind of request (what makes a run long).</summary>
    public Dictionary<string, (int Count, double Seconds)> AnswerTime { get; } = [];

    /// <summary>Why each crash or hang was counted (exit codes, the last messages sent).</summary>
    public List<string> Incidents { get; } = [];

    public long Answered => Results + Errors;

    public static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>
/// Sends one session of generated traffic to a fresh server process and checks what the fuzz run
/// promises: every request gets a result or an error (within <see cref="AnswerTimeout"/>), the process
/// never dies before it is told to (exit, or stdin closed) and then ends with the right code, and its
/// memory is sampled throughout. At most <see cref="Window"/> requests are in flight, as an editor's are.
/// </summary>
public sealed class FuzzSession(string folder, FuzzReport report, TextWriter log)
{
    // Room for a loaded machine: the first requests of a session wait for the workspace load.
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(3);
    private const int Window = 8;
    private readonly Queue<(FuzzMessage Message, Task<JsonElement> Answer, long SentAt)> _inFlight = new();
    private readonly Queue<string> _lastSent = new();
    private int _unanswered;

    public async Task RunAsync(IEnumerable<FuzzMessage> messages, int sessionIndex)
    {
        await using var client = LspClient.Start(workingDirectory: folder);
        report.Sessions++;
        var errorLogs = 0;
        client.MessageReceived += message =>
        {
            if (message.TryGetProperty("method", out var method) && method.GetString() == "window/logMessage"
                && message.GetProperty("params").GetProperty("type").GetInt32() == 1)
            {
                var text = message.GetProperty("params").GetProperty("message").GetString() ?? "";
                lock (report)
                    FuzzReport.Count(report.LoggedErrors, FirstLine(text));
                Interlocked.Increment(ref errorLogs);
            }
        };
        using var sampling = new CancellationTokenSource();
        var sampler = SampleMemoryAsync(client, sampling.Token);
        var sent = 0L;
        try
        {
            foreach (var message in messages)
            {
                if (client.HasExited)
                {
                    Crash(client, sessionIndex, $"the server exited (code {client.ExitCode}) before it was told to");
                    return;
                }
                Remember(message);
                switch (message.Send)
                {
                    case FuzzSend.Request:
                        var answer = await client.SendRequestBodyAsync(message.Id, message.Bytes).ConfigureAwait(false);
                        report.RequestsSent++;
                        _inFlight.Enqueue((message, answer, Stopwatch.GetTimestamp()));
                        while (_inFlight.Count > Window)
                            await SettleOldestAsync().ConfigureAwait(false);
                        break;
                    case FuzzSend.Notification:
                        await client.SendRawAsync(message.Bytes).ConfigureAwait(false);
                        break;
                    case FuzzSend.Raw:
                        await client.SendBytesAsync(message.Bytes).ConfigureAwait(false);
                        break;
                    case FuzzSend.Exit:
                    case FuzzSend.CloseInput:
                        while (_inFlight.Count > 0)
                            await SettleOldestAsync().ConfigureAwait(false);
                        report.PeakRssBytes = Math.Max(report.PeakRssBytes, client.PeakMemoryBytes());
                        await EndAsync(client, message, sessionIndex).ConfigureAwait(false);
                        break;
                }
                sent++;
                report.MessagesSent++;
                if (sent % 1000 == 0)
                    client.ClearMessages();
            }
        }
        catch (IOException e)
        {
            Crash(client, sessionIndex, $"writing to the server failed: {e.Message}");
        }
        finally
        {
            while (_inFlight.Count > 0)
                await SettleOldestAsync().ConfigureAwait(false);
            if (_unanswered > 0)
                report.Incidents.Add($"session {sessionIndex}: {_unanswered} request(s) unanswered; server log: {WriteLog(client, sessionIndex)}");
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
        }
        log.WriteLine($"  session {sessionIndex}: {sent} messages, peak RSS {report.PeakRssBytes / (1024 * 1024)} MB, {errorLogs} error logs");
    }

    private async Task EndAsync(LspClient client, FuzzMessage message, int sessionIndex)
    {
        var stopwatch = Stopwatch.StartNew();
        if (message.Send == FuzzSend.Exit)
            await client.SendRawAsync(message.Bytes).ConfigureAwait(false);
        else
            client.CloseInput();
        while (!client.HasExited && stopwatch.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(20).ConfigureAwait(false);
        if (!client.HasExited)
            Crash(client, sessionIndex, $"the server did not exit within 20 s of {message.Label}");
        else if (message.Send == FuzzSend.Exit && client.ExitCode != message.Id)
            Crash(client, sessionIndex, $"{message.Label}: exit code {client.ExitCode}, expected {message.Id}");
        else if (client.Stderr.Contains("Unhandled exception", StringComparison.Ordinal))
            Crash(client, sessionIndex, "an unhandled exception on stderr");
    }

    private async Task SettleOldestAsync()
    {
        var (message, answer, sentAt) = _inFlight.Dequeue();
        try
        {
            try
            {
                await answer.WaitAsync(AnswerTimeout).ConfigureAwait(false);
            }
            finally
            {
                var (count, seconds) = report.AnswerTime.GetValueOrDefault(message.Label);
                report.AnswerTime[message.Label] = (count + 1, seconds + Stopwatch.GetElapsedTime(sentAt).TotalSeconds);
            }
            report.Results++;
        }
        catch (LspResponseException e)
        {
            report.Errors++;
            // -32803 RequestFailed and -32603 InternalError: a handler threw what it should have answered.
            if (e.Code is -32803 or -32603)
                FuzzReport.Count(report.InternalFailures, $"{message.Label}: {FirstLine(e.ServerMessage)}");
        }
        catch (TimeoutException)
        {
            report.Unanswered++;
            _unanswered++;
            report.Incidents.Add($"no answer to {message.Label} (id {message.Id}) within {AnswerTimeout.TotalSeconds} s");
        }
        catch (IOException)
        {
            report.Unanswered++;
        }
    }

    private void Crash(LspClient client, int sessionIndex, string why)
    {
        report.Crashes++;
        report.Incidents.Add($"session {sessionIndex}: {why}; last messages: {string.Join(" | ", _lastSent)}; server log: {WriteLog(client, sessionIndex)}");
    }

    /// <summary>The server's whole log, to a file the report names.</summary>
    private static string WriteLog(LspClient client, int sessionIndex)
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"nanolsp-fuzz-{Environment.ProcessId}-session{sessionIndex}.log");
        File.WriteAllText(logFile, client.Stderr);
        return logFile;
    }

    private void Remember(FuzzMessage message)
    {
        _lastSent.Enqueue(message.Label);
        if (_lastSent.Count > 10)
            _lastSent.Dequeue();
    }

    private async Task SampleMemoryAsync(LspClient client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var rss = client.ResidentMemoryBytes();
            lock (report)
                report.PeakRssBytes = Math.Max(report.PeakRssBytes, rss);
            try
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length <= 160 ? line : line[..160];
    }
}
