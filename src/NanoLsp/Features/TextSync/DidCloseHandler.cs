using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.TextSync;

public sealed class DidCloseHandler(ServerServices services) : INotificationHandler<DidCloseTextDocumentParams>
{
    public string Method => LspMethods.TextDocumentDidClose;
    public bool MutatesState => true;

    public Task HandleAsync(DidCloseTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        services.Workspace.Close(notification.TextDocument.Uri);
        services.Diagnostics.Clear(notification.TextDocument.Uri);
        return Task.CompletedTask;
    }
}
