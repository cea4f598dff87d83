using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.TextSync;

public sealed class DidCloseHandler(WorkspaceManager workspace, DiagnosticsPublisher diagnostics) : INotificationHandler<DidCloseTextDocumentParams>
{
    public string Method => LspMethods.TextDocumentDidClose;
    public bool MutatesState => true;

    public Task HandleAsync(DidCloseTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        workspace.Close(ProtocolConversions.ToPath(notification.TextDocument.Uri));
        diagnostics.Clear(notification.TextDocument.Uri);
        return Task.CompletedTask;
    }
}
