using Microsoft.CodeAnalysis;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Model;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// One load of the workspace folders as the user sees it: progress with project counts, the outcome told
/// once (window/showMessage) and to the editor's status (nanolsp/workspaceStatus), diagnostics refreshed,
/// then what follows a load (the repository memory indexes the folders). Run by the initialized handler
/// for initialize's folders and by workspace/didChangeWorkspaceFolders for the folders after a change.
/// </summary>
public sealed class WorkspaceLoadRun(
    ServerState state, WorkspaceManager workspace, DiagnosticsPublisher diagnostics, ILanguageClient languageClient, ILog logger,
    IReadOnlyList<IFollowsWorkspaceLoad> afterLoad)
{
    private Task _initialLoad = Task.CompletedTask;

    /// <summary>NANOLSP_TEST_LOAD_DELAY_MS holds the real load back (tests of the provisional solution only: a small
    /// project loads too fast to see it otherwise).</summary>
    private static readonly TimeSpan? TestLoadDelay =
        int.TryParse(Environment.GetEnvironmentVariable("NANOLSP_TEST_LOAD_DELAY_MS"), out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>The real load started by <see cref="StartAsync"/>, for tests and shutdown (completed when none runs).</summary>
    public Task InitialLoad => _initialLoad;

    /// <summary>
    /// initialize's folders. The provisional solution is published now (in the request queue: milliseconds),
    /// so that the first diagnostics, hovers and completions do not wait for MSBuild; the real load then runs
    /// off the queue and replaces it (edits made meanwhile carry over: the open documents' text wins). A
    /// repository too big for the quick pass is loaded in the queue, as before, and requests wait for it.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var quick = workspace.LoadProvisional(roots);
        if (quick.Skipped is not null)
        {
            if (roots.Count > 0)
                logger.Info($"No provisional solution ({quick.Skipped}): requests wait for the load.");
            await RunAsync(roots, cancellationToken).ConfigureAwait(false);
            return;
        }
        logger.Info($"Provisional solution: {quick.Files} .cs file(s), {quick.Projects} project(s), from {quick.From}, in {watch.ElapsedMilliseconds} ms; served until MSBuild's load ends.");
        diagnostics.RefreshAll();
        _initialLoad = Task.Run(async () =>
        {
            try
            {
                if (TestLoadDelay is { } delay)
                    await Task.Delay(delay).ConfigureAwait(false);
                await RunAsync(roots, CancellationToken.None).ConfigureAwait(false);
                var collected = System.Diagnostics.Stopwatch.StartNew();
                ReleaseProvisionalMemory();
                logger.Debug($"The provisional solution's memory was given back in {collected.ElapsedMilliseconds} ms (a blocking collection).");
                // A pulling client asked while the quick solution was served: it pulls again now.
                if (state.ClientCapabilities.Supports("workspace", "diagnostics", "refreshSupport"))
                    await languageClient.RequestAsync<object>(LspMethods.WorkspaceDiagnosticRefresh, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.Error($"The workspace load failed: {e.Message}. The provisional solution keeps serving.");
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// The provisional solution's compilation (its own copy of the framework's metadata) is garbage once the real
    /// one is served, but the collector would keep the heap it grew to for the life of the process: one compacting
    /// collection returns it (samples/Inventory, RSS after the load: 328 MB without, 295 MB with; 238 MB before the
    /// provisional solution existed).
    /// </summary>
    private static void ReleaseProvisionalMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    public async Task RunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        LoadOutcome outcome;
        await using (var progress = await WorkDoneProgress.BeginAsync(languageClient, state.ClientCapabilities, logger, "NanoLsp: loading workspace", cancellationToken).ConfigureAwait(false))
            outcome = await workspace.LoadAsync(roots, p => progress.Report(p.ToString(), p.Percentage), cancellationToken, WarmUpAsync).ConfigureAwait(false);
        // After the progress ends: the status tells the editor the load is over, progress and all.
        await NotifyLoadedAsync(languageClient, outcome).ConfigureAwait(false);
        diagnostics.RefreshAll();
        foreach (var follower in afterLoad)
            follower.WorkspaceLoaded(roots);
    }

    /// <summary>How many open documents the warm-up computes diagnostics for: the last in the open set (usually the
    /// last opened, the one the user most likely looks at). Each warmed document's project is compiled while the
    /// provisional solution is still alive: with four files of four projects of dotnet/docfx open, warming all four
    /// raised the load's peak 420 -> 481 MiB, one 422 -> 441-453 MiB. The others are compiled when first asked for.</summary>
    private const int WarmedDocuments = 1;

    /// <summary>
    /// Before the loaded solution is served: the open documents' diagnostics, as their first pull will ask for them (the
    /// compilation with the project's source generators, which the provisional solution has not, and the analyzers,
    /// loaded and run). Served cold, the first pull after the load on samples/Inventory waited 590-850 ms for exactly
    /// this, while the solution before answered in 10-60 ms (timed apart: the compilation with its 8 generators 580-970 ms,
    /// the analyzers 290-580 ms, sharing the two cores with the model's load); on dotnet/docfx the first pull after the
    /// load took 1.2 s and the first hover 0.55 s, warmed 0.08-0.4 s both.
    /// </summary>
    private Task WarmUpAsync(Solution solution, IReadOnlyList<DocumentId> open, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            foreach (var id in open.TakeLast(WarmedDocuments))
                if (solution.GetDocument(id) is { } document)
                    await DocumentDiagnostics.GetAsync(document, state.Settings.AnalyzersEnabled, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Tells the user what did not load (once per load) and the editor the load's state (nanolsp/workspaceStatus).</summary>
    public static async Task NotifyLoadedAsync(ILanguageClient languageClient, LoadOutcome outcome)
    {
        var report = outcome.Report;
        if (outcome.UserMessage is { } message)
            await languageClient.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(outcome.IsFallback || report.IsPartial ? MessageType.Warning : MessageType.Info, message)).ConfigureAwait(false);
        await languageClient.NotifyAsync(LspMethods.NanoWorkspaceStatus, new WorkspaceStatusParams(
            report.State, outcome.UserMessage ?? outcome.Description, report.ProjectsFound, report.ProjectsLoaded, report.Failed.Count,
            [.. report.Failed.Select(f => new WorkspaceProjectProblem(f.Project, f.Reason, false)), .. report.Incomplete.Select(f => new WorkspaceProjectProblem(f.Project, f.Reason, true))],
            report.LooseFiles)).ConfigureAwait(false);
    }
}
