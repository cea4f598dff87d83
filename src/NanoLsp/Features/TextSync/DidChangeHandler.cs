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
        services.Diagnostics.Schedule(notification.TextDocument.Uri, TimeSpan.FromMilliseconds(context.Settings.DiagnosticsDebounceMs));
        return Task.CompletedTask;
    }
}
