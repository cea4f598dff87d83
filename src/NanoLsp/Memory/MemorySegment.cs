using System.Text.RegularExpressions;
using NanoLsp.Model;

namespace NanoLsp.Memory;

/// <summary>One document's text as the repository memory reads it.</summary>
public sealed record MemoryDocument(string Path, string Text);

/// <summary>
/// An immutable index over a set of documents: their BPE tokens with sorted n-gram keys (where did this
/// token context occur, and what followed), their lines sorted (which lines start with what was typed),
/// their identifiers sorted with counts, and line windows with an inverted index of their identifiers
/// (which windows look like the code at the cursor). Sorted arrays rather than hash maps of lists: about
/// 30 bytes per token, built in one sort, and binary search answers a query in microseconds
/// (docs/repository-memory.md). Written by hand because no served library indexes token n-grams.
/// </summary>
internal sealed partial class MemorySegment
{
    public const int WindowLines = 12;
    private const int WindowStep = 6;
    private const int MaxScan = 1024; // positions or lines looked at per query, so a common context stays cheap

    private readonly string[] _paths;
    private readonly string[] _texts;
    private readonly int[] _tokens;        // every document's tokens, each followed by -1
    private readonly int[] _docStarts;     // index of each document's first token
    private readonly uint[] _bigramKeys;   // (t[p-2], t[p-1]) → p, sorted by key
    private readonly int[] _bigramNext;
    private readonly uint[] _fourKeys;     // hash(t[p-4..p-1]) → p, sorted by key
    private readonly int[] _fourNext;
    private readonly string[] _lines;      // trimmed lines of two characters or more, sorted ordinally
    private readonly int[] _lineDocs;
    private readonly string[] _words;      // identifiers, sorted, one entry per (word, document)
    private readonly int[] _wordCounts;
    private readonly int[] _wordDocs;
    private readonly (int Doc, int StartLine, int Lines, int Size)[] _windows;
    private readonly int[] _postingKeys;   // identifier hash → window, sorted by hash
    private readonly int[] _postingWindows;

    public static MemorySegment Empty { get; } = new([], null);

    public int DocumentCount => _paths.Length;
    public long TokenCount => _tokens.Length - _paths.Length;
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>Bytes the arrays hold (strings counted at two bytes a character), for the memory report.</summary>
    public long ApproximateBytes =>
        _tokens.Length * 4L + (_bigramKeys.Length + _fourKeys.Length) * 8L + _texts.Sum(t => 2L * t.Length + 24)
        + _lines.Sum(l => 2L * l.Length + 28) + _words.Sum(w => 2L * w.Length + 32) + _windows.Length * 16L + _postingKeys.Length * 8L;

    public MemorySegment(IReadOnlyList<MemoryDocument> documents, NanoTokenizer? tokenizer)
    {
        _paths = documents.Select(d => d.Path).ToArray();
        _texts = documents.Select(d => d.Text).ToArray();
        var tokens = new List<int>();
        _docStarts = new int[documents.Count];
        var lines = new List<(string, int)>();
        var words = new List<(string, int, int)>();
        var windows = new List<(int, int, int, int)>();
        var postings = new List<(int, int)>();
        for (int d = 0; d < documents.Count; d++)
        {
            string text = documents[d].Text;
            _docStarts[d] = tokens.Count;
            if (tokenizer is not null) tokens.AddRange(tokenizer.Encode(text));
            tokens.Add(-1);
            string[] docLines = text.Split('\n');
            foreach (string line in docLines)
            {
                string trimmed = line.Trim();
                if (trimmed.Length >= 2) lines.Add((trimmed, d));
            }
            foreach (var group in Identifier().Matches(text).GroupBy(m => m.Value, StringComparer.Ordinal))
                words.Add((group.Key, d, group.Count()));
            for (int start = 0; start < docLines.Length; start += WindowStep)
            {
                var ids = WindowIdentifiers(docLines, start, WindowLines);
                if (ids.Count == 0) continue;
                int window = windows.Count;
                windows.Add((d, start, Math.Min(WindowLines, docLines.Length - start), ids.Count));
                foreach (int id in ids) postings.Add((id, window));
            }
        }
        _tokens = tokens.ToArray();
        (_bigramKeys, _bigramNext) = Keys(2);
        (_fourKeys, _fourNext) = Keys(4);
        lines.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        _lines = lines.Select(l => l.Item1).ToArray();
        _lineDocs = lines.Select(l => l.Item2).ToArray();
        words.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        _words = words.Select(w => w.Item1).ToArray();
        _wordDocs = words.Select(w => w.Item2).ToArray();
        _wordCounts = words.Select(w => w.Item3).ToArray();
        _windows = windows.ToArray();
        postings.Sort();
        _postingKeys = postings.Select(p => p.Item1).ToArray();
        _postingWindows = postings.Select(p => p.Item2).ToArray();
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    /// <summary>Distinct identifier hashes of a run of lines (the similarity of two windows is their Jaccard).</summary>
    public static HashSet<int> WindowIdentifiers(IReadOnlyList<string> lines, int start, int count)
    {
        var ids = new HashSet<int>();
        for (int i = start; i < Math.Min(lines.Count, start + count); i++)
            foreach (Match m in Identifier().Matches(lines[i]))
                ids.Add(StringComparer.Ordinal.GetHashCode(m.Value));
        return ids;
    }

    /// <summary>The keys of every <paramref name="order"/>-token context followed by a token, sorted, with where the
    /// token is. Counted first and filled in place: no growing lists (their copies were most of the build's garbage).</summary>
    private (uint[] Keys, int[] Next) Keys(int order)
    {
        int count = 0;
        for (int p = order; p < _tokens.Length; p++)
            if (_tokens[p] >= 0 && Key(_tokens.AsSpan(p - order, order)) != uint.MaxValue) count++;
        var keys = new uint[count];
        var next = new int[count];
        for (int p = order, i = 0; p < _tokens.Length; p++)
        {
            if (_tokens[p] < 0) continue;
            uint key = Key(_tokens.AsSpan(p - order, order));
            if (key == uint.MaxValue) continue; // the context crosses a document boundary
            keys[i] = key;
            next[i++] = p;
        }
        Array.Sort(keys, next);
        return (keys, next);
    }

    /// <summary>The key of a token context: exact for two tokens of a vocabulary under 65,536 (two 16-bit halves),
    /// else an FNV-1a hash (a collision is told by comparing the tokens); MaxValue when it holds a document separator.
    /// Four bytes rather than eight: 6.6 MB less for docfx's 830 K tokens.</summary>
    public static uint Key(ReadOnlySpan<int> context)
    {
        foreach (int t in context) if (t < 0) return uint.MaxValue;
        if (context.Length == 2 && context[0] < 0x10000 && context[1] < 0x10000) return ((uint)context[0] << 16) | (uint)context[1];
        uint h = 2166136261;
        foreach (int t in context) { h ^= (uint)t; h *= 16777619; }
        return h == uint.MaxValue ? h - 1 : h;
    }

    /// <summary>Occurrences of the end of <paramref name="context"/> (four tokens when they occur, else two),
    /// each with how many tokens before it match and the token that followed.</summary>
    public void FindContinuations(ReadOnlySpan<int> context, Func<string, bool> skip, List<TokenMatch> matches, bool local)
    {
        if (context.Length < 2 || _tokens.Length == 0) return;
        int found = context.Length >= 4 ? Collect(_fourKeys, _fourNext, Key(context[^4..]), context, skip, matches, local) : 0;
        if (found == 0) Collect(_bigramKeys, _bigramNext, Key(context[^2..]), context, skip, matches, local);
    }

    private int Collect(uint[] keys, int[] next, uint key, ReadOnlySpan<int> context, Func<string, bool> skip, List<TokenMatch> matches, bool local)
    {
        int lo = LowerBound(keys, key), found = 0;
        for (int i = lo; i < keys.Length && keys[i] == key && found < MaxScan; i++)
        {
            int p = next[i];
            int doc = DocumentOf(p);
            if (skip(_paths[doc])) continue;
            int length = 0;
            while (length < context.Length && length < TokenMatch.MaxLength && p - 1 - length >= _docStarts[doc]
                   && _tokens[p - 1 - length] == context[context.Length - 1 - length])
                length++;
            if (length < 2) continue; // a hash collision
            matches.Add(new TokenMatch(_tokens[p], length, local));
            found++;
        }
        return found;
    }

    /// <summary>Lines that start with <paramref name="prefix"/> and go on, counted per distinct line.</summary>
    public void FindLines(string prefix, Func<string, bool> skip, Dictionary<string, double> counts, double weight)
    {
        int lo = LowerBound(_lines, prefix);
        for (int i = lo, seen = 0; i < _lines.Length && seen < MaxScan && _lines[i].StartsWith(prefix, StringComparison.Ordinal); i++, seen++)
        {
            if (_lines[i].Length == prefix.Length || skip(_paths[_lineDocs[i]])) continue;
            counts[_lines[i]] = counts.GetValueOrDefault(_lines[i]) + weight;
        }
    }

    /// <summary>Identifiers that start with <paramref name="fragment"/> and are longer, with their counts.</summary>
    public void FindWords(string fragment, Func<string, bool> skip, Dictionary<string, double> counts, double weight)
    {
        int lo = LowerBound(_words, fragment);
        for (int i = lo, seen = 0; i < _words.Length && seen < MaxScan && _words[i].StartsWith(fragment, StringComparison.Ordinal); i++, seen++)
        {
            if (_words[i].Length == fragment.Length || skip(_paths[_wordDocs[i]])) continue;
            counts[_words[i]] = counts.GetValueOrDefault(_words[i]) + weight * _wordCounts[i];
        }
    }

    /// <summary>Windows sharing identifiers with <paramref name="query"/>, by Jaccard similarity (identifiers in
    /// more than <paramref name="maxPostings"/> windows say nothing and are skipped).</summary>
    public void FindWindows(HashSet<int> query, Func<string, bool> skip, List<WindowMatch> best, int maxPostings = 2000)
    {
        var overlap = new Dictionary<int, int>();
        foreach (int id in query)
        {
            int lo = LowerBound(_postingKeys, id), hi = lo;
            while (hi < _postingKeys.Length && _postingKeys[hi] == id) hi++;
            if (hi - lo > maxPostings) continue;
            for (int i = lo; i < hi; i++) overlap[_postingWindows[i]] = overlap.GetValueOrDefault(_postingWindows[i]) + 1;
        }
        foreach (var (window, shared) in overlap)
        {
            var w = _windows[window];
            if (skip(_paths[w.Doc])) continue;
            double jaccard = shared / (double)(query.Count + w.Size - shared);
            best.Add(new WindowMatch(_paths[w.Doc], w.StartLine, jaccard, () => WindowText(w.Doc, w.StartLine, w.Lines)));
        }
    }

    /// <summary>The text indexed for <paramref name="path"/> (null: not in this segment).</summary>
    public string? TextOf(string path) => Array.IndexOf(_paths, path) is var i and >= 0 ? _texts[i] : null;

    private string WindowText(int doc, int startLine, int count) =>
        string.Join('\n', _texts[doc].Split('\n').Skip(startLine).Take(count));

    private int DocumentOf(int position)
    {
        int i = Array.BinarySearch(_docStarts, position);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The first index whose element is not below <paramref name="value"/>; strings compare ordinally
    /// (the arrays were sorted so; string's own CompareTo follows the culture).</summary>
    private static int LowerBound<T>(T[] sorted, T value)
    {
        var comparer = typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default;
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (comparer.Compare(sorted[mid], value) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

/// <summary>An earlier occurrence of the token context: the token that followed, how many context tokens
/// matched, and whether it is in the document being edited.</summary>
internal readonly record struct TokenMatch(int Next, int Length, bool Local)
{
    public const int MaxLength = 24;
}

/// <summary>A window of another file that looks like the code at the cursor.</summary>
internal sealed record WindowMatch(string Path, int StartLine, double Similarity, Func<string> Text);
