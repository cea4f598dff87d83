using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.TextSync;

public sealed class DidChangeHandler(ServerServices services) : INotificationHandler<DidChangeTextDocumentParams>
{
    public string Method => LspMethods.TextDocumentDidChange;
    public bool MutatesState => true;

    public Task HandleAsync(DidChangeTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        services.Workspace.Change(notification.TextDocument.Uri, notification.TextDocument.Version, notification.ContentChanges);
        var debounce = TimeSpan.FromMilliseconds(context.Settings.DiagnosticsDebounceMs);
        services.Diagnostics.Schedule(notification.TextDocument.Uri, debounce);
        // The other open files after a longer pause: the edited one is what the user looks at.
        services.Diagnostics.RefreshOthers(notification.TextDocument.Uri, debounce * 4);
        return Task.CompletedTask;
    }
}
