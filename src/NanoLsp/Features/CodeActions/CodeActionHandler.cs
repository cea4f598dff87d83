using NanoLsp.Logging;
using System.Text.Json;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using NanoLsp.Features.Completion;
using LspCodeAction = NanoLsp.Protocol.CodeAction;

namespace NanoLsp.Features.CodeActions;

/// <summary>
/// textDocument/codeAction: Roslyn's fixes and refactorings for a range. A client that resolves edits
/// (VS Code, Neovim) gets the list without them and asks codeAction/resolve for the one picked; one that
/// does not (Eglot 1.9) gets every edit in the list, since LSP lets a server defer only what the client resolves.
/// </summary>
/// <param name="readAhead">Told where the caret landed (the lightbulb's automatic request at an empty range), so that the
/// model reads the place before anything is typed there (<see cref="CaretReadAhead"/>).</param>
public sealed class CodeActionHandler(CodeActionService codeActions, ILog logger, CaretReadAhead? readAhead = null)
    : IRequestHandler<CodeActionParams, IReadOnlyList<LspCodeAction>>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentCodeAction;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.CodeActionProvider = new CodeActionOptions(
            [CodeActionKinds.QuickFix, CodeActionKinds.RefactorExtract, CodeActionKinds.RefactorInline, CodeActionKinds.RefactorRewrite, CodeActionKinds.Source, CodeActionKinds.SourceOrganizeImports],
            ResolveProvider: true);

    public async Task<IReadOnlyList<LspCodeAction>> HandleAsync(CodeActionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        // The document's own framework (PreferredDocument.Alone): Roslyn's providers would otherwise search and change
        // every framework's copy of a multi-targeting project's file; the edit is described against the same view.
        var document = PreferredDocument.Alone(context.RequireDocument());
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var span = ProtocolConversions.ToSpan(text, request.Range);
        if (readAhead is not null && span.IsEmpty && request.Context?.TriggerKind == CodeActionTriggerKinds.Automatic)
            _ = readAhead.Landed(context.RequireDocument(), span.Start, context.Settings);
        var only = request.Context?.Only;
        var wantsRefactorings = only is null || only.Any(k => k.StartsWith(CodeActionKinds.Refactor, StringComparison.Ordinal) || k.StartsWith(CodeActionKinds.Source, StringComparison.Ordinal));
        // The model's fixes cost a beam search and compile checks: only when the user asks (the quick-fix menu),
        // not for the lightbulb's automatic requests on every caret move.
        var modelFixes = request.Context?.TriggerKind == CodeActionTriggerKinds.Automatic ? null : ModelFixOptions.From(context.Settings);
        var actions = await codeActions.GetActionsAsync(document, span, wantsRefactorings, cancellationToken, modelFixOptions: modelFixes,
            provisional: Diagnostics.ProvisionalDiagnostics.Apply(context.Snapshot.Provisional, document)).ConfigureAwait(false);
        var uri = context.DocumentUri ?? request.TextDocument.Uri;
        var chosen = actions.Where(a => only is null || only.Any(k => a.Kind == k || a.Kind.StartsWith(k + ".", StringComparison.Ordinal))).ToList();
        var listed = chosen.Select(a => new LspCodeAction(a.Title, a.Kind, new CodeActionData(uri, request.Range, a.Provider, a.Index, a.Title))).ToList();
        if (ResolvesEdits(context.ClientCapabilities))
            return listed;

        var options = EditOptions.For(context.ClientCapabilities, context.Snapshot);
        var withEdits = new List<LspCodeAction>(listed.Count);
        for (var i = 0; i < listed.Count; i++)
        {
            try
            {
                var edit = await CodeActionEditBuilder.BuildAsync(chosen[i].Action, document.Project.Solution, options, cancellationToken).ConfigureAwait(false);
                withEdits.Add(listed[i] with { Edit = edit });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One action that cannot compute its edit must not cost the user the others.
                logger.Debug($"Code action \"{listed[i].Title}\" left out: {e.GetType().Name}: {e.Message}");
            }
        }
        return withEdits;
    }

    private static bool ResolvesEdits(ClientCapabilities client) =>
        client.Get("textDocument", "codeAction", "resolveSupport", "properties") is { ValueKind: JsonValueKind.Array } properties
        && properties.EnumerateArray().Any(p => p.GetString() == "edit");
}

public sealed record CodeActionOptions(
    [property: System.Text.Json.Serialization.JsonPropertyName("codeActionKinds")] IReadOnlyList<string> CodeActionKinds,
    [property: System.Text.Json.Serialization.JsonPropertyName("resolveProvider")] bool ResolveProvider);
