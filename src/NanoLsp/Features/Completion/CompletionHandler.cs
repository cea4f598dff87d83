using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Completion;

/// <summary>textDocument/completion: Roslyn's completion list at the caret, its likeliest items starred by the model.</summary>
public sealed class CompletionHandler(CompletionFeatureService completion, CompletionWarmUp? warmUp = null)
    : IRequestHandler<CompletionParams, CompletionList>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentCompletion;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.CompletionProvider = new CompletionOptions(CompletionFeatureService.TriggerCharacters, ResolveProvider: true);

    public Task<CompletionList> HandleAsync(CompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        warmUp?.Supersede(); // this list warms up what the warm-up would
        return completion.GetCompletionsAsync(context.RequireDocument(), request.Position, request.Context, cancellationToken,
            commitCharacters: context.ClientCapabilities.Supports("textDocument", "completion", "completionItem", "commitCharactersSupport"),
            rankingOptions: RankingOptions.From(context.Settings),
            itemDefaults: context.ClientCapabilities.CompletionItemDefaults);
    }
}

/// <summary>completionItem/resolve: documentation and full signature for one item.</summary>
public sealed class CompletionResolveHandler(CompletionFeatureService completion) : IRequestHandler<CompletionItem, CompletionItem>
{
    public string Method => LspMethods.CompletionItemResolve;
    public bool MutatesState => false;

    public Task<CompletionItem> HandleAsync(CompletionItem request, RequestContext context, CancellationToken cancellationToken)
    {
        var data = request.Data ?? throw LspException.InvalidParams("This completion item carries no data: it was not listed by NanoLsp.");
        var document = ProtocolConversions.FindDocument(context.Solution, data.Uri)
            ?? throw LspException.InvalidParams($"Unknown document: {data.Uri}.");
        return completion.ResolveAsync(document, request, cancellationToken);
    }
}

public sealed record CompletionOptions(
    [property: System.Text.Json.Serialization.JsonPropertyName("triggerCharacters")] IReadOnlyList<string> TriggerCharacters,
    [property: System.Text.Json.Serialization.JsonPropertyName("resolveProvider")] bool ResolveProvider);
