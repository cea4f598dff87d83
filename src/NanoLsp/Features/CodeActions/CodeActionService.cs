using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RoslynCodeAction = Microsoft.CodeAnalysis.CodeActions.CodeAction;

namespace NanoLsp.Features.CodeActions;

/// <summary>One flattened action: what the list shows, plus the Roslyn action that resolve runs.</summary>
public sealed record CodeActionCandidate(string Title, string Kind, string Provider, int Index, RoslynCodeAction Action, bool IsFix);

/// <summary>
/// Runs Roslyn's code-fix providers on the diagnostics in a span and its refactoring providers on
/// the span itself, and flattens what they register into a list of titled actions with LSP kinds.
/// Nothing is applied here: <see cref="CodeActionEditBuilder"/> turns a chosen action into a WorkspaceEdit.
/// </summary>
public sealed class CodeActionService(LanguageFeatures features, Action<string>? log = null, ModelFixes? modelFixes = null)
{
    /// <summary>The diagnostics a fix can target: compiler diagnostics touching the span (hidden ones included, e.g. CS8019 unused using).</summary>
    /// <param name="provisional">The document is the provisional solution's: only what its diagnostics show
    /// (<see cref="ProvisionalDiagnostics"/>), not the errors of a package's types that the load will resolve, whose
    /// fixes ("add using", "generate type") would mislead, and cost: a hover on one took 450 ms on dotnet/docfx.</param>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Document document, TextSpan span, CancellationToken cancellationToken,
        bool provisional = false)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
            return [];
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        // Whole lines, so a diagnostic reported just beside the caret still counts.
        var lines = TextSpan.FromBounds(text.Lines.GetLineFromPosition(span.Start).Start, text.Lines.GetLineFromPosition(span.End).End);
        var diagnostics = model.GetDiagnostics(lines, cancellationToken);
        // Unused usings (CS8019) are only reported for the whole file, since they need every body bound;
        // ask for them when the span is on a using directive.
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindToken(span.Start).Parent?.FirstAncestorOrSelf<UsingDirectiveSyntax>() is not null)
            diagnostics = diagnostics.AddRange(model.GetDiagnostics(cancellationToken: cancellationToken).Where(d => d.Id == "CS8019"));
        var touching = diagnostics.Where(d => d.Location.IsInSource && d.Location.SourceSpan.IntersectsWith(span)).Distinct().ToList();
        return [.. provisional ? await ProvisionalDiagnostics.FilterAsync(document, touching, cancellationToken).ConfigureAwait(false) : touching];
    }

    /// <param name="modelFixOptions">Model fixes for the error nearest the span (null: none, as for the lightbulb's
    /// automatic requests); they come after Roslyn's fixes and before the refactorings.</param>
    /// <param name="provisional">The document is the provisional solution's (see <see cref="GetDiagnosticsAsync"/>).</param>
    public async Task<IReadOnlyList<CodeActionCandidate>> GetActionsAsync(
        Document document, TextSpan span, bool includeRefactorings, CancellationToken cancellationToken, string? onlyProvider = null,
        ModelFixOptions? modelFixOptions = null, bool provisional = false)
    {
        var catalog = await features.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<CodeActionCandidate>();
        var diagnostics = await GetDiagnosticsAsync(document, span, cancellationToken, provisional).ConfigureAwait(false);
        var fixesOf = new Dictionary<Diagnostic, IReadOnlyList<CodeActionCandidate>>();
        foreach (var diagnostic in diagnostics)
        {
            var fixes = await GetFixesAsync(catalog, document, diagnostic, onlyProvider, cancellationToken).ConfigureAwait(false);
            fixesOf[diagnostic] = fixes;
            result.AddRange(fixes);
        }
        var fromModel = modelFixes is not null && modelFixOptions is { Enabled: true } && (onlyProvider is null || onlyProvider == ModelFixes.ProviderName)
            ? await ModelFixActionsAsync(catalog, document, span, diagnostics, fixesOf, onlyProvider is not null, modelFixOptions, cancellationToken).ConfigureAwait(false)
            : [];

        if (includeRefactorings)
        {
            // Each of the ~80 providers mostly bails out after a syntax check, but together they
            // cost tens of milliseconds: run them side by side (they are stateless and thread-safe,
            // as Roslyn runs them) and keep their catalog order in the result.
            var providers = catalog.RefactoringProviders.Where(p => onlyProvider is null || p.Name == onlyProvider).ToList();
            var registered = await Task.WhenAll(providers.Select(p => Task.Run(async () =>
            {
                var actions = new List<RoslynCodeAction>();
                var context = new CodeRefactoringContext(document, span, a => { lock (actions) actions.Add(a); }, cancellationToken);
                return await RunProviderAsync(p.Name, () => p.Provider.ComputeRefactoringsAsync(context)).ConfigureAwait(false) ? actions : null;
            }, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < providers.Count; i++)
            {
                if (registered[i] is { } actions)
                    AddFlattened(result, actions, providers[i].Name, RefactoringKind(providers[i].Name), isFix: false);
            }
        }

        // The same title from two diagnostics (e.g. two unknown names fixed by one using) is one action.
        var ordered = Order(result.DistinctBy(a => (a.Title, a.Kind)));
        ordered.InsertRange(ordered.Count(a => a.IsFix), fromModel);
        return ordered;
    }

    /// <summary>The model's verified fixes for the error nearest the span's start, as code actions.</summary>
    private async Task<IReadOnlyList<CodeActionCandidate>> ModelFixActionsAsync(ProviderCatalog catalog, Document document, TextSpan span,
        IReadOnlyList<Diagnostic> diagnostics, Dictionary<Diagnostic, IReadOnlyList<CodeActionCandidate>> fixesOf, bool resolving,
        ModelFixOptions options, CancellationToken cancellationToken)
    {
        var target = diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .OrderBy(d => Math.Abs(d.Location.SourceSpan.Start - span.Start)).FirstOrDefault();
        if (target is null) return [];
        // Resolve finds the fix the list verified (the beams need not be run again); failing that it proposes anew.
        var fixes = resolving ? await modelFixes!.KnownAsync(document, target, cancellationToken).ConfigureAwait(false) : null;
        if (fixes is null)
        {
            var roslyn = fixesOf.GetValueOrDefault(target) is { Count: > 0 } listed && !resolving ? listed
                : await GetFixesAsync(catalog, document, target, null, cancellationToken).ConfigureAwait(false);
            fixes = (await modelFixes!.ProposeAsync(document, target, roslyn.Select(f => f.Action).ToList(), options, cancellationToken).ConfigureAwait(false)).Fixes;
        }
        return fixes.Select((fix, i) => new CodeActionCandidate(fix.Title, CodeActionKinds.QuickFix, ModelFixes.ProviderName, i,
            RoslynCodeAction.Create(fix.Title, _ => Task.FromResult(fix.Fixed), equivalenceKey: fix.Title), IsFix: true)).ToList();
    }

    /// <summary>The titles of the model fixes already verified for this diagnostic of this text (hover lists them
    /// without running the model); none when the quick-fix menu has not asked for them.</summary>
    public async Task<IReadOnlyList<string>> KnownModelFixTitlesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        modelFixes is null ? [] : (await modelFixes.KnownAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))?.Select(f => f.Title).ToList() ?? [];

    /// <summary>Roslyn's fixes and the model's verified ones for one diagnostic (the fix benchmark).</summary>
    public async Task<(IReadOnlyList<CodeActionCandidate> Roslyn, IReadOnlyList<ModelFix> Model, ModelFixReport? Report)> GetFixesWithModelAsync(
        Document document, Diagnostic diagnostic, ModelFixOptions options, CancellationToken cancellationToken)
    {
        var catalog = await features.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var roslyn = await GetFixesAsync(catalog, document, diagnostic, null, cancellationToken).ConfigureAwait(false);
        if (modelFixes is null) return (roslyn, [], null);
        var (model, report) = await modelFixes.ProposeAsync(document, diagnostic, roslyn.Select(f => f.Action).ToList(), options, cancellationToken).ConfigureAwait(false);
        return (roslyn, model, report);
    }

    /// <summary>The fixes for one diagnostic (hover lists their titles under the explanation).</summary>
    public async Task<IReadOnlyList<CodeActionCandidate>> GetFixesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var catalog = await features.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return await GetFixesAsync(catalog, document, diagnostic, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CodeActionCandidate>> GetFixesAsync(
        ProviderCatalog catalog, Document document, Diagnostic diagnostic, string? onlyProvider, CancellationToken cancellationToken)
    {
        var result = new List<CodeActionCandidate>();
        // The compiler reports an unused using as hidden CS8019; Roslyn's fix for it is keyed on the id
        // its IDE0005 analyzer reports alongside (this server does not run that analyzer), so CS8019 asks that fixer too.
        var fixers = catalog.FixesFor(diagnostic.Id).Select(f => (f, diagnostic));
        if (diagnostic.Id == "CS8019")
            fixers = fixers.Concat(catalog.FixesFor(UnusedUsingAnalyzerId).Select(f => (f, AsUnusedUsing(diagnostic))));
        foreach (var ((name, provider), target) in fixers)
        {
            if (onlyProvider is not null && name != onlyProvider)
                continue;
            var registered = new List<RoslynCodeAction>();
            var context = new CodeFixContext(document, target.Location.SourceSpan, [target],
                (action, _) => registered.Add(action), cancellationToken);
            if (await RunProviderAsync(name, () => provider.RegisterCodeFixesAsync(context)).ConfigureAwait(false))
                AddFlattened(result, registered, name, CodeActionKinds.QuickFix, isFix: true);
        }
        return Order(result);
    }

    private const string UnusedUsingAnalyzerId = "RemoveUnnecessaryImportsFixable";

    // Not an analyzer's rule (nothing reports it): it only names the fixer's input, so release tracking does not apply.
#pragma warning disable RS2008
    private static readonly DiagnosticDescriptor UnusedUsing = new(UnusedUsingAnalyzerId, "Remove unnecessary usings",
        "Using directive is unnecessary", "Style", Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden, isEnabledByDefault: true, customTags: [WellKnownDiagnosticTags.Unnecessary]);
#pragma warning restore RS2008

    private static Diagnostic AsUnusedUsing(Diagnostic compiler) => Diagnostic.Create(UnusedUsing, compiler.Location);

    // Fixes before refactorings, then Roslyn's own priority (High: e.g. "using System.Text;" over
    // fully qualifying or generating a type); the sort is stable, so providers keep their MEF order otherwise.
    private static List<CodeActionCandidate> Order(IEnumerable<CodeActionCandidate> actions) =>
        actions.OrderByDescending(a => a.IsFix).ThenByDescending(a => a.Action.Priority).ToList();

    // One misbehaving provider must not cost the user every other action.
    private async Task<bool> RunProviderAsync(string name, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log?.Invoke($"Code action provider {name} failed: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    private static void AddFlattened(List<CodeActionCandidate> result, List<RoslynCodeAction> registered, string provider, string kind, bool isFix)
    {
        var index = 0;
        foreach (var action in registered)
            Flatten(action, prefix: null);

        void Flatten(RoslynCodeAction action, string? prefix)
        {
            var title = prefix is null ? action.Title : $"{prefix}: {action.Title}";
            var nested = action.NestedActions;
            if (!nested.IsDefaultOrEmpty)
            {
                foreach (var child in nested)
                    Flatten(child, title);
                return;
            }
            // Actions that open an options dialog cannot run without the IDE's options service.
            if (action is CodeActionWithOptions)
                return;
            result.Add(new CodeActionCandidate(title, kind, provider, index++, action, isFix));
        }
    }

    // Refactoring providers carry no LSP kind; their export names say what they do.
    internal static string RefactoringKind(string providerName)
    {
        bool Has(string word) => providerName.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (Has("OrganizeImports") || Has("Organize Imports"))
            return CodeActionKinds.SourceOrganizeImports;
        if (Has("Extract") || Has("Introduce"))
            return CodeActionKinds.RefactorExtract;
        if (Has("Inline"))
            return CodeActionKinds.RefactorInline;
        if (Has("Import") || Has("Banner"))
            return CodeActionKinds.Source;
        return CodeActionKinds.RefactorRewrite;
    }

    /// <summary>Finds the action the list showed (same provider, same title; index breaks ties) or throws a clear error.</summary>
    public async Task<CodeActionCandidate> FindAsync(Document document, TextSpan span, CodeActionData data, CancellationToken cancellationToken,
        ModelFixOptions? modelFixOptions = null)
    {
        var actions = await GetActionsAsync(document, span, includeRefactorings: data.Provider != ModelFixes.ProviderName, cancellationToken, data.Provider,
            modelFixOptions).ConfigureAwait(false);
        var sameTitle = actions.Where(a => a.Title == data.Title).ToList();
        return sameTitle.FirstOrDefault(a => a.Index == data.Index) ?? sameTitle.FirstOrDefault()
            ?? throw new LspException(LspErrorCodes.ContentModified,
                $"The code action \"{data.Title}\" no longer applies: the document changed since the list was computed.");
    }
}
