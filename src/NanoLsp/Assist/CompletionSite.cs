using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Assist;

internal enum SiteKind { MemberAccess, ObjectCreation, AfterNewKeyword }

/// <summary>
/// Where the text being generated stands, read from the last line of (document text + generated
/// text): after <c>expr.</c> + partial name, after <c>new </c> + partial name, or right after the
/// <c>new</c> keyword. Strings and comments are told apart
/// by <see cref="LineScanner"/>, the receiver chain by Roslyn's lexer.
/// </summary>
internal readonly record struct CompletionSite(SiteKind Kind, string Partial, string? Receiver, int ReceiverStart)
{
    /// <summary>Null when the line ends in nothing a monitor handles (or inside a string or comment).</summary>
    public static CompletionSite? Find(string line)
    {
        int end = line.Length;
        int p = end;
        while (p > 0 && SyntaxFacts.IsIdentifierPartCharacter(line[p - 1])) p--;
        string partial = line[p..];
        if (partial.Length > 0 && char.IsDigit(partial[0])) return null;

        if (p > 0 && line[p - 1] == '.')
        {
            var (inCode, codeStart) = LineScanner.Scan(line[..p]);
            if (!inCode) return null;
            int dot = p - 1;
            string before = line[codeStart..dot];
            if (before.EndsWith('?') || before.EndsWith('!')) before = before[..^1];
            var (start, creation) = FindReceiverStart(before);
            if (start < 0) return null;
            string receiver = before[start..];
            return new CompletionSite(creation ? SiteKind.ObjectCreation : SiteKind.MemberAccess, partial, receiver, codeStart + start);
        }

        // `new` then whitespace then a partial type name.
        int w = p;
        while (w > 0 && char.IsWhiteSpace(line[w - 1])) w--;
        if (w < p && IsNewKeywordEndingAt(line, w) && !IsModifier(line, w - 3))
            return !LineScanner.Scan(line).InCode ? null : new CompletionSite(SiteKind.ObjectCreation, partial, null, -1);
        if (partial == "new" && IsNewKeywordEndingAt(line, end) && !IsModifier(line, end - 3))
            return !LineScanner.Scan(line).InCode ? null : new CompletionSite(SiteKind.AfterNewKeyword, "", null, -1);
        return null;
    }

    private static readonly HashSet<string> Modifiers = ["public", "private", "protected", "internal", "static", "virtual",
        "sealed", "readonly", "unsafe", "abstract", "override", "partial", "async", "extern", "required", "file"];

    /// <summary>`public new void Hide()`: the member modifier, not object creation.</summary>
    private static bool IsModifier(string line, int newStart)
    {
        string before = line[..newStart].TrimEnd();
        int word = before.Length;
        while (word > 0 && char.IsLetter(before[word - 1])) word--;
        return Modifiers.Contains(before[word..]);
    }

    private static bool IsNewKeywordEndingAt(string line, int end) =>
        end >= 3 && string.CompareOrdinal(line, end - 3, "new", 0, 3) == 0
        && (end == 3 || !(SyntaxFacts.IsIdentifierPartCharacter(line[end - 4]) || line[end - 4] == '.' || line[end - 4] == '@'));

    /// <summary>Walks back from the end of <paramref name="text"/> over one primary expression chain
    /// (names, calls, indexers, generic arguments, literals, <c>this</c>); returns its start, or -1 when
    /// the text does not end in one. <c>creation</c> is true when the chain is a name after <c>new</c>.</summary>
    internal static (int Start, bool Creation) FindReceiverStart(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[^1])) return (-1, false);
        var tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
        int j = tokens.Count - 1;
        if (j < 0 || tokens[j].Span.End != text.Length) return (-1, false);
        bool sawCall = false;
        while (true)
        {
            var t = tokens[j];
            if (t.IsKind(SyntaxKind.CloseParenToken) || t.IsKind(SyntaxKind.CloseBracketToken))
            {
                int open = MatchOpen(tokens, j);
                if (open < 0) return (-1, false);
                sawCall = true;
                if (open > 0 && IsPrimaryEnd(tokens[open - 1]))
                {
                    j = open - 1;
                    continue;
                }
                return (tokens[open].SpanStart, false);
            }
            if (t.IsKind(SyntaxKind.GreaterThanToken))
            {
                int open = MatchGenericOpen(tokens, j);
                if (open <= 0 || !tokens[open - 1].IsKind(SyntaxKind.IdentifierToken)) return (-1, false);
                j = open - 1;
                continue;
            }
            if (t.IsKind(SyntaxKind.NumericLiteralToken)) return (-1, false); // `1.` is the start of a number
            if (!IsAtom(t)) return (-1, false);
            int k = j - 1;
            if (k >= 0 && (tokens[k].IsKind(SyntaxKind.DotToken) || tokens[k].IsKind(SyntaxKind.ColonColonToken)))
            {
                int m = k - 1;
                if (m >= 0 && (tokens[m].IsKind(SyntaxKind.QuestionToken) || tokens[m].IsKind(SyntaxKind.ExclamationToken))) m--;
                if (m >= 0 && IsPrimaryEnd(tokens[m]))
                {
                    j = m;
                    continue;
                }
                return (-1, false);
            }
            if (k >= 0 && tokens[k].IsKind(SyntaxKind.NewKeyword))
                return sawCall ? (tokens[k].SpanStart, false) : (t.SpanStart, true);
            return (t.SpanStart, false);
        }
    }

    private static bool IsAtom(SyntaxToken t) =>
        t.IsKind(SyntaxKind.IdentifierToken) || t.IsKind(SyntaxKind.ThisKeyword) || t.IsKind(SyntaxKind.BaseKeyword)
        || t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.CharacterLiteralToken)
        || t.IsKind(SyntaxKind.TrueKeyword) || t.IsKind(SyntaxKind.FalseKeyword)
        || SyntaxFacts.IsPredefinedType(t.Kind()) || t.IsKind(SyntaxKind.GlobalKeyword);

    private static bool IsPrimaryEnd(SyntaxToken t) =>
        IsAtom(t) || t.IsKind(SyntaxKind.CloseParenToken) || t.IsKind(SyntaxKind.CloseBracketToken) || t.IsKind(SyntaxKind.GreaterThanToken);

    private static int MatchOpen(List<SyntaxToken> tokens, int close)
    {
        int depth = 0;
        for (int i = close; i >= 0; i--)
        {
            var k = tokens[i].Kind();
            if (k is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken) depth++;
            else if (k is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken && --depth == 0) return i;
        }
        return -1;
    }

    // Generic arguments hold only names, dots, commas, `?`, `[]` and nested `<>`; anything else
    // means the `>` was a comparison.
    private static int MatchGenericOpen(List<SyntaxToken> tokens, int close)
    {
        int depth = 0;
        for (int i = close; i >= 0; i--)
        {
            var k = tokens[i].Kind();
            if (k == SyntaxKind.GreaterThanToken) depth++;
            else if (k == SyntaxKind.LessThanToken && --depth == 0) return i;
            else if (!(k is SyntaxKind.IdentifierToken or SyntaxKind.DotToken or SyntaxKind.CommaToken or SyntaxKind.QuestionToken
                     or SyntaxKind.OpenBracketToken or SyntaxKind.CloseBracketToken) && !SyntaxFacts.IsPredefinedType(k)) return -1;
        }
        return -1;
    }
}
