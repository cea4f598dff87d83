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
        if (includeAnalyzers)
            result.AddRange(await RunAnalyzersAsync(model, document.Project, cancellationToken).ConfigureAwait(false));
        return Shown(result, model.SyntaxTree);
    }

    /// <summary>
    /// The project's analyzers' diagnostics alone. They cost several times the compiler's: Roslyn runs them on a copy of
    /// the compilation that binds the file again, and an analyzer with symbol-start actions (CA1822, CA1852, CA1859 ...)
    /// analyzes each type of the file whole, its partial parts in other files too (docs/protocol.md, "Diagnostics").
    /// </summary>
    public static async Task<IReadOnlyList<RoslynDiagnostic>> GetAnalyzerAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await SemanticModelAsync(document, cancellationToken).ConfigureAwait(false);
        return Shown(await RunAnalyzersAsync(model, document.Project, cancellationToken).ConfigureAwait(false), model.SyntaxTree);
    }

    private static async Task<List<RoslynDiagnostic>> RunAnalyzersAsync(SemanticModel model, Project project, CancellationToken cancellationToken)
    {
        var analyzers = ShownAnalyzers.For(project, model.SyntaxTree, model.Compilation.Options,
            [.. project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(project.Language))], cancellationToken);
        if (analyzers.Length == 0)
            return [];
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null,
            concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = model.Compilation.WithAnalyzers(analyzers, options);
        var result = new List<RoslynDiagnostic>(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken).ConfigureAwait(false));
        result.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false));
        return result;
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
