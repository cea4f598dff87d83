using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.Diagnostics;

/// <summary>Pull diagnostics (textDocument/diagnostic): a full report, or "unchanged" when nothing it depends on changed.</summary>
public sealed class DocumentDiagnosticHandler(ILog logger) : IRequestHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>, ICapabilityProvider
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
        var resultId = $"{version}|{context.Settings.AnalyzersEnabled}";
        if (request.PreviousResultId == resultId)
            return new DocumentDiagnosticReport("unchanged", resultId, null);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var diagnostics = await DocumentDiagnostics.GetAsync(document, context.Settings.AnalyzersEnabled, cancellationToken).ConfigureAwait(false);
        logger.Debug($"Pull diagnostics {document.Name}: {diagnostics.Count}");
        return new DocumentDiagnosticReport("full", resultId, diagnostics.Select(d => DiagnosticConverter.ToLsp(d, text)).ToList());
    }
}
