using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// Reuses a document's last header while the user types inside one identifier. After each keystroke
/// Roslyn has a new compilation, and the header's first semantic queries on it cost 20-40 ms on this
/// box; the header, however, depends only on the text outside the identifier at the cursor (which it
/// never resolves: a partial name), on the windows, and on the other documents. So that is the key:
/// the document text with that identifier cut out, the window bounds relative to it, the versions of
/// every other document the compilation sees, the budget and the tokenizer. Equal key, equal header.
/// </summary>
public sealed class HeaderCache
{
    private sealed record Key(DocumentId Document, string Text, int WindowStart, int WindowEndFromCursor,
        IReadOnlyList<(DocumentId, VersionStamp)> Others, int Budget, NanoTokenizer Tokenizer)
    {
        public bool Matches(Key other) =>
            Document == other.Document && Budget == other.Budget && ReferenceEquals(Tokenizer, other.Tokenizer)
            && WindowStart == other.WindowStart && WindowEndFromCursor == other.WindowEndFromCursor
            && string.Equals(Text, other.Text, StringComparison.Ordinal) && Others.SequenceEqual(other.Others);
    }

    private const int Capacity = 32;
    private readonly Dictionary<DocumentId, (Key Key, string Header, long Used)> Entries = new();
    private long _hits, _misses, _tick;

    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The identifier the cursor is in or touches: [start, end).</summary>
    public static (int Start, int End) IdentifierAt(SourceText text, int position)
    {
        int start = position, end = position;
        while (start > 0 && IsIdentifierChar(text[start - 1])) start--;
        while (end < text.Length && IsIdentifierChar(text[end])) end++;
        return (start, end);
    }

    public async Task<string> GetOrBuildAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer,
        int budget, Func<Task<string>> build, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(document, position, windows, tokenizer, budget, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            lock (Entries)
            {
                if (Entries.TryGetValue(document.Id, out var entry) && entry.Key.Matches(key))
                {
                    Interlocked.Increment(ref _hits);
                    Entries[document.Id] = entry with { Used = ++_tick };
                    return entry.Header;
                }
            }
        }
        Interlocked.Increment(ref _misses);
        string header = await build().ConfigureAwait(false);
        // Before the first build of a compilation the other documents may not be loaded yet; now they are.
        key ??= await KeyAsync(document, position, windows, tokenizer, budget, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            lock (Entries)
            {
                if (Entries.Count >= Capacity && !Entries.ContainsKey(document.Id))
                    Entries.Remove(Entries.MinBy(e => e.Value.Used).Key); // the least recently used document
                Entries[document.Id] = (key, header, ++_tick);
            }
        }
        return header;
    }

    private static async Task<Key?> KeyAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budget,
        CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var (start, end) = IdentifierAt(text, position);
        if (windows.Start > start || windows.End < end) return null;
        var others = new List<(DocumentId, VersionStamp)>();
        var solution = document.Project.Solution;
        var projects = new[] { document.Project.Id }.Concat(solution.GetProjectDependencyGraph().GetProjectsThatThisProjectTransitivelyDependsOn(document.Project.Id));
        foreach (var projectId in projects.OrderBy(p => p.Id))
        {
            if (solution.GetProject(projectId) is not { } project) continue;
            foreach (var other in project.Documents)
            {
                if (other.Id == document.Id) continue;
                if (!other.TryGetTextVersion(out var version)) return null; // not loaded yet: do not guess
                others.Add((other.Id, version));
            }
        }
        string cut = string.Concat(text.ToString(TextSpan.FromBounds(0, start)), "\u0001", text.ToString(TextSpan.FromBounds(end, text.Length)));
        return new Key(document.Id, cut, windows.Start, windows.End - end, others, budget, tokenizer);
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
