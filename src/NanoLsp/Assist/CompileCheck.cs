using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Assist;

internal enum CompileCheckResult { NoNewErrors, AddsErrors, OverBudget }

/// <summary>Compile checks run since the process started, and how many ran out of budget (and so passed).</summary>
public sealed record CompileCheckStats(long Runs, long OverBudget);

/// <summary>
/// Applies a suggestion speculatively and compares the errors of the enclosing member (syntax and
/// semantic, by id and message, so shifted positions do not matter) with the original's. Only the
/// member's span is diagnosed: the whole compilation would cost far more than the budget.
/// </summary>
internal static class CompileCheck
{
    private static long _overBudget, _runs;

    public static CompileCheckStats Stats => new(Interlocked.Read(ref _runs), Interlocked.Read(ref _overBudget));

    public static async Task<CompileCheckResult> RunAsync(Document document, int position, string suggestion, TimeSpan budget,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var text = await document.GetTextAsync(timeout.Token).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(timeout.Token).ConfigureAwait(false);
            if (root is null) return CompileCheckResult.NoNewErrors;
            var span = EnclosingSpan(root, position);
            var edited = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), suggestion)));
            var before = await ErrorsAsync(document, span, timeout.Token).ConfigureAwait(false);
            var after = await ErrorsAsync(edited, TextSpan.FromBounds(span.Start, span.End + suggestion.Length), timeout.Token).ConfigureAwait(false);
            foreach (var (key, count) in after)
                if (count > before.GetValueOrDefault(key)) return CompileCheckResult.AddsErrors;
            return CompileCheckResult.NoNewErrors;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _overBudget);
            return CompileCheckResult.OverBudget;
        }
    }

    private static async Task<Dictionary<(string Id, string Message), int>> ErrorsAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<(string, string), int>();
        if (model is null) return errors;
        foreach (var d in model.GetDiagnostics(span, cancellationToken))
        {
            if (d.Severity != DiagnosticSeverity.Error) continue;
            var key = (d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            errors[key] = errors.GetValueOrDefault(key) + 1;
        }
        return errors;
    }

    /// <summary>The member around the cursor (method, property, field...), else the type, else the file.</summary>
    private static TextSpan EnclosingSpan(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, Math.Min(position, root.FullSpan.End - 1)));
        var member = token.Parent?.AncestorsAndSelf().FirstOrDefault(n =>
            n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not GlobalStatementSyntax);
        member ??= token.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is BaseTypeDeclarationSyntax);
        return member?.FullSpan ?? root.FullSpan;
    }
}
