using Microsoft.CodeAnalysis.CSharp;
using NanoLsp.Model;

namespace NanoLsp.Memory;

/// <summary>Where a repository candidate came from.</summary>
public enum CandidateKind { Line, Identifier }

/// <summary>A continuation copied from the repository: the text to insert at the cursor, and how often the
/// repository supports it (occurrences; those in the edited document count double).</summary>
public sealed record MemoryCandidate(string Text, CandidateKind Kind, double Support);

/// <summary>
/// The repository memory as one request sees it: the segments to search, each with the documents it must
/// skip (those a newer overlay replaced, and the edited document, whose live text is its own segment).
/// </summary>
public sealed class MemoryView
{
    private readonly IReadOnlyList<(MemorySegment Segment, Func<string, bool> Skip, bool Local)> _segments;

    internal MemoryView(IReadOnlyList<(MemorySegment, Func<string, bool>, bool)> segments, string path, IReadOnlyList<string> roots)
    {
        _segments = segments;
        Path = path;
        Roots = roots;
    }

    public string Path { get; }
    public IReadOnlyList<string> Roots { get; }

    /// <summary>What followed the end of <paramref name="context"/> elsewhere (channel 1, mixing).</summary>
    internal List<TokenMatch> Continuations(ReadOnlySpan<int> context)
    {
        var matches = new List<TokenMatch>();
        foreach (var (segment, skip, local) in _segments)
            segment.FindContinuations(context, skip, matches, local);
        return matches;
    }

    /// <summary>Channel 2: rests of lines that start with the typed line (after its indentation), and rests of
    /// identifiers that start with the fragment before the cursor, most supported first.</summary>
    /// <param name="typedLine">The cursor's line before the cursor, indentation removed.</param>
    public IReadOnlyList<MemoryCandidate> Candidates(string typedLine, int maxLines = 3, int maxWords = 2)
    {
        var result = new List<MemoryCandidate>();
        if (typedLine.Length > 0)
        {
            var lines = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (segment, skip, local) in _segments)
                segment.FindLines(typedLine, skip, lines, local ? 2 : 1);
            foreach (var (line, support) in lines.OrderByDescending(l => l.Value).ThenBy(l => l.Key.Length).Take(maxLines))
                result.Add(new MemoryCandidate(line[typedLine.Length..], CandidateKind.Line, support));
        }
        string fragment = IdentifierFragment(typedLine);
        if (fragment.Length > 0)
        {
            var words = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (segment, skip, local) in _segments)
                segment.FindWords(fragment, skip, words, local ? 2 : 1);
            foreach (var (word, support) in words.OrderByDescending(w => w.Value).Take(maxWords))
            {
                string rest = word[fragment.Length..];
                if (!result.Any(r => r.Text == rest)) result.Add(new MemoryCandidate(rest, CandidateKind.Identifier, support));
            }
        }
        return result;
    }

    /// <summary>Channel 3: the windows of other files most like <paramref name="recentLines"/>, best first.</summary>
    internal IReadOnlyList<WindowMatch> Neighbours(IReadOnlyList<string> recentLines, int count, double minSimilarity)
    {
        var query = MemorySegment.WindowIdentifiers(recentLines, 0, recentLines.Count);
        if (query.Count == 0) return [];
        var found = new List<WindowMatch>();
        foreach (var (segment, skip, local) in _segments)
            if (!local) segment.FindWindows(query, p => p == Path || skip(p), found);
        return found.Where(w => w.Similarity >= minSimilarity).OrderByDescending(w => w.Similarity).ThenBy(w => w.Path, StringComparer.Ordinal)
            .ThenBy(w => w.StartLine).Take(count).ToList();
    }

    /// <summary>The identifier characters right before the cursor ("" after a space or punctuation).</summary>
    public static string IdentifierFragment(string typed)
    {
        int i = typed.Length;
        while (i > 0 && SyntaxFacts.IsIdentifierPartCharacter(typed[i - 1])) i--;
        return i < typed.Length && !char.IsDigit(typed[i]) ? typed[i..] : "";
    }
}
