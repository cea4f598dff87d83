using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Lifecycle;

/// <summary>
/// Folders added to or removed from a multi-root workspace: the folders after the change are loaded
/// again as one Solution, off the request queue (open documents keep their editor text; a removed folder's open
/// files become loose files). A full load rather than an incremental one: MSBuildWorkspace cannot unload a project,
/// and a folder change is rare next to the keystrokes this server lives on.
/// </summary>
public sealed class DidChangeWorkspaceFoldersHandler(WorkspaceLoadRun load, ILog logger)
    : INotificationHandler<DidChangeWorkspaceFoldersParams>, ICapabilityProvider
{
    public string Method => LspMethods.WorkspaceDidChangeWorkspaceFolders;
    public bool MutatesState => true;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true));

    public Task HandleAsync(DidChangeWorkspaceFoldersParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        // After the folders asked for last: a change made while the load of the one before runs builds on it.
        var roots = FoldersAfter(load.WantedRoots, notification.Event);
        logger.Info($"Workspace folders changed: {(roots.Count == 0 ? "none left" : string.Join(", ", roots))}.");
        load.Request(roots);
        return Task.CompletedTask;
    }

    /// <summary>The folders before, less the removed ones, then the added ones not already there.</summary>
    public static IReadOnlyList<string> FoldersAfter(IReadOnlyList<string> before, WorkspaceFoldersChangeEvent change)
    {
        var removed = change.Removed.Select(f => ProtocolConversions.ToPath(f.Uri)).ToHashSet(StringComparer.Ordinal);
        var roots = before.Where(r => !removed.Contains(r)).ToList();
        foreach (var added in change.Added.Select(f => ProtocolConversions.ToPath(f.Uri)))
        {
            if (!roots.Contains(added, StringComparer.Ordinal))
                roots.Add(added);
        }
        return roots;
    }
}
