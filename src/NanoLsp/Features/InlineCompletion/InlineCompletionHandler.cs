using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>textDocument/inlineCompletion (LSP 3.18): ghost text from the nano model.</summary>
public sealed class InlineCompletionHandler(InlineCompletionFeature feature)
    : IRequestHandler<InlineCompletionParams, InlineCompletionList>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentInlineCompletion;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.InlineCompletionProvider = new InlineCompletionProviderOptions();

    public Task<InlineCompletionList> HandleAsync(InlineCompletionParams request, RequestContext context, CancellationToken cancellationToken) =>
        feature.HandleAsync(request, context, cancellationToken);
}

/// <summary>nanolsp/inlineCompletion: the same request and answer for clients without LSP 3.18 (docs/protocol.md).</summary>
public sealed class NanoInlineCompletionHandler(InlineCompletionFeature feature) : IRequestHandler<InlineCompletionParams, InlineCompletionList>
{
    public string Method => LspMethods.NanoInlineCompletion;
    public bool MutatesState => false;

    public Task<InlineCompletionList> HandleAsync(InlineCompletionParams request, RequestContext context, CancellationToken cancellationToken) =>
        feature.HandleAsync(request, context, cancellationToken);
}

/// <summary>What both handlers share: one pipeline (one newest-wins table, one typing-along cache) per
/// server, and the model host.</summary>
public sealed class InlineCompletionFeature(InlineCompletionPipeline pipeline, ModelHost modelHost, Routing.BackendRegistry backends)
{
    public async Task<InlineCompletionList> HandleAsync(InlineCompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        long arrived = context.ArrivedAt != 0 ? context.ArrivedAt : System.Diagnostics.Stopwatch.GetTimestamp();
        double queued = System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds;
        var document = context.RequireDocument();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        int position = ProtocolConversions.ToOffset(text, request.Position);
        if (!context.Settings.InlineCompletionEnabled)
            return InlineCompletionList.Empty;
        var model = await modelHost.GetModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
            return InlineCompletionList.Empty; // the user was told why when the load failed (showMessage + modelStatus)

        bool invoked = request.Context?.TriggerKind == InlineCompletionTriggerKinds.Invoked;
        var options = InlineCompletionOptions.From(context.Settings, invoked);
        // The local model alone, or the router over nanolsp.backends (remote backends fail over to the local model).
        var backend = backends.For(new LocalModelBackend(model, modelHost.ShowPolicy), context.Settings, invoked);
        var result = await pipeline.CompleteAsync(backend, document, position, options, cancellationToken, context.Sequence).ConfigureAwait(false);

        var cursor = new Protocol.Range(request.Position, request.Position);
        var items = result.Suggestions.Select(s => new InlineCompletionItem(s, cursor)).ToList();
        var generation = result.Generation;
        var report = new CompletionReport(
            request.TextDocument.Uri, ToCamel(result.Source.ToString()), items.Count,
            generation?.PromptTokens ?? 0, generation?.ReusedPromptTokens ?? 0, generation?.Tokens.Count ?? 0,
            result.StoppedAtDoubt ? "doubt" : generation is null ? null : ToCamel(generation.StopReason.ToString()),
            result.Verdict is { } v ? ToCamel(v.ToString()) : null,
            (result.MonitorStats?.MemberAccessSteps ?? 0) + (result.MonitorStats?.ObjectCreationSteps ?? 0) + (result.MonitorStats?.NameSteps ?? 0),
            result.MonitorStats?.ArgmaxChanges ?? 0,
            result.RawCompletion,
            new Dictionary<string, double>(result.Stages.Backend.Select(s => KeyValuePair.Create(s.Key, Math.Round(s.Value, 2))))
            {
                // Waiting in the queue (behind the edit before it) before this handler started.
                ["queue"] = Math.Round(queued, 2),
                ["context"] = Math.Round(result.Stages.Context, 2),
                ["model"] = Math.Round(result.Stages.Model, 2), ["filters"] = Math.Round(result.Stages.Filters, 2),
                // From arrival to this report: the stages and what lies around them (the text, the model host).
                ["server"] = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds, 2),
            })
        {
            Backend = result.Source == CompletionSource.Model ? result.Backend : null,
        };
        await modelHost.ReportCompletionAsync(result.Latency.TotalMilliseconds, report).ConfigureAwait(false);
        return new InlineCompletionList(items);
    }

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
