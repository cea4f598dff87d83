using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Workspace;

/// <summary>
/// Cuts the edit history Roslyn keeps inside an open document's text. Each <c>SourceText.WithChanges</c> makes a text
/// that records its changes and, weakly, the text before it, linked to that text's record; a link is dropped only
/// once every older text is gone. But an edited text stores its unchanged stretches as slices of the text it came
/// from, so the text as opened stays alive while any of its characters is still in the document, and with it every
/// link since: one more per edit for as long as the file is open (about 100 bytes and a weak GC handle each, and each
/// new link walks the whole chain; a soak's heap held 22,871 more links after 28,000 keystrokes than after 6,000).
/// Every <see cref="EditsBeforeCut"/> edits the document's text is replaced by a plain copy of itself: the history and
/// the opened text can then go, for one full parse of the document instead of an incremental one.
/// Not thread-safe: <see cref="WorkspaceManager"/> calls it under its lock.
/// </summary>
public sealed class EditHistory
{
    /// <summary>Edits of one document between cuts: a full parse of a 5,000-line file (tens of milliseconds) every
    /// 2,000 edits against a chain of at most 2,000 links.</summary>
    public const int EditsBeforeCut = 2_000;

    private readonly Dictionary<string, int> _edits = new(StringComparer.Ordinal);

    /// <summary>The text to keep for <paramref name="path"/> after <paramref name="count"/> more edits made <paramref name="edited"/>.</summary>
    public SourceText AfterEdits(string path, SourceText edited, int count = 1)
    {
        int edits = _edits.GetValueOrDefault(path) + Math.Max(1, count);
        if (edits < EditsBeforeCut)
        {
            _edits[path] = edits;
            return edited;
        }
        _edits[path] = 0;
        return SourceText.From(edited.ToString(), edited.Encoding, edited.ChecksumAlgorithm);
    }

    /// <summary>The document was opened anew or closed: its count starts again.</summary>
    public void Forget(string path) => _edits.Remove(path);
}
