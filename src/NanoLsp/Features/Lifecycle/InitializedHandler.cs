using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// Sends the dynamic registrations and starts the workspace load (<see cref="WorkspaceLoadRun.StartAsync"/>:
/// a provisional solution at once, MSBuild's after it, off the queue). Background work that waits for the
/// client (the model load, MEF composition) is started here, off the queue too.
/// </summary>
public sealed class InitializedHandler(
    ServerState state, ServerCapabilitiesBuilder capabilities, WorkspaceLoadRun load, ILanguageClient languageClient, ILog logger,
    IReadOnlyList<IStartsAfterInitialized> backgroundWork, FirstAnswerGate firstAnswer) : INotificationHandler<object?>
{
    public string Method => LspMethods.Initialized;
    public bool MutatesState => true;

    public async Task HandleAsync(object? notification, RequestContext context, CancellationToken cancellationToken)
    {
        var registrations = capabilities.BuildRegistrations(state.ClientCapabilities);
        if (registrations.Count > 0)
            _ = RegisterAsync(registrations);
        // The model loads on the thread pool once the first diagnostics are in (FirstAnswerGate); nothing waits for it.
        _ = StartBackgroundWorkAsync();
        await load.StartAsync(WorkspaceRoots(state.InitializeParams), cancellationToken).ConfigureAwait(false);
    }
    private async Task StartBackgroundWorkAsync()
    {
        await firstAnswer.WaitAsync().ConfigureAwait(false);
        foreach (var work in backgroundWork)
        {
            try
            {
                work.Start(state.Settings);
            }
            catch (Exception e)
            {
                logger.Error($"{work.GetType().Name} did not start: {e.Message}");
            }
        }
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
            // Without them: files changed on disk go unnoticed; a client that registers pull diagnostics pulls none.
            logger.Warning($"client/registerCapability failed ({e.Message}): {string.Join(", ", registrations.Select(r => r.Method).Distinct())} not registered.");
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
