using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Assist;

/// <summary>
/// Where a raw completion ends. Single line: at the first newline. Multi-line: after a line that
/// opens a block, before the brace that closes it; elsewhere after the first statement or block at
/// the cursor's nesting level. Then a tail that the text after the cursor already holds is dropped.
/// </summary>
internal static class StopRule
{
    public static string Trim(string completion, PromptContext context)
    {
        string text = context.Shape == SuggestionShape.SingleLine
            ? FirstLine(completion)
            : TrimToBlock(completion, opensBlock: context.LinePrefix.TrimEnd().EndsWith('{'), BlockIsClosed(context));
        return DropSuffixDuplicate(text.TrimEnd(), context.LineSuffix);
    }

    private static string FirstLine(string s) => s.IndexOf('\n') is var i and >= 0 ? s[..i].TrimEnd('\r') : s;

    /// <summary>After a line that opens a block: is the block's closing brace already below, at the
    /// opener's indentation (typed by the user or the editor)? Then the suggestion stops before its own.</summary>
    private static bool BlockIsClosed(PromptContext context)
    {
        string next = context.NextLine;
        string indent = next[..(next.Length - next.TrimStart().Length)];
        string opener = context.LinePrefix[..(context.LinePrefix.Length - context.LinePrefix.TrimStart().Length)];
        return next.TrimStart().StartsWith('}') && indent == opener;
    }

    private static string TrimToBlock(string completion, bool opensBlock, bool blockIsClosed)
    {
        int braces = 0, parens = 0;
        bool sawContent = false;
        var tokens = SyntaxFactory.ParseTokens(completion).ToList();
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind())
            {
                case SyntaxKind.OpenBraceToken: braces++; break;
                case SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken: parens++; break;
                case SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken: parens--; break;
                case SyntaxKind.CloseBraceToken:
                    if (--braces < 0) // closes the block around the cursor
                        return opensBlock && !blockIsClosed ? completion[..token.Span.End] : completion[..token.SpanStart].TrimEnd();
                    bool continues = i + 1 < tokens.Count && tokens[i + 1].Kind() is SyntaxKind.ElseKeyword or SyntaxKind.CatchKeyword
                        or SyntaxKind.FinallyKeyword or SyntaxKind.WhileKeyword or SyntaxKind.CloseParenToken
                        or SyntaxKind.SemicolonToken or SyntaxKind.CommaToken;
                    if (braces == 0 && parens == 0 && !opensBlock && !continues) return completion[..token.Span.End];
                    break;
                case SyntaxKind.SemicolonToken:
                    if (braces == 0 && parens == 0 && !opensBlock && sawContent) return completion[..token.Span.End];
                    break;
                case SyntaxKind.EndOfFileToken: continue;
            }
            sawContent = true;
        }
        return completion;
    }

    /// <summary>Drops the end of the suggestion when the line after the cursor already has it: the whole
    /// rest of the line, or closers the suggestion leaves unbalanced that the line starts with.</summary>
    private static string DropSuffixDuplicate(string text, string lineSuffix)
    {
        string rest = lineSuffix.Trim();
        if (rest.Length == 0 || text.Length == 0) return text;
        if (text.EndsWith(rest, StringComparison.Ordinal) && text.Length > rest.Length) return text[..^rest.Length].TrimEnd();

        int depth = 0;
        foreach (char c in text) depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
        int cut = text.Length;
        while (depth < 0 && cut > 0)
        {
            string tail = text[(cut - 1)..].Replace(" ", "");
            if (!(text[cut - 1] is ')' or ']' or '}' or ';' or ' ') || !rest.StartsWith(tail, StringComparison.Ordinal)) break;
            if (text[cut - 1] is ')' or ']' or '}') depth++;
            cut--;
        }
        return depth == 0 ? text[..cut].TrimEnd() : text;
    }
}
