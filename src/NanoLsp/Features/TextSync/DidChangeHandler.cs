using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.TextSync;

public sealed class DidChangeHandler(WorkspaceManager workspace, DiagnosticsPublisher diagnostics) : INotificationHandler<DidChangeTextDocumentParams>
{
    public string Method => LspMethods.TextDocumentDidChange;
    public bool MutatesState => true;

    public Task HandleAsync(DidChangeTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var changes = notification.ContentChanges;
        workspace.Change(ProtocolConversions.ToPath(notification.TextDocument.Uri), notification.TextDocument.Version,
            text => ProtocolConversions.Apply(text, changes), edits: changes.Count);
        var debounce = TimeSpan.FromMilliseconds(context.Settings.DiagnosticsDebounceMs);
        diagnostics.Schedule(notification.TextDocument.Uri, debounce);
        // The other open files after a longer pause: the edited one is what the user looks at.
        diagnostics.RefreshOthers(notification.TextDocument.Uri, debounce * 4);
        return Task.CompletedTask;
    }
}
