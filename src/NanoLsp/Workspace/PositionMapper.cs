using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using LspRange = NanoLsp.Protocol.Range;

namespace NanoLsp.Workspace;

/// <summary>
/// All LSP &lt;-&gt; Roslyn position and range conversion lives here. LSP positions are zero-based
/// lines and UTF-16 columns, and so are Roslyn's SourceText offsets (it stores UTF-16), so the
/// mapping is exact. A line past the end of the file is an error the client hears about; a column
/// past the end of its line is clamped to the line end, as the LSP specification says.
/// </summary>
public static class PositionMapper
{
    public static int ToOffset(SourceText text, Position position)
    {
        if (position.Line < 0 || position.Character < 0)
            throw LspException.InvalidParams($"Position {Describe(position)} is negative.");
        var lines = text.Lines;
        if (position.Line >= lines.Count)
        {
            // A position just past the last line's end is how some clients address end-of-file.
            if (position.Line == lines.Count && position.Character == 0)
                return text.Length;
            throw LspException.InvalidParams(
                $"Position {Describe(position)} is past the end of the document, which has {lines.Count} line(s).");
        }
        var line = lines[position.Line];
        return line.Start + Math.Min(position.Character, line.End - line.Start);
    }

    public static Position ToPosition(SourceText text, int offset)
    {
        var clamped = Math.Clamp(offset, 0, text.Length);
        var linePosition = text.Lines.GetLinePosition(clamped);
        return new Position(linePosition.Line, linePosition.Character);
    }

    public static LspRange ToRange(SourceText text, TextSpan span) =>
        new(ToPosition(text, span.Start), ToPosition(text, span.End));

    public static LspRange ToRange(LinePositionSpan span) =>
        new(new Position(span.Start.Line, span.Start.Character), new Position(span.End.Line, span.End.Character));

    public static TextSpan ToSpan(SourceText text, LspRange range)
    {
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        if (end < start)
            throw LspException.InvalidParams($"Range end {Describe(range.End)} is before its start {Describe(range.Start)}.");
        return TextSpan.FromBounds(start, end);
    }

    private static string Describe(Position p) => $"{p.Line}:{p.Character}";
}
