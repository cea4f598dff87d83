using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.CodeActions;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Hover;

/// <summary>A hover's markdown and the span it is about.</summary>
public sealed record HoverResult(string Markdown, TextSpan Span);

/// <summary>
/// Hover = explanations of the diagnostics under the caret (each with the titles of the fixes
/// that would apply) followed by Roslyn's quick info for the symbol there.
/// </summary>
public sealed class HoverService(CodeActionService codeActions)
{
    /// <param name="provisional">The document is the provisional solution's: only the diagnostics it shows are explained
    /// (<see cref="CodeActionService.GetDiagnosticsAsync"/>).</param>
    public async Task<HoverResult?> GetHoverAsync(Document document, int position, CancellationToken cancellationToken, bool provisional = false)
    {
        // The document's own framework: quick info and fixes bind a linked file in every framework's project otherwise.
        document = PreferredDocument.Alone(document);
        var markdown = new StringBuilder();
        TextSpan? span = null;

        var diagnostics = (await CodeActionService.GetDiagnosticsAsync(document, new TextSpan(position, 0), cancellationToken, provisional).ConfigureAwait(false))
            .Where(d => d.Severity != DiagnosticSeverity.Hidden || ExplanationCatalog.Find(d.Id) is not null)
            .OrderByDescending(d => d.Severity)
            .Take(3)
            .ToList();
        if (diagnostics.Count > 0)
        {
            var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            foreach (var diagnostic in diagnostics)
            {
                var fixes = await codeActions.GetFixesAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                var modelFixes = await codeActions.KnownModelFixTitlesAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                markdown.Append(DiagnosticExplainer.Explain(diagnostic, model, [.. fixes.Select(f => f.Title), .. modelFixes], cancellationToken)).Append("\n\n---\n\n");
                span ??= diagnostic.Location.SourceSpan;
            }
        }

        var quickInfo = await GetQuickInfoAsync(document, position, cancellationToken).ConfigureAwait(false);
        if (quickInfo is not null)
        {
            markdown.Append(quickInfo.Value.Markdown);
            span = quickInfo.Value.Span;
        }
        else if (markdown.Length > 0)
        {
            markdown.Length -= "\n\n---\n\n".Length;
        }

        return span is null ? null : new HoverResult(markdown.ToString(), span.Value);
    }

    private static async Task<(string Markdown, TextSpan Span)?> GetQuickInfoAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var service = QuickInfoService.GetService(document);
        if (service is null)
            return null;
        var info = await service.GetQuickInfoAsync(document, position, cancellationToken).ConfigureAwait(false);
        if (info is null || info.Sections.IsDefaultOrEmpty)
            return null;

        var markdown = new StringBuilder();
        foreach (var section in info.Sections)
        {
            var text = section.Text.Trim();
            if (text.Length == 0)
                continue;
            if (section.Kind == QuickInfoSectionKinds.Description)
                markdown.Append("```csharp\n").Append(text).Append("\n```\n\n");
            else if (section.Kind is QuickInfoSectionKinds.DocumentationComments or QuickInfoSectionKinds.RemarksDocumentationComments or QuickInfoSectionKinds.ReturnsDocumentationComments or QuickInfoSectionKinds.ValueDocumentationComments)
                markdown.Append(text).Append("\n\n");
            else
                // Type-parameter maps, captures, usage and exceptions: plain text as Roslyn words them.
                markdown.Append(text.Replace("\n", "  \n")).Append("\n\n");
        }
        return markdown.Length == 0 ? null : (markdown.ToString().TrimEnd(), info.Span);
    }
}

/// <summary>Renders one diagnostic: code and message, the curated explanation with real names, and the fix titles.</summary>
public static class DiagnosticExplainer
{
    public static string Explain(Diagnostic diagnostic, SemanticModel model, IReadOnlyList<string> fixTitles, CancellationToken cancellationToken)
    {
        var markdown = new StringBuilder();
        var severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "info",
            _ => "hint",
        };
        markdown.Append($"**{severity} {diagnostic.Id}**: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n\n");
        if (ExplanationCatalog.Find(diagnostic.Id) is { } explanation)
        {
            var facts = FactExtractor.Extract(diagnostic, model, explanation.Facts, cancellationToken);
            markdown.Append(explanation.Render(facts)).Append("\n\n");
        }
        // Uncurated codes still get somewhere to read more: the compiler's own page for the code.
        if (DocumentationLink(diagnostic) is { } link)
            markdown.Append($"[{diagnostic.Id} in the documentation]({link})\n\n");
        if (fixTitles.Count > 0)
        {
            markdown.Append("Fixes:\n");
            foreach (var title in fixTitles.Distinct().Take(6))
                markdown.Append($"- {title}\n");
        }
        return markdown.ToString().TrimEnd();
    }

    /// <summary>
    /// Where the diagnostic is documented: its descriptor's help link when it has one (analyzers, and the
    /// compiler's own query link), else the C# compiler-message page for a CS code; null when neither is known.
    /// </summary>
    public static string? DocumentationLink(Diagnostic diagnostic)
    {
        var help = diagnostic.Descriptor.HelpLinkUri;
        if (Uri.TryCreate(help, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            return help;
        return diagnostic.Id.StartsWith("CS", StringComparison.Ordinal) && diagnostic.Id.Length == 6 && diagnostic.Id[2..].All(char.IsAsciiDigit)
            ? $"https://learn.microsoft.com/dotnet/csharp/misc/{diagnostic.Id.ToLowerInvariant()}"
            : null;
    }
}
