using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using LspCodeAction = NanoLsp.Protocol.CodeAction;

namespace NanoLsp.Features.CodeActions;

/// <summary>codeAction/resolve: recomputes the chosen action on the current snapshot and attaches its WorkspaceEdit.</summary>
public sealed class CodeActionResolveHandler(CodeActionService codeActions) : IRequestHandler<LspCodeAction, LspCodeAction>
{
    public string Method => LspMethods.CodeActionResolve;
    public bool MutatesState => false;

    public async Task<LspCodeAction> HandleAsync(LspCodeAction request, RequestContext context, CancellationToken cancellationToken)
    {
        var data = request.Data ?? throw LspException.InvalidParams("This code action carries no data: it was not listed by NanoLsp.");
        var found = ProtocolConversions.FindDocument(context.Solution, data.Uri)
            ?? throw LspException.InvalidParams($"Unknown document: {data.Uri}.");
        var document = PreferredDocument.Alone(found); // as the list was computed (CodeActionHandler)
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var span = ProtocolConversions.ToSpan(text, data.Range);
        var candidate = await codeActions.FindAsync(document, span, data, cancellationToken, ModelFixOptions.From(context.Settings)).ConfigureAwait(false);

        var edit = await CodeActionEditBuilder.BuildAsync(
            candidate.Action, document.Project.Solution, EditOptions.For(context.ClientCapabilities, context.Snapshot), cancellationToken).ConfigureAwait(false);
        return request with { Edit = edit };
    }
}
