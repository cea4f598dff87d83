using NanoLsp.Logging;
using System.Collections.Concurrent;
using System.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Diagnostics;

/// <summary>
/// Push diagnostics (textDocument/publishDiagnostics) for open documents: one run per document at a
/// time, a newer schedule cancels the older run, edits are debounced. Clients that pull
/// (textDocument/diagnostic) get no pushes.
/// </summary>
public sealed class DiagnosticsPublisher(WorkspaceManager workspace, ILanguageClient client, ILog logger, ServerState state, FirstAnswerGate firstAnswer) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopped = new();

    /// <summary>Raised after each publish, with the URI (tests and the bench wait on it).</summary>
    public event Action<string>? Published;

    private bool Pushing => !state.ClientCapabilities.SupportsPullDiagnostics && !_stopped.IsCancellationRequested;

    public void Schedule(string uri, TimeSpan delay)
    {
        if (!Pushing)
            return;
        var run = CancellationTokenSource.CreateLinkedTokenSource(_stopped.Token);
        if (_runs.TryGetValue(uri, out var previous))
            CancelQuietly(previous);
        _runs[uri] = run;
        _ = Task.Run(() => RunAsync(uri, delay, run));
    }

    public void RefreshAll() => RefreshOthers(null, TimeSpan.Zero);

    /// <summary>An edit can change other files' diagnostics (a renamed member, a fixed type): those open are refreshed too.</summary>
    public void RefreshOthers(string? changedUri, TimeSpan delay)
    {
        foreach (var uri in workspace.Snapshot.OpenClientNames)
        {
            if (uri != changedUri)
                Schedule(uri, delay);
        }
    }

    /// <summary>A closed document's diagnostics disappear from the editor.</summary>
    public void Clear(string uri)
    {
        if (_runs.TryRemove(uri, out var run))
            CancelQuietly(run);
        if (Pushing)
            _ = client.NotifyAsync(LspMethods.TextDocumentPublishDiagnostics, new PublishDiagnosticsParams(uri, null, []));
    }

    public void Stop() => _stopped.Cancel();

    private static void CancelQuietly(CancellationTokenSource run)
    {
        try
        {
            run.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That run has already finished.
        }
    }

    private async Task RunAsync(string uri, TimeSpan delay, CancellationTokenSource run)
    {
        var token = run.Token;
        try
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, token).ConfigureAwait(false);
            // One snapshot: the version published is the one of the text the diagnostics were computed on.
            var snapshot = workspace.Snapshot;
            if (!ProtocolConversions.TryToPath(uri, out var path) || snapshot.FindDocument(path) is not { } document)
                return;
            var version = snapshot.VersionOf(path);
            var text = await document.GetTextAsync(token).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            // Two rounds: the compiler's diagnostics as soon as they are known, then with the
            // analyzers' (seconds on a cold server, when the SDK's analyzers first run).
            var compiler = await DocumentDiagnostics.GetCompilerAsync(document, token).ConfigureAwait(false);
            if (ProvisionalDiagnostics.Apply(snapshot.Provisional, document))
                compiler = await ProvisionalDiagnostics.FilterAsync(document, compiler, token).ConfigureAwait(false);
            await PublishAsync(uri, version, compiler, text, token).ConfigureAwait(false);
            firstAnswer.FirstDiagnosticsComputed();
            logger.Debug($"Diagnostics {document.Name}: {compiler.Count} from the compiler in {watch.ElapsedMilliseconds} ms{(snapshot.Provisional ? " (provisional: the workspace is loading)" : "")}");
            // The analyzers come with the real load (the provisional projects have none).
            if (!snapshot.Provisional && state.Settings.AnalyzersEnabled && document.Project.AnalyzerReferences.Count > 0)
            {
                var all = await DocumentDiagnostics.GetAsync(document, includeAnalyzers: true, token).ConfigureAwait(false);
                if (all.Count != compiler.Count)
                    await PublishAsync(uri, version, all, text, token).ConfigureAwait(false);
                logger.Debug($"Diagnostics {document.Name}: {all.Count} with analyzers after {watch.ElapsedMilliseconds} ms");
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer edit or a close superseded this run.
        }
        catch (Exception e)
        {
            logger.Error($"Diagnostics for {uri} failed: {e}");
        }
        finally
        {
            _runs.TryRemove(new KeyValuePair<string, CancellationTokenSource>(uri, run));
            run.Dispose();
        }
    }

    private async Task PublishAsync(string uri, int? version, IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> diagnostics, Microsoft.CodeAnalysis.Text.SourceText text, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        await client.NotifyAsync(LspMethods.TextDocumentPublishDiagnostics,
            new PublishDiagnosticsParams(uri, version, diagnostics.Select(d => DiagnosticConverter.ToLsp(d, text)).ToList())).ConfigureAwait(false);
        Published?.Invoke(uri);
    }

    public ValueTask DisposeAsync()
    {
        _stopped.Cancel();
        return ValueTask.CompletedTask;
    }
}
