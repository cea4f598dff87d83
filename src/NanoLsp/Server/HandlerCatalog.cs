using NanoLsp.Features.CodeActions;
using NanoLsp.Features.Completion;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Features.Hover;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Features.TextSync;
using NanoLsp.Server.Lifecycle;

namespace NanoLsp.Server;

/// <summary>
/// Every handler the server has, one line each: the single list the host registers with JSON-RPC and
/// asks for capabilities (handlers that are <see cref="ICapabilityProvider"/>s). Adding a feature:
/// docs/adding-a-feature.md.
/// </summary>
public static class HandlerCatalog
{
    public static IReadOnlyList<ILspHandler> Create(ServerServices s) =>
    [
        // Lifecycle and server-wide
        new InitializeHandler(s),
        new InitializedHandler(s),
        new ShutdownHandler(s),
        new ExitHandler(s),
        new DidChangeConfigurationHandler(s),

        // Text synchronisation
        new DidOpenHandler(s),
        new DidChangeHandler(s),
        new DidCloseHandler(s),
        new DidSaveHandler(s),
        new DidChangeWatchedFilesHandler(s),

        // Diagnostics (push is driven by text sync; this is pull)
        new DocumentDiagnosticHandler(s),

        // Hover, code actions, completion (they share FeatureServices.For(s): one MEF composition, started here)
        new HoverHandler(s),
        new CodeActionHandler(s),
        new CodeActionResolveHandler(s),
        new CompletionHandler(s),
        new CompletionResolveHandler(s),

        // Inline completion from the nano model (ModelHost in ServerServices loads it after initialized)
        new InlineCompletionHandler(s),
        new NanoInlineCompletionHandler(s),
    ];
}
