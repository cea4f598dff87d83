using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Memory;

/// <summary>The channels through which the repository memory reaches inline completion, each with its own
/// switch (docs/repository-memory.md).</summary>
[Flags]
public enum MemoryChannels
{
    None = 0,
    /// <summary>The model's next-token distribution interpolated with what followed the same tokens in the repository.</summary>
    Mixing = 1,
    /// <summary>Whole-line and identifier continuations copied from the repository, scored by the model.</summary>
    Candidates = 2,
    /// <summary>Windows of other files that look like the code at the cursor, ahead of the FIM prompt.</summary>
    Neighbours = 4,
    /// <summary>The decoding monitor also restricts names at name sites to those in scope (MonitorKinds.Names).</summary>
    Names = 8,
    All = Mixing | Candidates | Neighbours | Names,
}

public static class MemoryChannelsExtensions
{
    /// <summary>Whether any of these channels reads the index (names in scope asks Roslyn, not the memory).</summary>
    public static bool UseIndex(this MemoryChannels channels) =>
        (channels & (MemoryChannels.Mixing | MemoryChannels.Candidates | MemoryChannels.Neighbours)) != 0;
}

/// <summary>What the memory holds, for the log, the progress report and the benchmark.</summary>
public sealed record MemoryFigures(int Documents, long Tokens, long ApproximateBytes, TimeSpan BuildTime, int Skipped);

/// <summary>
/// The repository memory: an index of the workspace's C# documents (open buffers included) that the
/// inline pipeline asks "where did this context occur before, and what followed". Built once in the
/// background after the workspace loads (in chunks, so progress can be reported), then kept current by
/// <see cref="SyncAsync"/>: a changed, new or deleted document gets an overlay segment that hides its old
/// entry. Readers take the current state (immutable) without locks. Only files under the workspace roots
/// enter it, never generated (obj/, bin/), huge or undecodable ones.
/// </summary>
public sealed class RepositoryMemory
{
    /// <summary>A file larger than this (characters) is data or generated code: it would dominate the counts.</summary>
    public const int MaxDocumentLength = 512 * 1024;
    private const int ChunkDocuments = 256;
    private const int CompactAfter = 64;

    private sealed record State(
        ImmutableArray<MemorySegment> Base,
        ImmutableDictionary<string, MemorySegment> Overlay,
        ImmutableDictionary<string, ImmutableArray<byte>> Seen, // content hashes: the texts themselves stay Roslyn's to evict
        NanoTokenizer Tokenizer,
        IReadOnlyList<string> Roots);

    private volatile State? _state;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly LocalSegments _local = new();

    public bool IsReady => _state is not null;

    public MemoryFigures Figures { get; private set; } = new(0, 0, 0, TimeSpan.Zero, 0);

    /// <summary>Indexes every admitted document of <paramref name="solution"/> from scratch.</summary>
    /// <param name="progress">Called after each chunk with (documents done, documents in all).</param>
    public async Task<MemoryFigures> BuildAsync(Solution solution, IReadOnlyList<string> roots, NanoTokenizer tokenizer,
        Action<int, int>? progress, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read and indexed a chunk at a time: the texts of the whole repository are never held at once.
            var admitted = Admitted(solution, roots).GroupBy(d => d.FilePath!, StringComparer.Ordinal).Select(g => g.First()).ToList();
            var segments = ImmutableArray.CreateBuilder<MemorySegment>();
            var seen = ImmutableDictionary.CreateBuilder<string, ImmutableArray<byte>>(StringComparer.Ordinal);
            int skipped = 0, indexed = 0;
            for (int i = 0; i < admitted.Count; i += ChunkDocuments)
            {
                var chunk = new List<MemoryDocument>();
                foreach (var document in admitted.Skip(i).Take(ChunkDocuments))
                {
                    var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    seen[document.FilePath!] = text.GetContentHash();
                    if (Readable(text) is { } body) chunk.Add(new MemoryDocument(document.FilePath!, body));
                    else skipped++;
                }
                indexed += chunk.Count;
                segments.Add(new MemorySegment(chunk, tokenizer));
                progress?.Invoke(Math.Min(i + ChunkDocuments, admitted.Count), admitted.Count);
            }
            _lastSolution = solution;
            _state = new State(segments.ToImmutable(), ImmutableDictionary<string, MemorySegment>.Empty.WithComparers(StringComparer.Ordinal),
                seen.ToImmutable(), tokenizer, roots);
            Figures = new MemoryFigures(indexed, segments.Sum(s => s.TokenCount), segments.Sum(s => s.ApproximateBytes),
                Stopwatch.GetElapsedTime(start), skipped);
            return Figures;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Brings the memory up to <paramref name="solution"/>: documents whose text changed, new ones and
    /// deleted ones (renames are a delete and a new file). After the solution it last saw, only the documents
    /// Roslyn reports changed are read (a keystroke costs one document); after a reload, all of them.</summary>
    /// <returns>How many documents were indexed again or dropped.</returns>
    public async Task<int> SyncAsync(Solution solution, CancellationToken cancellationToken)
    {
        if (_state is null) return 0;
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state!;
            var (checkPaths, everything) = PathsToCheck(_lastSolution, solution, state.Roots);
            _lastSolution = solution;
            var current = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            var hashes = new Dictionary<string, ImmutableArray<byte>>(StringComparer.Ordinal);
            foreach (var document in Admitted(solution, state.Roots))
            {
                string path = document.FilePath!;
                if (current.ContainsKey(path) || (!everything && !checkPaths.Contains(path))) continue;
                current[path] = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                hashes[path] = current[path].GetContentHash();
            }
            var overlay = state.Overlay.ToBuilder();
            var seen = state.Seen.ToBuilder();
            int changed = 0;
            foreach (var (path, text) in current)
            {
                bool same = state.Seen.TryGetValue(path, out var old) && old.SequenceEqual(hashes[path]);
                seen[path] = hashes[path];
                if (same) continue;
                overlay[path] = Readable(text) is { } body ? new MemorySegment([new MemoryDocument(path, body)], state.Tokenizer) : MemorySegment.Empty;
                changed++;
            }
            var gone = everything ? state.Seen.Keys.Where(p => !current.ContainsKey(p)) : checkPaths.Where(p => state.Seen.ContainsKey(p) && !current.ContainsKey(p));
            foreach (var path in gone.ToList())
            {
                seen.Remove(path);
                overlay[path] = MemorySegment.Empty;
                changed++;
            }
            if (changed == 0) return 0;
            var next = state with { Overlay = overlay.ToImmutable(), Seen = seen.ToImmutable() };
            if (next.Overlay.Values.Distinct().Count() > CompactAfter)
                next = Compact(next);
            _state = next;
            return changed;
        }
        finally
        {
            _writer.Release();
        }
    }

    private Solution? _lastSolution;

    /// <summary>The paths of documents Roslyn reports added, removed or changed since <paramref name="before"/>;
    /// everything when there is no comparable earlier solution (the first sync, a reload).</summary>
    private static (HashSet<string> Paths, bool Everything) PathsToCheck(Solution? before, Solution after, IReadOnlyList<string> roots)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (before is null || before.Id != after.Id) return (paths, true);
        var changes = after.GetChanges(before);
        foreach (var project in changes.GetAddedProjects()) foreach (var d in project.Documents) paths.Add(d.FilePath ?? "");
        foreach (var project in changes.GetRemovedProjects()) foreach (var d in project.Documents) paths.Add(d.FilePath ?? "");
        foreach (var project in changes.GetProjectChanges())
        {
            foreach (var id in project.GetAddedDocuments().Concat(project.GetChangedDocuments()))
                paths.Add(after.GetDocument(id)?.FilePath ?? "");
            foreach (var id in project.GetRemovedDocuments())
                paths.Add(before.GetDocument(id)?.FilePath ?? "");
        }
        paths.RemoveWhere(p => !IsAdmitted(p, roots));
        return (paths, false);
    }

    /// <summary>Folds the single-document overlays into one segment (queries walk each segment once).</summary>
    private static State Compact(State state)
    {
        var documents = state.Overlay.Where(o => o.Value.DocumentCount > 0)
            .Select(o => new MemoryDocument(o.Key, o.Value.TextOf(o.Key) ?? "")).ToList();
        var merged = new MemorySegment(documents, state.Tokenizer);
        var overlay = state.Overlay.ToImmutableDictionary(o => o.Key, o => o.Value.DocumentCount > 0 ? merged : MemorySegment.Empty, StringComparer.Ordinal);
        return state with { Overlay = overlay };
    }

    /// <summary>A view for one request: the memory as it is, with the document being edited read from its
    /// live text but without the cursor's line (what is being typed must not answer itself).</summary>
    public MemoryView? ViewAt(string path, SourceText text, int position)
    {
        var state = _state;
        if (state is null) return null;
        var local = _local.Get(path, text, text.Lines.GetLineFromPosition(position), state.Tokenizer);
        var segments = new List<(MemorySegment Segment, Func<string, bool> Skip, bool Local)>();
        foreach (var segment in state.Base)
            segments.Add((segment, p => p == path || state.Overlay.ContainsKey(p), false));
        foreach (var segment in state.Overlay.Values.Distinct())
            if (segment.DocumentCount > 0)
                segments.Add((segment, p => p == path || !ReferenceEquals(state.Overlay.GetValueOrDefault(p), segment), false));
        segments.Add((local, _ => false, true));
        return new MemoryView(segments, path, state.Roots);
    }

    /// <summary>The text to index, or null for a file too large or not decodable (replacement characters).</summary>
    private static string? Readable(SourceText text)
    {
        if (text.Length > MaxDocumentLength) return null;
        string body = text.ToString();
        return body.Contains('\uFFFD') ? null : body.Replace("\r\n", "\n");
    }

    /// <summary>C# documents under a workspace root, outside build output folders.</summary>
    public static IEnumerable<Document> Admitted(Solution solution, IReadOnlyList<string> roots) =>
        solution.Projects.SelectMany(p => p.Documents).Where(d => IsAdmitted(d.FilePath, roots));

    public static bool IsAdmitted(string? path, IReadOnlyList<string> roots)
    {
        if (path is null || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return false;
        string full = Path.GetFullPath(path);
        if (!roots.Any(r => full.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            return false;
        foreach (string part in full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
            if (part is "obj" or "bin" or ".git") return false;
        return true;
    }

    /// <summary>The edited document's segment (its text without the cursor's line), kept while the cursor stays
    /// on that line: typing along a line rebuilds nothing, and checking so costs no copy of the document.</summary>
    private sealed class LocalSegments
    {
        private sealed record Last(string Path, SourceText Text, TextSpan Line, int LineCount, MemorySegment Segment);
        private Last? _last;
        private readonly object _gate = new();

        /// <summary>Segments built (the tests count them).</summary>
        public int Builds { get; private set; }

        public MemorySegment Get(string path, SourceText text, TextLine line, NanoTokenizer tokenizer)
        {
            lock (_gate)
            {
                if (_last is { } last && last.Path == path && OnlyTheLineChanged(last, text, line))
                {
                    _last = last with { Text = text, Line = line.Span };
                    return last.Segment;
                }
            }
            string before = text.ToString(TextSpan.FromBounds(0, line.Start));
            string after = text.ToString(TextSpan.FromBounds(line.EndIncludingLineBreak, text.Length));
            var segment = new MemorySegment([new MemoryDocument(path, before), new MemoryDocument(path, after)], tokenizer);
            lock (_gate)
            {
                _last = new Last(path, text, line.Span, text.Lines.Count, segment);
                Builds++;
            }
            return segment;
        }

        /// <summary>Whether the text differs from the last one only inside the cursor's line (same start, no line
        /// added or removed): Roslyn's change ranges between text versions say so without comparing the texts;
        /// unrelated texts come back as one range over everything.</summary>
        private static bool OnlyTheLineChanged(Last last, SourceText text, TextLine line)
        {
            if (ReferenceEquals(last.Text, text)) return last.Line == line.Span;
            if (line.Start != last.Line.Start || text.Lines.Count != last.LineCount) return false;
            foreach (var change in text.GetChangeRanges(last.Text))
                if (change.Span.Start < last.Line.Start || change.Span.End > last.Line.End) return false;
            return true;
        }
    }

    /// <summary>Local segments built so far (tests).</summary>
    internal int LocalSegmentBuilds => _local.Builds;
}
