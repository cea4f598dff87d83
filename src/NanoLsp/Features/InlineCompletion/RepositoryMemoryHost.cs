using NanoLsp.Logging;
using NanoLsp.Memory;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Builds the server's repository memory in the background once the workspace has loaded and the model's
/// tokenizer is there (with $/progress), then keeps it current: when the Solution changed (an edit, a file
/// created, deleted or renamed on disk) and then stood still for a second, or at the latest five seconds after
/// it first changed, the documents Roslyn reports changed are indexed again. Not at every second of typing: the
/// document being typed in is read live by its own requests (RepositoryMemory.ViewAt), and indexing it again
/// each second took a core of a 2-core laptop from the keystrokes for tens of milliseconds in a big file.
/// New folders start over; a reload of the same folders (a project file changed) is followed like an edit, every
/// document's text compared with what was indexed (RepositoryMemory.SyncAsync), so that only files that changed are
/// indexed again. Inline completion uses whatever the memory holds meanwhile (nothing at first).
/// </summary>
public sealed class RepositoryMemoryHost(RepositoryMemory memory, WorkspaceManager workspace, ModelHost model,
    ILanguageClient client, ServerState state, ILog log) : IFollowsWorkspaceLoad, IDrainsBeforeExit, IDisposable
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);
    private const int MostTicksBehind = 5;
    private readonly object _gate = new();
    private CancellationTokenSource _run = new();
    private Task _work = Task.CompletedTask;
    private IReadOnlyList<string> _roots = [];

    public void WorkspaceLoaded(IReadOnlyList<string> roots)
    {
        if (roots.Count == 0) return; // loose files only: no repository to remember
        lock (_gate)
        {
            // Still following the same folders: the reloaded solution is synced within seconds, as an edit is.
            if (!_work.IsCompleted && _roots.SequenceEqual(roots, StringComparer.Ordinal))
                return;
            _roots = roots;
            _run.Cancel();
            _run = new CancellationTokenSource();
            var token = _run.Token;
            var previous = _work;
            _work = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await RunAsync(roots, token).ConfigureAwait(false);
            });
        }
    }

    private async Task RunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await model.GetModelAsync(cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                log.Info("No model: the repository memory is not built (inline completion is off without a model).");
                return;
            }
            await using (var progress = await WorkDoneProgress.BeginAsync(client, state.ClientCapabilities, log, "NanoLsp: indexing the repository", cancellationToken).ConfigureAwait(false))
            {
                var figures = await memory.BuildAsync(workspace.CurrentSolution, roots, loaded.Tokenizer,
                    (done, all) => progress.Report($"{done}/{all} files", all == 0 ? 100 : done * 100 / all), cancellationToken).ConfigureAwait(false);
                log.Info($"Repository memory: {figures.Documents} files, {figures.Tokens:N0} tokens, about {figures.ApproximateBytes / 1e6:0.0} MB, " +
                         $"built in {figures.BuildTime.TotalSeconds:0.00} s ({figures.Skipped} files skipped: too large or not UTF-8).");
            }
            using var timer = new PeriodicTimer(FollowInterval);
            var synced = workspace.CurrentSolution;
            var last = synced;
            int behind = 0; // ticks since the first change not synced
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var current = workspace.CurrentSolution;
                if (ReferenceEquals(current, synced)) continue;
                bool settled = ReferenceEquals(current, last);
                last = current;
                if (!settled && ++behind < MostTicksBehind) continue;
                behind = 0;
                synced = current;
                await memory.SyncAsync(current, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The memory is an aid: without it completion goes on from the model alone.
            log.Warning($"The repository memory stopped: {e.GetType().Name}: {e.Message}");
        }
    }

    public async Task DrainAsync()
    {
        Task work;
        lock (_gate)
        {
            _run.Cancel();
            work = _work;
        }
        await work.ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_gate) _run.Cancel();
    }
}
