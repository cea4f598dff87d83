namespace NanoLsp.Features.Hover;

/// <summary>
/// Edit distance (Levenshtein with adjacent swaps) and "closest names" for unknown identifiers. Hand-written because Roslyn's
/// own EditDistance is internal and no served package offers a small one; it is the textbook
/// dynamic programme, case-insensitive because a wrong case is the commonest typo.
/// </summary>
public static class EditDistance
{
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        var beforePrevious = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                // A swap of two neighbours ("Cuont") counts as one edit (optimal string alignment).
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);

    /// <summary>Up to <paramref name="count"/> candidates within a third of the name's length (at least 1, at most 3 edits), nearest first.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count = 3)
    {
        var limit = Math.Clamp((name.Length + 2) / 3, 1, 3);
        return candidates
            .Where(c => c.Length > 0 && c != name)
            .Distinct(StringComparer.Ordinal)
            .Select(c => (c, d: Levenshtein(name, c)))
            .Where(x => x.d <= limit)
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.c)
            .ToList();
    }
}
