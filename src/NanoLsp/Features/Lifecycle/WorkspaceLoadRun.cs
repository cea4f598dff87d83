using NanoLsp.Features.Diagnostics;
using NanoLsp.Logging;
using NanoLsp.Protocol;
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
    public async Task RunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        await using (var progress = await WorkDoneProgress.BeginAsync(languageClient, state.ClientCapabilities, logger, "NanoLsp: loading workspace", cancellationToken).ConfigureAwait(false))
        {
            var outcome = await workspace.LoadAsync(roots, p => progress.Report(p.ToString(), p.Percentage), cancellationToken).ConfigureAwait(false);
            await NotifyLoadedAsync(languageClient, outcome).ConfigureAwait(false);
        }
        diagnostics.RefreshAll();
        foreach (var follower in afterLoad)
            follower.WorkspaceLoaded(roots);
    }

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
