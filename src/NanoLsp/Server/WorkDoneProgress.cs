using NanoLsp.Logging;
using NanoLsp.Protocol;

namespace NanoLsp.Server;

/// <summary>
/// Server-initiated work-done progress ($/progress begin/report/end). When the client does not
/// support it (or does not answer window/workDoneProgress/create in time) the steps are only logged.
/// </summary>
public sealed class WorkDoneProgress : IAsyncDisposable
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(5);
    private readonly ILanguageClient _client;
    private readonly ILog _logger;
    private readonly string? _token;

    private WorkDoneProgress(ILanguageClient client, ILog logger, string? token)
    {
        _client = client;
        _logger = logger;
        _token = token;
    }

    public static async Task<WorkDoneProgress> BeginAsync(
        ILanguageClient client, ClientCapabilities capabilities, ILog logger, string title, CancellationToken cancellationToken)
    {
        logger.Info(title);
        if (!capabilities.SupportsWorkDoneProgress)
            return new WorkDoneProgress(client, logger, null);
        var token = $"nanolsp/{Guid.NewGuid():N}";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CreateTimeout);
            await client.RequestAsync<object>(LspMethods.WindowWorkDoneProgressCreate, new WorkDoneProgressCreateParams(token), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.Warning($"The client did not create a progress token ({e.Message}); progress goes to the log only.");
            return new WorkDoneProgress(client, logger, null);
        }
        await client.NotifyAsync(LspMethods.Progress, new ProgressParams(token, new WorkDoneProgressValue("begin", Title: title))).ConfigureAwait(false);
        return new WorkDoneProgress(client, logger, token);
    }

    public void Report(string message) => Report(message, null);

    public void Report(string message, int? percentage)
    {
        _logger.Debug(message);
        if (_token is not null)
            _ = _client.NotifyAsync(LspMethods.Progress, new ProgressParams(_token, new WorkDoneProgressValue("report", Message: message, Percentage: percentage)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_token is not null)
            await _client.NotifyAsync(LspMethods.Progress, new ProgressParams(_token, new WorkDoneProgressValue("end"))).ConfigureAwait(false);
    }
}
