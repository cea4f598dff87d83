using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Diagnostics;

/// <summary>Pull diagnostics (textDocument/diagnostic): a full report, or "unchanged" when nothing it depends on changed.</summary>
public sealed class DocumentDiagnosticHandler(ILog logger, FirstAnswerGate firstAnswer) : IRequestHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentDiagnostic;
    public bool MutatesState => false;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.DiagnosticProvider = new DiagnosticOptions("nanolsp", InterFileDependencies: true, WorkspaceDiagnostics: false);

    public async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var document = context.RequireDocument();
        // The project's dependent version changes with any edit the document's semantics can depend on.
        var version = await document.Project.GetDependentSemanticVersionAsync(cancellationToken).ConfigureAwait(false);
        var provisional = context.Snapshot.Provisional;
        var resultId = $"{version}|{context.Settings.AnalyzersEnabled}{(provisional ? "|provisional" : "")}";
        if (request.PreviousResultId == resultId)
            return new DocumentDiagnosticReport("unchanged", resultId, null);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        // While the workspace loads: the quick solution's diagnostics (the client is asked to pull again after the load).
        var diagnostics = provisional
            ? ProvisionalDiagnostics.Filter(document, await DocumentDiagnostics.GetCompilerAsync(document, cancellationToken).ConfigureAwait(false))
            : await DocumentDiagnostics.GetAsync(document, context.Settings.AnalyzersEnabled, cancellationToken).ConfigureAwait(false);
        firstAnswer.FirstDiagnosticsComputed();
        logger.Debug($"Pull diagnostics {document.Name}: {diagnostics.Count}");
        return new DocumentDiagnosticReport("full", resultId, diagnostics.Select(d => DiagnosticConverter.ToLsp(d, text)).ToList());
    }
}
