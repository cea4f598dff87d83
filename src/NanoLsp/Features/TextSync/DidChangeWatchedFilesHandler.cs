using NanoLsp.Features.Diagnostics;
using NanoLsp.Features.Lifecycle;
using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.TextSync;

/// <summary>
/// Files created, changed or deleted on disk (by git, a generator, another editor). A changed project
/// or solution file reloads the workspace off the request queue (<see cref="WorkspaceLoadRun.Request"/>: the solution
/// before serves until the new one is ready); .cs files are added, reloaded or removed one by one.
/// </summary>
public sealed class DidChangeWatchedFilesHandler(WorkspaceManager workspace, WorkspaceLoadRun load, DiagnosticsPublisher diagnostics, ILog logger) : INotificationHandler<DidChangeWatchedFilesParams>, ICapabilityProvider
{
    // nuget.config and the Directory.*.props decide package sources and versions: a change retries a failed restore.
    // Directory.Build.targets and global.json (the SDK) shape every project below them as much as a project file does.
    public static readonly string[] Globs = ["**/*.cs", "**/*.csproj", "**/*.sln*", "**/nuget.config", "**/NuGet.Config", "**/Directory.Packages.props",
        "**/Directory.Build.props", "**/Directory.Build.targets", "**/global.json"];

    private static readonly string[] BuildInputs = ["nuget.config", "Directory.Packages.props", "Directory.Build.props", "Directory.Build.targets", "global.json"];

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

    public Task HandleAsync(DidChangeWatchedFilesParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var projectChanged = notification.Changes.Any(c => c.Uri.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || c.Uri.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || c.Uri.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            || BuildInputs.Any(name => c.Uri.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)));
        // The .cs files first, in the solution served until the reload ends (a branch switched by git changes both).
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
        if (projectChanged)
        {
            logger.Info("A project, solution or package-source file changed on disk: reloading the workspace.");
            load.Request();
        }
        diagnostics.RefreshAll();
        return Task.CompletedTask;
    }
}
