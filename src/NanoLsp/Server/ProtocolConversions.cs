using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using LspRange = NanoLsp.Protocol.Range;

namespace NanoLsp.Server;

/// <summary>
/// Every conversion between LSP and Roslyn lives here (as in Roslyn's own ProtocolConversions), so the
/// Workspace layer knows no protocol. Positions: LSP lines and UTF-16 columns map exactly onto SourceText
/// offsets (it stores UTF-16). A line past the end of the file is an error the client hears about; a
/// column past the end of its line is clamped to the line end, as the LSP specification says.
/// URIs: file:// URI &lt;-&gt; local path (clients percent-encode differently; paths are the key).
/// </summary>
public static class ProtocolConversions
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

    /// <summary>didChange's content changes applied in order, each against the text the previous one produced.</summary>
    public static SourceText Apply(SourceText text, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes)
        {
            text = change.Range is null
                ? SourceText.From(change.Text)
                : text.WithChanges(new TextChange(ToSpan(text, change.Range), change.Text));
        }
        return text;
    }

    public static string ToPath(string uri)
    {
        if (!TryToPath(uri, out var path))
            throw LspException.InvalidParams($"'{Shorten(uri)}' is not a file:// URI of a path; NanoLsp serves files on disk only.");
        return path;
    }

    /// <summary>The local path of a file:// URI; false for any other URI and for one whose path the system cannot take
    /// (a NUL character, <c>file:///a%00b</c>: the fuzzer's hover with it was an internal error until 2026-12-06).</summary>
    public static bool TryToPath(string uri, out string path)
    {
        path = "";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile || parsed.LocalPath.Contains('\0'))
            return false;
        try
        {
            path = Path.GetFullPath(parsed.LocalPath);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static string Shorten(string uri) => uri.Length <= 200 ? uri : uri[..200] + "...";

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>The document a URI names in a snapshot (the newest framework's, for a file of several projects).</summary>
    public static Document? FindDocument(Solution solution, string uri) =>
        TryToPath(uri, out var path) ? Workspace.PreferredDocument.Find(solution, path) : null;

    private static string Describe(Position p) => $"{p.Line}:{p.Character}";
}
