using NanoLsp.Features.Diagnostics;
using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.TextSync;

/// <summary>
/// Files created, changed or deleted on disk (by git, a generator, another editor). A changed project
/// or solution file reloads the workspace; .cs files are added, reloaded or removed one by one.
/// </summary>
public sealed class DidChangeWatchedFilesHandler(WorkspaceManager workspace, DiagnosticsPublisher diagnostics, ILanguageClient languageClient, ILog logger) : INotificationHandler<DidChangeWatchedFilesParams>, ICapabilityProvider
{
    // nuget.config and the Directory.*.props decide package sources and versions: a change retries a failed restore.
    public static readonly string[] Globs = ["**/*.cs", "**/*.csproj", "**/*.sln*", "**/nuget.config", "**/NuGet.Config", "**/Directory.Packages.props", "**/Directory.Build.props"];

    private static readonly string[] RestoreInputs = ["nuget.config", "Directory.Packages.props", "Directory.Build.props"];

    public string Method => LspMethods.WorkspaceDidChangeWatchedFiles;
    public bool MutatesState => true;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client)
    {
    }

    public IEnumerable<Registration> GetRegistrations(ClientCapabilities client)
    {
        if (!client.SupportsWatchedFilesRegistration)
            yield break;
        yield return new Registration("nanolsp/watchedFiles", LspMethods.WorkspaceDidChangeWatchedFiles,
            new DidChangeWatchedFilesRegistrationOptions(Globs.Select(g => new Protocol.FileSystemWatcher(g)).ToList()));
    }

    public async Task HandleAsync(DidChangeWatchedFilesParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var projectChanged = notification.Changes.Any(c => c.Uri.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || c.Uri.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || c.Uri.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            || RestoreInputs.Any(name => c.Uri.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)));
        if (projectChanged)
        {
            logger.Info("A project, solution or package-source file changed on disk: reloading the workspace.");
            var outcome = await workspace.ReloadAsync(p => logger.Debug(p.ToString()), cancellationToken).ConfigureAwait(false);
            await Lifecycle.WorkspaceLoadRun.NotifyLoadedAsync(languageClient, outcome).ConfigureAwait(false);
        }
        else
        {
            foreach (var change in notification.Changes)
            {
                if (ProtocolConversions.TryToPath(change.Uri, out var path))
                    workspace.FileChanged(path, change.Type switch
                    {
                        FileChangeType.Created => FileChange.Created,
                        FileChangeType.Deleted => FileChange.Deleted,
                        _ => FileChange.Changed,
                    });
            }
        }
        diagnostics.RefreshAll();
    }
}
