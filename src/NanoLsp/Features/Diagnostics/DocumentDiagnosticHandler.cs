using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Diagnostics;

/// <summary>
/// Pull diagnostics (textDocument/diagnostic): a full report, or "unchanged" when nothing it depends on changed. A client
/// that registers pull providers dynamically (VS Code) gets two, pulled side by side: the compiler's diagnostics, which
/// come at the compiler's speed, and the analyzers', which cost several times more (on a big project hundreds of
/// milliseconds after each edit); the errors no longer wait for the analyzers. Any other client gets one provider with
/// both (docs/protocol.md, "Diagnostics").
/// </summary>
public sealed class DocumentDiagnosticHandler(ILog logger, FirstAnswerGate firstAnswer) : IRequestHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>, ICapabilityProvider
{
    /// <summary>The provider declared in the initialize answer: compiler and analyzers in one report.</summary>
    public const string Combined = "nanolsp";

    /// <summary>The providers registered after initialize where the client registers them.</summary>
    public const string CompilerOnly = "nanolsp-compiler";
    public const string AnalyzersOnly = "nanolsp-analyzers";

    public string Method => LspMethods.TextDocumentDiagnostic;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client)
    {
        if (!client.SupportsPullDiagnosticsRegistration)
            capabilities.DiagnosticProvider = new DiagnosticOptions(Combined, InterFileDependencies: true, WorkspaceDiagnostics: false);
    }

    public IEnumerable<Registration> GetRegistrations(ClientCapabilities client)
    {
        if (!client.SupportsPullDiagnosticsRegistration)
            yield break;
        foreach (var identifier in (string[])[CompilerOnly, AnalyzersOnly])
            yield return new Registration($"nanolsp/diagnostics/{identifier}", LspMethods.TextDocumentDiagnostic,
                new DiagnosticRegistrationOptions(identifier, InterFileDependencies: true, WorkspaceDiagnostics: false));
    }

    public async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        bool compiler = request.Identifier != AnalyzersOnly;
        bool analyzers = request.Identifier != CompilerOnly && context.Settings.AnalyzersEnabled;
        // What the report depends on: the document's own text, and the declarations of its project and of those it
        // references (the dependent semantic version: an edit inside a method body elsewhere leaves it, and this
        // document's report, as they were). The semantic version alone missed every edit inside this document's own
        // method bodies: a client that sends its last result id (VS Code) was told "unchanged" and kept the old errors.
        var version = await document.Project.GetDependentSemanticVersionAsync(cancellationToken).ConfigureAwait(false);
        var textVersion = await document.GetTextVersionAsync(cancellationToken).ConfigureAwait(false);
        var provisional = ProvisionalDiagnostics.Apply(context.Snapshot.Provisional, document);
        var resultId = $"{version}|{textVersion}|{(compiler ? "c" : "")}{(analyzers ? "a" : "")}{(provisional ? "|provisional" : "")}";
        if (request.PreviousResultId == resultId)
            return new DocumentDiagnosticReport("unchanged", resultId, null);
        // The analyzers' report waits the debounce first: a client pulls after every change and cancels the pull of the
        // change before (VS Code does), so while the user types their second binding of the file is not started at all.
        bool analyzersAlone = !compiler && analyzers && !provisional; // the only case that runs the analyzers apart
        if (analyzersAlone)
            await Task.Delay(context.Settings.DiagnosticsDebounceMs, cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        // While the workspace loads: the quick solution's compiler diagnostics, no analyzers (the client is asked to pull
        // again after the load).
        var diagnostics = (compiler, analyzers) switch
        {
            (true, _) when provisional => await ProvisionalDiagnostics.FilterAsync(document, await DocumentDiagnostics.GetCompilerAsync(document, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            (true, false) => await DocumentDiagnostics.GetCompilerAsync(document, cancellationToken).ConfigureAwait(false),
            (true, true) => await DocumentDiagnostics.GetAsync(document, includeAnalyzers: true, cancellationToken).ConfigureAwait(false),
            _ when analyzersAlone => await DocumentDiagnostics.GetAnalyzerAsync(document, cancellationToken).ConfigureAwait(false),
            _ => [],
        };
        if (compiler)
            firstAnswer.FirstDiagnosticsComputed();
        logger.Debug($"Pull diagnostics {document.Name} ({request.Identifier ?? Combined}): {diagnostics.Count}");
        return new DocumentDiagnosticReport("full", resultId, diagnostics.Select(d => DiagnosticConverter.ToLsp(d, text)).ToList());
    }
}
