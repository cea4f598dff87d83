using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Eval;

/// <summary>The ways the fix benchmark breaks code, as people do.</summary>
public enum BreakKind { MissingUsing, MisspeltMember, WrongArgumentCount, MissingCast, MissingReturn, UnassignedOut }

/// <summary>One way to break a file: the change that breaks it, and where.</summary>
public sealed record Break(BreakKind Kind, TextChange Change, string Description);

/// <summary>
/// Finds places in a real file where a common mistake can be made: a using directive removed, a member name
/// misspelt (two inner letters swapped), the last argument of a call dropped, an explicit cast removed, the
/// closing return of a method removed, the assignment of an out parameter removed. Syntax decides the place;
/// the benchmark keeps only the breaks the compiler then reports.
/// </summary>
public static class FixBreaker
{
    public static IEnumerable<Break> Find(SyntaxNode root, SemanticModel model, SourceText text)
    {
        foreach (var u in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
            if (u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None))
                yield return new Break(BreakKind.MissingUsing, new TextChange(WholeLines(text, u.Span), ""), u.ToString());

        foreach (var access in root.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            var name = access.Name.Identifier;
            string s = name.ValueText;
            if (s.Length < 5 || name.Text != s || s[1] == s[2] || access.Name is GenericNameSyntax) continue;
            if (model.GetSymbolInfo(access).Symbol is not (IPropertySymbol or IMethodSymbol or IFieldSymbol)) continue;
            string misspelt = s[..1] + s[2] + s[1] + s[3..];
            yield return new Break(BreakKind.MisspeltMember, new TextChange(name.Span, misspelt), $"{s} -> {misspelt}");
        }

        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count == 0 || arguments.Count > 4) continue;
            var last = arguments[^1];
            int from = arguments.Count == 1 ? last.SpanStart : arguments.GetSeparator(arguments.Count - 2).SpanStart;
            yield return new Break(BreakKind.WrongArgumentCount, new TextChange(TextSpan.FromBounds(from, last.Span.End), ""), $"drop {last}");
        }

        foreach (var cast in root.DescendantNodes().OfType<CastExpressionSyntax>())
            yield return new Break(BreakKind.MissingCast, new TextChange(TextSpan.FromBounds(cast.OpenParenToken.SpanStart, cast.CloseParenToken.Span.End), ""),
                $"drop ({cast.Type})");

        foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Body is not { Statements: [.., ReturnStatementSyntax { Expression: not null } last] }) continue;
            if (text.Lines.GetLineFromPosition(last.SpanStart).LineNumber != text.Lines.GetLineFromPosition(last.Span.End).LineNumber) continue;
            yield return new Break(BreakKind.MissingReturn, new TextChange(WholeLines(text, last.Span), ""), last.ToString());
        }

        foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Body is null) continue;
            foreach (var parameter in method.ParameterList.Parameters.Where(p => p.Modifiers.Any(SyntaxKind.OutKeyword)))
            {
                var assignment = method.Body.Statements.OfType<ExpressionStatementSyntax>().FirstOrDefault(e =>
                    e.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } && id.Identifier.ValueText == parameter.Identifier.ValueText);
                if (assignment is null || text.Lines.GetLineFromPosition(assignment.SpanStart).LineNumber != text.Lines.GetLineFromPosition(assignment.Span.End).LineNumber)
                    continue;
                yield return new Break(BreakKind.UnassignedOut, new TextChange(WholeLines(text, assignment.Span), ""), assignment.ToString());
            }
        }
    }

    /// <summary>The lines a one-line node sits on, with the line break, so removing it leaves no blank line.</summary>
    private static TextSpan WholeLines(SourceText text, TextSpan span)
    {
        var first = text.Lines.GetLineFromPosition(span.Start);
        var last = text.Lines.GetLineFromPosition(span.End);
        return TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak);
    }
}
