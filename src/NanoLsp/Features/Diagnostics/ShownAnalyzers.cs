using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanoLsp.Features.Diagnostics;

/// <summary>
/// The analyzers worth running for a file: those that can report a diagnostic the user sees there
/// (<see cref="DiagnosticConverter.IsShown"/>), and every suppressor. Roslyn's analyzer driver skips only the analyzers
/// whose every rule is turned off; one whose rules are all "silent" (hidden: CA1805, CA1707, CA1051 and 47 others on the
/// SDK's default analysis level) still runs, and its findings were dropped here after it ran. On the bundled sample 150
/// of the SDK's 280 analyzers ran and 50 of them could only report hidden findings (a throwaway survey, 2026-12-06). The
/// server's hidden-only diagnostics have no other reader: the lightbulb's fixes read the compiler's diagnostics.
/// A rule counts as shown when any of its settings says so (the compiler options' <c>NoWarn</c>/<c>WarningsAsErrors</c>,
/// the file's .editorconfig, the project's global config, or its default), so a rule turned up anywhere still runs;
/// bulk settings (<c>dotnet_analyzer_diagnostic.*</c>, by category or for all rules) are applied by the driver itself,
/// so where a project has one every analyzer runs as before. Roslyn's code-style rules (IDE0xxx, in a project that sets
/// EnforceCodeStyleInBuild) always run: they report at the severity of their option's value
/// (<c>csharp_style_var_for_built_in_types = true:warning</c>) whatever their rule's default says.
/// </summary>
public static class ShownAnalyzers
{
    private const string BulkSeverityPrefix = "dotnet_analyzer_diagnostic.";
    private const string CodeStylePrefix = "IDE";

    // An analyzer's SupportedDiagnostics may build its array on every read; the driver caches it, and so do we.
    private static readonly ConditionalWeakTable<DiagnosticAnalyzer, StrongBox<ImmutableArray<DiagnosticDescriptor>>> Descriptors = new();

    public static ImmutableArray<DiagnosticAnalyzer> For(Project project, SyntaxTree tree, CompilationOptions options,
        ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var config = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        if (HasBulkSeverity(config.GlobalOptions) || HasBulkSeverity(config.GetOptions(tree)))
            return analyzers;
        return [.. analyzers.Where(a => a is DiagnosticSuppressor || CanShow(a, tree, options, cancellationToken))];
    }

    private static bool HasBulkSeverity(AnalyzerConfigOptions options) =>
        options.Keys.Any(k => k.StartsWith(BulkSeverityPrefix, StringComparison.OrdinalIgnoreCase));

    private static bool CanShow(DiagnosticAnalyzer analyzer, SyntaxTree tree, CompilationOptions options, CancellationToken cancellationToken)
    {
        ImmutableArray<DiagnosticDescriptor> descriptors;
        try
        {
            descriptors = Descriptors.GetValue(analyzer, a => new StrongBox<ImmutableArray<DiagnosticDescriptor>>(a.SupportedDiagnostics)).Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return true; // an analyzer that cannot say what it reports is left to the driver, which reports its failure
        }
        return descriptors.Any(d => d.Id.StartsWith(CodeStylePrefix, StringComparison.Ordinal)
            || Settings(d, tree, options, cancellationToken).Any(r => IsShown(r, d)));
    }

    /// <summary>Every severity a rule is given for the file; its default where nothing sets one.</summary>
    private static IEnumerable<ReportDiagnostic> Settings(DiagnosticDescriptor rule, SyntaxTree tree, CompilationOptions options, CancellationToken cancellationToken)
    {
        var any = false;
        if (options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out var specific) && specific != ReportDiagnostic.Default)
        {
            any = true;
            yield return specific;
        }
        var provider = options.SyntaxTreeOptionsProvider;
        if (provider is not null && provider.TryGetDiagnosticValue(tree, rule.Id, cancellationToken, out var inFile) && inFile != ReportDiagnostic.Default)
        {
            any = true;
            yield return inFile;
        }
        if (provider is not null && provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out var global) && global != ReportDiagnostic.Default)
        {
            any = true;
            yield return global;
        }
        if (!any)
            yield return rule.IsEnabledByDefault ? Report(rule.DefaultSeverity) : ReportDiagnostic.Suppress;
    }

    private static bool IsShown(ReportDiagnostic report, DiagnosticDescriptor rule) => report switch
    {
        ReportDiagnostic.Error or ReportDiagnostic.Warn or ReportDiagnostic.Info => true,
        ReportDiagnostic.Hidden => rule.CustomTags.Contains(WellKnownDiagnosticTags.Unnecessary),
        _ => false,
    };

    private static ReportDiagnostic Report(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => ReportDiagnostic.Error,
        DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
        DiagnosticSeverity.Info => ReportDiagnostic.Info,
        _ => ReportDiagnostic.Hidden,
    };
}
