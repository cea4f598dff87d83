using Microsoft.CodeAnalysis;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Model;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// The loads of the workspace folders as the user sees them: progress with project counts, the outcome told
/// once (window/showMessage) and to the editor's status (nanolsp/workspaceStatus), diagnostics refreshed,
/// then what follows a load (the repository memory indexes the folders). Loads run off the request queue: the
/// solution served before (the provisional one, or the last load's) answers, edits and all, until the new one is
/// loaded, warmed up and swapped in. Asked for by the initialized handler (initialize's folders), by
/// workspace/didChangeWorkspaceFolders and by a project, solution or package-source file changed on disk.
/// </summary>
public sealed class WorkspaceLoadRun(
    ServerState state, WorkspaceManager workspace, DiagnosticsPublisher diagnostics, ILanguageClient languageClient, ILog logger,
    IReadOnlyList<IFollowsWorkspaceLoad> afterLoad) : IFollowsSettings
{
    private readonly Lock _requests = new();
    private IReadOnlyList<string>? _wantedRoots;
    private bool _wanted;
    private bool _running;

    /// <summary>The folders the workspace has once the loads asked for have run: the last asked for (a folder change
    /// made while a load runs builds on them, not on the folders loaded before).</summary>
    public IReadOnlyList<string> WantedRoots
    {
        get
        {
            lock (_requests)
                return _wantedRoots ?? workspace.Roots;
        }
    }

    /// <summary>
    /// initialize's folders. The provisional solution is published now (in the request queue: milliseconds),
    /// so that the first diagnostics, hovers and completions do not wait for MSBuild; the real load then runs
    /// off the queue and replaces it (edits made meanwhile carry over: the open documents' text wins). A
    /// repository too big for the quick pass is served from the open files alone meanwhile
    /// (<see cref="ProvisionalProjects.AddOpenFilesProject"/>); only where no provisional solution could be made (the
    /// folders unreadable) is the load run in the queue, requests waiting for it.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        workspace.ChosenProjectFiles = state.Settings.Solutions;
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
        Request(roots);
    }

    /// <summary>
    /// Loads the folders (<paramref name="roots"/>, else those asked for last) off the request queue. Until 2026-12-06 a
    /// reload ran in the queue, and every request waited for MSBuild: a project file saved on ThreeMammals/Ocelot held
    /// the next hover 13.1 s. Loads asked for while one runs are one more load after it, of the folders asked for last.
    /// </summary>
    public void Request(IReadOnlyList<string>? roots = null)
    {
        lock (_requests)
        {
            if (roots is not null)
                _wantedRoots = roots;
            _wanted = true;
            if (_running)
                return;
            _running = true;
        }
        _ = Task.Run(LoadWhileWantedAsync);
    }

    /// <summary>Another choice of solutions (nanolsp.workspace.solutions) loads the folders again with it.</summary>
    public void SettingsChanged(ServerSettings settings)
    {
        if (settings.Solutions.SequenceEqual(workspace.ChosenProjectFiles, StringComparer.Ordinal))
            return;
        workspace.ChosenProjectFiles = settings.Solutions;
        logger.Info(settings.Solutions.Count > 0
            ? $"Solutions chosen: {string.Join(", ", settings.Solutions)}; loading the workspace again."
            : "No solution chosen any more: loading what each folder holds.");
        if (WantedRoots.Count > 0)
            Request();
    }

    private async Task LoadWhileWantedAsync()
    {
        while (true)
        {
            IReadOnlyList<string> roots;
            lock (_requests)
            {
                if (!_wanted)
                {
                    _running = false;
                    return;
                }
                _wanted = false;
                roots = _wantedRoots ?? workspace.Roots;
            }
            try
            {
                await RunAsync(roots, CancellationToken.None).ConfigureAwait(false);
                var collected = System.Diagnostics.Stopwatch.StartNew();
                ReleaseReplacedSolutionMemory();
                logger.Debug($"The memory of the solution served before the load was given back in {collected.ElapsedMilliseconds} ms (a blocking collection).");
            }
            catch (Exception e)
            {
                logger.Error($"The workspace load failed: {e.Message}. The solution served before keeps serving.");
            }
        }
    }

    /// <summary>
    /// The solution served before (the provisional one, with its own copy of the framework's metadata, or the last
    /// load's) is garbage once the new one is served, but the collector would keep the heap it grew to for the life of
    /// the process: one compacting collection returns it (samples/Inventory, RSS after the first load: 328 MB without,
    /// 295 MB with; 238 MB before the provisional solution existed).
    /// </summary>
    private static void ReleaseReplacedSolutionMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    private async Task RunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        LoadOutcome outcome;
        await using (var progress = await WorkDoneProgress.BeginAsync(languageClient, state.ClientCapabilities, logger, "NanoLsp: loading workspace", cancellationToken).ConfigureAwait(false))
            outcome = await workspace.LoadAsync(roots, p => progress.Report(p.ToString(), p.Percentage), cancellationToken, WarmUpAsync).ConfigureAwait(false);
        // After the progress ends: the status tells the editor the load is over, progress and all.
        await NotifyLoadedAsync(languageClient, outcome).ConfigureAwait(false);
        diagnostics.RefreshAll();
        // A pulling client asked while the solution before was served: it pulls again now (not awaited: in the queue, the
        // load of a repository too big for a provisional solution must not wait for the client's answer).
        if (state.ClientCapabilities.Supports("workspace", "diagnostics", "refreshSupport"))
            _ = RefreshPulledDiagnosticsAsync();
        foreach (var follower in afterLoad)
            follower.WorkspaceLoaded(roots);
    }

    private async Task RefreshPulledDiagnosticsAsync()
    {
        try
        {
            await languageClient.RequestAsync<object>(LspMethods.WorkspaceDiagnosticRefresh, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.Debug($"workspace/diagnostic/refresh failed: {e.Message}");
        }
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
