using NanoLsp.Features;
using NanoLsp.Features.CodeActions;
using NanoLsp.Features.Completion;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Features.DocumentHighlight;
using NanoLsp.Features.Hover;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Features.Lifecycle;
using NanoLsp.Features.TextSync;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp;

/// <summary>
/// The composition root: the one place that builds every per-server service and hands each handler
/// what it needs, by constructor. No static lookups, no events for wiring, nothing set after
/// construction. Handlers that offer features come first, so that the capabilities they declare are
/// known before the lifecycle handlers that answer with them are built. Adding a feature:
/// docs/adding-a-feature.md.
/// </summary>
public static class ServerComposition
{
    public static ComposedServer Compose(ServerCore core)
    {
        var (state, client, log) = core;
        var workspace = new WorkspaceManager(log);
        var firstAnswer = new FirstAnswerGate();
        var diagnostics = new DiagnosticsPublisher(workspace, client, log, state, firstAnswer);
        var providers = new LanguageFeatures(log);
        var model = new ModelHost(client, log);
        var codeActions = new CodeActionService(providers, message => log.Log(Logging.LogLevel.Debug, message), new ModelFixes(() => model.LoadedModel));
        var hover = new HoverService(codeActions);
        var memory = new Memory.RepositoryMemory();
        var memoryHost = new RepositoryMemoryHost(memory, workspace, model, client, state, log);
        var backends = new Features.InlineCompletion.Routing.BackendRegistry(client, log);
        var pipeline = new InlineCompletionPipeline(memory, serveStaleHeader: true);
        var inline = new InlineCompletionFeature(pipeline, model, backends);
        // The list's ranking builds its prompt from the inline pipeline's sources: at '.' the list's prompt is the ghost
        // text's, at a word's first letter the one the keystroke before prefilled.
        var ranking = new ModelRanking(() => model.LoadedModel, pipeline.PromptSources, log);
        var completion = new CompletionFeatureService(ranking);
        var completionWarmUp = new CompletionWarmUp(workspace, log, model.GetModelAsync, ranking);
        var readAhead = new CaretReadAhead(ranking, log);
        var load = new WorkspaceLoadRun(state, workspace, diagnostics, client, log, afterLoad: [memoryHost]);

        ILspHandler[] features =
        [
            // Text synchronisation (writes: serialised by the request queue)
            new DidOpenHandler(workspace, diagnostics, log),
            new DidChangeHandler(workspace, diagnostics),
            new DidCloseHandler(workspace, diagnostics),
            new DidSaveHandler(diagnostics),
            new DidChangeWatchedFilesHandler(workspace, load, diagnostics, log),
            new DidChangeWorkspaceFoldersHandler(load, log),

            // Diagnostics (push is driven by text sync; this is pull)
            new DocumentDiagnosticHandler(log, firstAnswer),

            // Hover, code actions, completion: one MEF composition of Roslyn's providers, shared
            new HoverHandler(hover),
            new DocumentHighlightHandler(readAhead),
            new CodeActionHandler(codeActions, log, readAhead),
            new CodeActionResolveHandler(codeActions),
            new CompletionHandler(completion, completionWarmUp),
            new CompletionResolveHandler(completion),

            // Inline completion from the nano model (the model loads after initialized)
            new InlineCompletionHandler(inline),
            new NanoInlineCompletionHandler(inline),
        ];
        var capabilities = new ServerCapabilitiesBuilder(features.OfType<ICapabilityProvider>());
        ILspHandler[] lifecycle =
        [
            new InitializeHandler(state, capabilities, log),
            new InitializedHandler(state, capabilities, load, client, log, backgroundWork: [model, providers, backends, completionWarmUp], firstAnswer),
            new ShutdownHandler(state, diagnostics, log),
            new ExitHandler(state),
            new DidChangeConfigurationHandler(state, client, log, followers: [model, backends, load]),
        ];
        return new ComposedServer([.. lifecycle, .. features], workspace, Owned: [diagnostics, workspace, memoryHost, model]);
    }
}
