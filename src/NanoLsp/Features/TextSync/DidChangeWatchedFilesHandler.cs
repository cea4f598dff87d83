using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.TextSync;

/// <summary>
/// Files created, changed or deleted on disk (by git, a generator, another editor). A changed project
/// or solution file reloads the workspace; .cs files are added, reloaded or removed one by one.
/// </summary>
public sealed class DidChangeWatchedFilesHandler(ServerServices services) : INotificationHandler<DidChangeWatchedFilesParams>, ICapabilityProvider
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
            services.Logger.Info("A project or solution file changed on disk: reloading the workspace.");
            var outcome = await services.Workspace.ReloadAsync(p => services.Logger.Debug(p.ToString()), cancellationToken).ConfigureAwait(false);
            await Server.Lifecycle.InitializedHandler.NotifyLoadedAsync(services, outcome).ConfigureAwait(false);
        }
        else
        {
            foreach (var change in notification.Changes)
                services.Workspace.FileChanged(change.Uri, change.Type);
        }
        services.Diagnostics.RefreshAll();
    }
}
