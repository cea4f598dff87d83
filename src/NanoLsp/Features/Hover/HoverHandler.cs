using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using LspHover = NanoLsp.Protocol.Hover;

namespace NanoLsp.Features.Hover;

/// <summary>textDocument/hover: diagnostic explanations and quick info as markdown.</summary>
public sealed class HoverHandler(ServerServices services) : IRequestHandler<HoverParams, LspHover?>, ICapabilityProvider
{
    private readonly FeatureServices _features = FeatureServices.For(services);

    public string Method => LspMethods.TextDocumentHover;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) => capabilities.HoverProvider = true;

    public async Task<LspHover?> HandleAsync(HoverParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var offset = PositionMapper.ToOffset(text, request.Position);
        var hover = await _features.Hover.GetHoverAsync(document, offset, cancellationToken).ConfigureAwait(false);
        return hover is null ? null : new LspHover(MarkupContent.Markdown(hover.Markdown), PositionMapper.ToRange(text, hover.Span));
    }
}
