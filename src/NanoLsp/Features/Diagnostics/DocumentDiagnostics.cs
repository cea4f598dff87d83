using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace NanoLsp.Features.Diagnostics;

/// <summary>Compiler and analyzer diagnostics of one document, as Roslyn reports them.</summary>
public static class DocumentDiagnostics
{
    /// <summary>The compiler's diagnostics (syntax, declarations, method bodies) for the document's tree.</summary>
    public static async Task<IReadOnlyList<RoslynDiagnostic>> GetCompilerAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await SemanticModelAsync(document, cancellationToken).ConfigureAwait(false);
        return Shown(model.GetDiagnostics(cancellationToken: cancellationToken), model.SyntaxTree);
    }

    /// <summary>Compiler diagnostics plus, when enabled, those of the project's analyzers (the SDK's CA/IDE rules, package analyzers).</summary>
    public static async Task<IReadOnlyList<RoslynDiagnostic>> GetAsync(Document document, bool includeAnalyzers, CancellationToken cancellationToken)
    {
        var model = await SemanticModelAsync(document, cancellationToken).ConfigureAwait(false);
        var result = new List<RoslynDiagnostic>(model.GetDiagnostics(cancellationToken: cancellationToken));
        var analyzers = includeAnalyzers
            ? document.Project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(document.Project.Language)).ToImmutableArray()
            : [];
        if (analyzers.Length > 0)
        {
            var options = new CompilationWithAnalyzersOptions(document.Project.AnalyzerOptions, onAnalyzerException: null,
                concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var withAnalyzers = model.Compilation.WithAnalyzers(analyzers, options);
            result.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken).ConfigureAwait(false));
            result.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false));
        }
        return Shown(result, model.SyntaxTree);
    }

    private static async Task<SemanticModel> SemanticModelAsync(Document document, CancellationToken cancellationToken) =>
        await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"{document.Name} has no semantic model (not a C# document?).");

    private static List<RoslynDiagnostic> Shown(IEnumerable<RoslynDiagnostic> diagnostics, SyntaxTree tree) =>
        diagnostics
            .Where(d => d.Location.SourceTree == tree || !d.Location.IsInSource)
            .Where(d => !d.IsSuppressed && DiagnosticConverter.IsShown(d))
            .Distinct()
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
}
