using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Features.CodeActions;

/// <summary>
/// The text the model rewrites to fix a diagnostic, and what goes around its fill. Where the mistake is depends on
/// the error: a wrong or misspelt name, or an expression that needs a cast, is the diagnostic's own span; a wrong
/// argument count is the call's arguments; a missing return or an out parameter left unassigned is a new line
/// before the method's end (or before the return the compiler points at).
/// </summary>
/// <param name="Before">Put ahead of the model's fill (a new line's indentation).</param>
/// <param name="After">Put after it (a new line's line break).</param>
public sealed record FillRegion(TextSpan Span, string Before, string After)
{
    /// <summary>The longest span the model rewrites in one piece.</summary>
    public const int MaxSpan = 80;

    public static FillRegion? For(SyntaxNode root, SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        switch (diagnostic.Id)
        {
            case "CS0161": // not all code paths return a value
            case "CS0177": // an out parameter must be assigned before control leaves the method
                return NewLineBefore(text, node, node.FirstAncestorOrSelf<ReturnStatementSyntax>());
            case "CS1501": // no overload takes N arguments
            case "CS7036": // no argument for a required parameter
            case "CS1503": // an argument of the wrong type
                var arguments = node.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.ArgumentList
                    ?? node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>()?.ArgumentList;
                if (arguments is null || arguments.Span.Length > MaxSpan || OnTwoLines(text, arguments.Span)) return null;
                return new FillRegion(TextSpan.FromBounds(arguments.OpenParenToken.Span.End, arguments.CloseParenToken.SpanStart), "", "");
        }
        return span.Length is > 0 and <= MaxSpan && !OnTwoLines(text, span) ? new FillRegion(span, "", "") : null;
    }

    /// <summary>A new line before <paramref name="statement"/>, or before the closing brace of the method around
    /// <paramref name="node"/>, indented as the method's statements are.</summary>
    private static FillRegion? NewLineBefore(SourceText text, SyntaxNode node, SyntaxNode? statement)
    {
        var body = node.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>()?.Body
            ?? node.FirstAncestorOrSelf<LocalFunctionStatementSyntax>()?.Body
            ?? (node as BaseMethodDeclarationSyntax)?.Body;
        if (statement is null && body is null) return null;
        int anchor = statement?.SpanStart ?? body!.CloseBraceToken.SpanStart;
        var line = text.Lines.GetLineFromPosition(anchor);
        // Only when the anchor starts its line: the new line goes between whole lines.
        if (text.ToString(TextSpan.FromBounds(line.Start, anchor)).Trim().Length > 0) return null;
        string indentation = statement is not null ? text.ToString(TextSpan.FromBounds(line.Start, anchor))
            : Indentation(text, body!.Statements.LastOrDefault()?.SpanStart) ?? text.ToString(TextSpan.FromBounds(line.Start, anchor)) + "    ";
        string lineBreak = line.LineNumber > 0 ? text.ToString(TextSpan.FromBounds(text.Lines[line.LineNumber - 1].End, line.Start)) : "\n";
        return new FillRegion(new TextSpan(line.Start, 0), indentation, lineBreak.Length > 0 ? lineBreak : "\n");
    }

    private static string? Indentation(SourceText text, int? position)
    {
        if (position is not { } at) return null;
        var line = text.Lines.GetLineFromPosition(at);
        string before = text.ToString(TextSpan.FromBounds(line.Start, at));
        return before.Trim().Length == 0 ? before : null;
    }

    private static bool OnTwoLines(SourceText text, TextSpan span) =>
        text.Lines.GetLineFromPosition(span.Start).LineNumber != text.Lines.GetLineFromPosition(span.End).LineNumber;
}
