using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.TextSync;

/// <summary>The text is already current (didChange); a save can change what other open files see, so they are refreshed.</summary>
public sealed class DidSaveHandler(DiagnosticsPublisher diagnostics) : INotificationHandler<DidSaveTextDocumentParams>
{
    public string Method => LspMethods.TextDocumentDidSave;
    public bool MutatesState => true;

    public Task HandleAsync(DidSaveTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        diagnostics.RefreshAll();
        return Task.CompletedTask;
    }
}
