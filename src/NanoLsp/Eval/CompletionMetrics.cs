namespace NanoLsp.Eval;

/// <summary>
/// The evaluation contract's metrics (docs/architecture.md), in the one place eval and the tests use,
/// computed exactly as training/eval/complete.py does so numbers compare across the project.
/// </summary>
public static class CompletionMetrics
{
    public sealed record Summary(int Cases, double ExactMatch, double EditSimilarity, double CharsSaved, double WrongShown, double Shown);

    public static Summary Compute(IReadOnlyList<(string Completion, string Expected)> pairs)
    {
        int n = pairs.Count;
        int exact = 0, saved = 0, wrong = 0, shown = 0, total = 0;
        double similarity = 0;
        foreach (var (completion, expected) in pairs)
        {
            string first = FirstLine(completion);
            if (first.TrimEnd() == expected.TrimEnd()) exact++;
            similarity += EditSimilarity(first, expected);
            total += expected.Length;
            if (completion.Length == 0) continue;
            shown++;
            if (expected.StartsWith(completion, StringComparison.Ordinal)) saved += completion.Length;
            else wrong++;
        }
        return new Summary(n, exact / (double)Math.Max(n, 1), similarity / Math.Max(n, 1), saved / (double)Math.Max(total, 1),
            wrong / (double)Math.Max(shown, 1), shown / (double)Math.Max(n, 1));
    }

    public static string FirstLine(string text) => text.IndexOf('\n') is var i and >= 0 ? text[..i].TrimEnd('\r') : text;

    /// <summary>1 - Levenshtein / max length (1 for two empty strings).</summary>
    public static double EditSimilarity(string a, string b) => 1 - Levenshtein(a, b) / (double)Math.Max(Math.Max(a.Length, b.Length), 1);

    /// <summary>Plain, case-sensitive Levenshtein. Hand-written: Features/Hover/EditDistance is the
    /// case-insensitive, swap-aware distance for typo suggestions, not the contract's metric.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>Nearest-rank percentile of latencies in milliseconds (0 for none).</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
