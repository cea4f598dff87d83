using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// Builds the inline-completion prompt: fill-in-the-middle windows around the cursor, the shape of
/// the answer wanted, and the context header (docs/context-header.md).
/// </summary>
public static class PromptContextBuilder
{
    /// <summary>The prefix window starts on a line whose number is a multiple of this, so it moves
    /// only in big steps and consecutive keystrokes share the prompt start (the engine's prefix cache).</summary>
    public const int PrefixLineStep = 8;

    /// <summary>With a fresh declaration header (no cache across calls) or none: for tools and tests.
    /// The server's pipeline passes its own sources, whose caches live as long as it does.</summary>
    public static Task<PromptContext> BuildAsync(Document document, int position, NanoTokenizer tokenizer,
        PromptBudget budget, bool includeHeader, CancellationToken cancellationToken) =>
        BuildAsync(document, position, tokenizer, budget, includeHeader ? [new DeclarationHeaderSource()] : [], cancellationToken);

    /// <param name="sources">What goes ahead of the windows, in order, sharing the header budget (none: the
    /// "without context" ablation).</param>
    /// <param name="suffixStart">Where the suffix window starts, when not at <paramref name="position"/>: the caret after
    /// the letters typed of a word whose start is <paramref name="position"/> (the completion list's ranking). The
    /// typed letters are in neither window, so the prompt is the one the document had before they were typed, and the
    /// middle it asks for is the whole word.</param>
    public static async Task<PromptContext> BuildAsync(Document document, int position, NanoTokenizer tokenizer,
        PromptBudget budget, IReadOnlyList<IContextSource> sources, CancellationToken cancellationToken, int? suffixStart = null)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (position < 0 || position > text.Length)
            throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is outside the document (length {text.Length}).");
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);

        var line = text.Lines.GetLineFromPosition(position);
        int from = Math.Clamp(suffixStart ?? position, position, line.End);
        string linePrefix = text.ToString(TextSpan.FromBounds(line.Start, position));
        string lineSuffix = text.ToString(TextSpan.FromBounds(from, line.End));
        string indentation = Indentation(text, line);

        int prefixStart = PrefixWindowStart(text, line.LineNumber, position, tokenizer, budget.PrefixTokens);
        int suffixEnd = SuffixWindowEnd(text, line, from, tokenizer, budget.SuffixTokens);
        string prefix = text.ToString(TextSpan.FromBounds(prefixStart, position));
        string suffix = text.ToString(TextSpan.FromBounds(from, suffixEnd));

        var shape = DetectShape(root, position, linePrefix, lineSuffix);
        string header = "";
        int left = budget.HeaderTokens;
        for (int i = 0; i < sources.Count && left > 0; i++)
        {
            string part = await sources[i].GetAsync(document, position, TextSpan.FromBounds(prefixStart, suffixEnd),
                tokenizer, left, cancellationToken).ConfigureAwait(false);
            part = part.TrimEnd('\n');
            if (part.Length == 0) continue;
            // One part per line run: the declarations end without a newline, the neighbours with one, and the
            // prompt adds its own after the whole (training/sampler.py joins them the same way).
            header = header.Length == 0 ? part : header + "\n" + part;
            if (i < sources.Count - 1) left -= tokenizer.Encode(part).Length; // only a later source needs the count
        }
        return new PromptContext(header, prefix, suffix, shape, linePrefix, lineSuffix,
            NextNonEmptyLine(text, line.LineNumber), indentation);
    }

    /// <summary>The earliest line start whose window up to the cursor fits the budget, rounded up to a
    /// multiple of <see cref="PrefixLineStep"/> lines (never past the cursor line).</summary>
    internal static int PrefixWindowStart(SourceText text, int cursorLine, int position, NanoTokenizer tokenizer, int budget)
    {
        var lines = text.Lines;
        int used = tokenizer.Encode(text.ToString(TextSpan.FromBounds(lines[cursorLine].Start, position))).Length;
        int earliest = cursorLine;
        for (int n = cursorLine - 1; n >= 0; n--)
        {
            used += tokenizer.Encode(text.ToString(lines[n].SpanIncludingLineBreak)).Length;
            if (used > budget) break;
            earliest = n;
        }
        int aligned = (earliest + PrefixLineStep - 1) / PrefixLineStep * PrefixLineStep;
        return lines[Math.Min(aligned, cursorLine)].Start;
    }

    /// <summary>The suffix window ends at a line end: the rest of the cursor line, then whole lines while they fit.</summary>
    internal static int SuffixWindowEnd(SourceText text, TextLine cursorLine, int position, NanoTokenizer tokenizer, int budget)
    {
        var lines = text.Lines;
        int end = cursorLine.EndIncludingLineBreak;
        int used = tokenizer.Encode(text.ToString(TextSpan.FromBounds(position, end))).Length;
        for (int n = cursorLine.LineNumber + 1; n < lines.Count; n++)
        {
            used += tokenizer.Encode(text.ToString(lines[n].SpanIncludingLineBreak)).Length;
            if (used > budget) break;
            end = lines[n].EndIncludingLineBreak;
        }
        return Math.Max(end, position);
    }

    /// <summary>MultiLine at the end of a line that opens a block, or on an empty line inside a body.</summary>
    internal static SuggestionShape DetectShape(SyntaxNode? root, int position, string linePrefix, string lineSuffix)
    {
        if (lineSuffix.Trim().Length != 0) return SuggestionShape.SingleLine;
        string before = linePrefix.TrimEnd();
        if (before.EndsWith('{')) return SuggestionShape.MultiLine;
        if (before.Length != 0 || root is null) return SuggestionShape.SingleLine;

        var token = root.FindToken(Math.Max(0, position - 1));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BlockSyntax block when block.OpenBraceToken.Span.End <= position && position <= block.CloseBraceToken.SpanStart:
                    return SuggestionShape.MultiLine;
                case BaseTypeDeclarationSyntax type when type.OpenBraceToken.Span.End <= position && position <= type.CloseBraceToken.SpanStart:
                    return SuggestionShape.MultiLine;
                case SwitchSectionSyntax:
                    return SuggestionShape.MultiLine;
            }
        }
        return SuggestionShape.SingleLine;
    }

    private static string NextNonEmptyLine(SourceText text, int cursorLine)
    {
        for (int n = cursorLine + 1; n < text.Lines.Count; n++)
        {
            string s = text.ToString(text.Lines[n].Span);
            if (s.Trim().Length != 0) return s;
        }
        return "";
    }

    /// <summary>The cursor line's indentation; on a blank line, the one its block implies (the line above's,
    /// one level deeper after an opening brace), since editors often leave blank lines unindented.</summary>
    private static string Indentation(SourceText text, TextLine line)
    {
        string current = text.ToString(line.Span);
        if (current.Trim().Length != 0 || current.Length > 0) return LeadingWhitespace(current);
        for (int n = line.LineNumber - 1; n >= 0; n--)
        {
            string above = text.ToString(text.Lines[n].Span);
            if (above.Trim().Length == 0) continue;
            string indent = LeadingWhitespace(above);
            return above.TrimEnd().EndsWith('{') ? indent + (indent.Contains('\t') ? "\t" : "    ") : indent;
        }
        return "";
    }

    private static string LeadingWhitespace(string s) => s[..(s.Length - s.TrimStart(' ', '\t').Length)];
}
