using NanoLsp.Logging;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// Sends the dynamic registrations and loads the workspace. It mutates state, so every request that
/// arrives during the load waits in the queue and then sees the loaded Solution. Background work that
/// waits for the client (the model load, MEF composition) is started here, off the queue.
/// </summary>
public sealed class InitializedHandler(
    ServerState state, ServerCapabilitiesBuilder capabilities, WorkspaceManager workspace, DiagnosticsPublisher diagnostics,
    ILanguageClient languageClient, ILog logger, IReadOnlyList<IStartsAfterInitialized> backgroundWork,
    IReadOnlyList<IFollowsWorkspaceLoad> afterLoad) : INotificationHandler<object?>
{
    public string Method => LspMethods.Initialized;
    public bool MutatesState => true;

    public async Task HandleAsync(object? notification, RequestContext context, CancellationToken cancellationToken)
    {
        var client = state.ClientCapabilities;
        var registrations = capabilities.BuildRegistrations(client);
        if (registrations.Count > 0)
            _ = RegisterAsync(registrations);
        // The model loads on the thread pool while the workspace loads here; nothing waits for it.
        foreach (var work in backgroundWork)
            work.Start(state.Settings);

        var roots = WorkspaceRoots(state.InitializeParams);
        await using (var progress = await WorkDoneProgress.BeginAsync(languageClient, client, logger, "NanoLsp: loading workspace", cancellationToken).ConfigureAwait(false))
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

    private async Task RegisterAsync(IReadOnlyList<Registration> registrations)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await languageClient.RequestAsync<object>(LspMethods.ClientRegisterCapability, new RegistrationParams(registrations), timeout.Token).ConfigureAwait(false);
            logger.Debug($"Registered {string.Join(", ", registrations.Select(r => r.Method))}.");
        }
        catch (Exception e)
        {
            logger.Warning($"client/registerCapability failed ({e.Message}): files changed on disk may go unnoticed.");
        }
    }

    /// <summary>The folders to open: workspaceFolders, else rootUri, else rootPath (deprecated but still sent).</summary>
    public static IReadOnlyList<string> WorkspaceRoots(InitializeParams? request)
    {
        if (request is null)
            return [];
        if (request.WorkspaceFolders is { Count: > 0 } folders)
            return folders.Select(f => ProtocolConversions.ToPath(f.Uri)).ToList();
        if (request.RootUri is { } rootUri)
            return [ProtocolConversions.ToPath(rootUri)];
        return request.RootPath is { } rootPath ? [rootPath] : [];
    }
}
