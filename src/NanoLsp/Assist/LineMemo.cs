using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Assist;

/// <summary>
/// What the member monitors of one line learned from Roslyn (the names at each site, the names in scope), kept for
/// the next keystroke's monitor on the same line. Typing along a line changes only that line, and nothing the
/// monitor asks depends on it: a receiver before the caret binds as it did, and the names in scope are those of the
/// same block (a name the line itself declares counts through the text written). Each keystroke's monitor has a new
/// semantic model, and its first question made Roslyn bind the method's body again: on the docfx typing bench the
/// monitors spent 2.2 s of a 6.3 s decode budget binding receivers and looking up the names in scope, most of it
/// for the same answers as the keystroke before (docs/repository-memory.md, "The monitor's questions, once a line").
/// Kept per document for the line as long as every other line is unchanged (a fingerprint of the text around it);
/// an edit elsewhere, in another file, or to the project may leave an answer stale until the line changes, which
/// at worst allows a name that has just gone or forbids one just added, as the monitor already does for names it
/// cannot know.
/// </summary>
internal sealed class LineMemo
{
    private const int MaxDocuments = 64;
    private static readonly ConcurrentDictionary<DocumentId, LineMemo> s_byDocument = new();

    private readonly int _lineStart;
    private readonly long _fingerprint;

    /// <summary>Names allowed at a site, by the monitor's site key (kind, receiver, receiver offset); null: unresolved.</summary>
    public ConcurrentDictionary<string, NameSet?> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>The names in scope on the line, once a monitor looked them up.</summary>
    public ScopeNames? Scope { get; set; }

    private LineMemo(int lineStart, long fingerprint) => (_lineStart, _fingerprint) = (lineStart, fingerprint);

    /// <summary>The memo of the line holding <paramref name="position"/>: the last one of the document when every
    /// other line is as it was, else a new one (which replaces it).</summary>
    public static LineMemo For(DocumentId document, SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        long fingerprint = Fingerprint(text, line.Start, line.End);
        if (s_byDocument.TryGetValue(document, out var memo) && memo._lineStart == line.Start && memo._fingerprint == fingerprint)
            return memo;
        if (s_byDocument.Count >= MaxDocuments) s_byDocument.Clear();
        memo = new LineMemo(line.Start, fingerprint);
        s_byDocument[document] = memo;
        return memo;
    }

    /// <summary>A hash of the text before the line and after it, with their lengths.</summary>
    private static long Fingerprint(SourceText text, int lineStart, int lineEnd)
    {
        var hash = new HashCode();
        var buffer = ArrayPool<char>.Shared.Rent(8192);
        try
        {
            foreach (var (start, end) in new[] { (0, lineStart), (lineEnd, text.Length) })
            {
                for (int at = start; at < end; at += buffer.Length)
                {
                    int count = Math.Min(buffer.Length, end - at);
                    text.CopyTo(at, buffer, 0, count);
                    hash.AddBytes(MemoryMarshal.AsBytes(buffer.AsSpan(0, count)));
                }
                hash.Add(end - start);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return ((long)hash.ToHashCode() << 32) ^ (uint)(text.Length - (lineEnd - lineStart));
    }
}
