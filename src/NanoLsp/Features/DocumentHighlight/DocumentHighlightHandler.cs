using NanoLsp.Features.Completion;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.DocumentHighlight;

/// <summary>
/// textDocument/documentHighlight: the symbol under the caret's places in the document. Editors ask it where the caret
/// settles (VS Code's occurrences, Emacs's lsp-mode and Eglot on idle, Neovim configurations on CursorHold), so it
/// also tells <see cref="CaretReadAhead"/> where the caret is: the model reads the place before anything is typed there.
/// </summary>
public sealed class DocumentHighlightHandler(CaretReadAhead? readAhead = null)
    : IRequestHandler<DocumentHighlightParams, IReadOnlyList<Protocol.DocumentHighlight>>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentDocumentHighlight;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) => capabilities.DocumentHighlightProvider = true;

    public async Task<IReadOnlyList<Protocol.DocumentHighlight>> HandleAsync(DocumentHighlightParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var offset = ProtocolConversions.ToOffset(text, request.Position);
        if (readAhead is not null)
            _ = readAhead.Landed(document, offset, context.Settings);
        var places = await DocumentHighlightService.GetAsync(document, offset, cancellationToken).ConfigureAwait(false);
        return [.. places.Select(p => new Protocol.DocumentHighlight(ProtocolConversions.ToRange(text, p.Span), p.Kind))];
    }
}
