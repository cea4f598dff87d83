using NanoLsp.Protocol;
using NanoLsp.Server;
using LspHover = NanoLsp.Protocol.Hover;

namespace NanoLsp.Features.Hover;

/// <summary>textDocument/hover: diagnostic explanations and quick info as markdown.</summary>
public sealed class HoverHandler(HoverService hoverService) : IRequestHandler<HoverParams, LspHover?>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentHover;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) => capabilities.HoverProvider = true;

    public async Task<LspHover?> HandleAsync(HoverParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var offset = ProtocolConversions.ToOffset(text, request.Position);
        var hover = await hoverService.GetHoverAsync(document, offset, cancellationToken,
            Diagnostics.ProvisionalDiagnostics.Apply(context.Snapshot.Provisional, document)).ConfigureAwait(false);
        return hover is null ? null : new LspHover(MarkupContent.Markdown(hover.Markdown), ProtocolConversions.ToRange(text, hover.Span));
    }
}
