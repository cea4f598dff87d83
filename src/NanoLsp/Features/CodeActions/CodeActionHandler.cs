using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using LspCodeAction = NanoLsp.Protocol.CodeAction;

namespace NanoLsp.Features.CodeActions;

/// <summary>textDocument/codeAction: Roslyn's fixes and refactorings for a range, without edits (resolve computes them).</summary>
public sealed class CodeActionHandler(ServerServices services) : IRequestHandler<CodeActionParams, IReadOnlyList<LspCodeAction>>, ICapabilityProvider
{
    private readonly FeatureServices _features = FeatureServices.For(services);

    public string Method => LspMethods.TextDocumentCodeAction;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.CodeActionProvider = new CodeActionOptions(
            [CodeActionKinds.QuickFix, CodeActionKinds.RefactorExtract, CodeActionKinds.RefactorInline, CodeActionKinds.RefactorRewrite, CodeActionKinds.Source, CodeActionKinds.SourceOrganizeImports],
            ResolveProvider: true);

    public async Task<IReadOnlyList<LspCodeAction>> HandleAsync(CodeActionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var span = PositionMapper.ToSpan(text, request.Range);
        var only = request.Context?.Only;
        var wantsRefactorings = only is null || only.Any(k => k.StartsWith(CodeActionKinds.Refactor, StringComparison.Ordinal) || k.StartsWith(CodeActionKinds.Source, StringComparison.Ordinal));
        var actions = await _features.CodeActions.GetActionsAsync(document, span, wantsRefactorings, cancellationToken).ConfigureAwait(false);
        var uri = context.DocumentUri ?? request.TextDocument.Uri;
        return actions
            .Where(a => only is null || only.Any(k => a.Kind == k || a.Kind.StartsWith(k + ".", StringComparison.Ordinal)))
            .Select(a => new LspCodeAction(a.Title, a.Kind, new CodeActionData(uri, request.Range, a.Provider, a.Index, a.Title)))
            .ToList();
    }
}

public sealed record CodeActionOptions(
    [property: System.Text.Json.Serialization.JsonPropertyName("codeActionKinds")] IReadOnlyList<string> CodeActionKinds,
    [property: System.Text.Json.Serialization.JsonPropertyName("resolveProvider")] bool ResolveProvider);
