using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Workspace;

/// <summary>
/// Gives every copy of a file (one path in several projects: each framework of a multi-targeting project) its new text.
/// The copy that answers (<see cref="PreferredDocument.Find"/>) takes it as an edit, so its tree is parsed incrementally
/// from the last one; the others take it as new contents, parsed whole if anything ever asks for their tree.
/// Why: an edited document's tree is a lazy incremental parse of the previous version's tree, and a copy whose tree
/// nobody asks for (no feature reads the other frameworks' copies while the user types) kept every version it was
/// ever given, each with its text: a soak on JoshClose/CsvHelper (files in several frameworks' projects) kept four
/// such links per keystroke, and its GC heap grew 133 -> 144 MB between 2,000 and 9,000 keystrokes. Roslyn's own
/// workspace shares one tree between linked copies, but through API it keeps internal.
/// </summary>
public static class LinkedFileText
{
    public static Solution WithText(Solution solution, string path, SourceText text, PreservationMode mode, out bool known)
    {
        var ids = solution.GetDocumentIdsWithFilePath(path);
        known = !ids.IsEmpty;
        if (ids.Length <= 1)
            return ids.IsEmpty ? solution : solution.WithDocumentText(ids[0], text, mode);
        var answering = PreferredDocument.Find(solution, path);
        // The copies are given a text together: when the answering one holds this very text, so do the others.
        if (answering is not null && answering.TryGetText(out var held) && held == text)
            return solution;
        foreach (var id in ids)
        {
            if (id == answering?.Id)
            {
                solution = solution.WithDocumentText(id, text, mode);
                continue;
            }
            if (solution.GetDocument(id) is not { } copy)
                continue;
            var version = copy.TryGetTextVersion(out var last) ? last.GetNewerVersion() : VersionStamp.Create();
            solution = solution.WithDocumentTextLoader(id, TextLoader.From(TextAndVersion.Create(text, version, path)), mode);
        }
        return solution;
    }
}
