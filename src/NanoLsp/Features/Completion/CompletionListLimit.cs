using RoslynCompletionItem = Microsoft.CodeAnalysis.Completion.CompletionItem;

namespace NanoLsp.Features.Completion;

/// <summary>
/// At most <see cref="MaxItems"/> items in a list, as Roslyn's own language server sends (the rest come when the user
/// types more: the list is then marked incomplete, so the editor asks again). Where a word starts, Roslyn offers
/// every type of every namespace, about 3,800 items and 1.4 MB of JSON in JoshClose/CsvHelper, for the editor to
/// filter by the letters typed. Here the filter is the editor's own: the typed letters in order in the item's filter
/// text, the first one first (VS Code's fuzzy match); then items that start with what is typed, then Roslyn's order.
/// </summary>
public static class CompletionListLimit
{
    public const int MaxItems = 1000;

    /// <summary>The items to send, in Roslyn's order, and whether some were left out.</summary>
    public static (IReadOnlyList<RoslynCompletionItem> Items, bool Truncated) Apply(IReadOnlyList<RoslynCompletionItem> items, string typed)
    {
        if (items.Count <= MaxItems)
            return (items, false);
        var matching = typed.Length == 0 ? items : items.Where(i => Matches(i.FilterText, typed)).ToList();
        if (matching.Count <= MaxItems)
            return (matching, matching.Count < items.Count);
        var order = matching.Select((item, index) => (item, index)).ToList();
        var kept = order
            .OrderBy(p => p.item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(p => p.item.SortText, StringComparer.Ordinal)
            .Take(MaxItems)
            .OrderBy(p => p.index)
            .Select(p => p.item)
            .ToList();
        return (kept, true);
    }

    /// <summary>Every typed letter in order (ignoring case), the first one at the start of <paramref name="candidate"/>.</summary>
    public static bool Matches(string candidate, string typed)
    {
        if (typed.Length == 0)
            return true;
        if (candidate.Length == 0 || char.ToLowerInvariant(candidate[0]) != char.ToLowerInvariant(typed[0]))
            return false;
        var at = 1;
        for (var i = 1; i < typed.Length; i++)
        {
            var c = char.ToLowerInvariant(typed[i]);
            while (at < candidate.Length && char.ToLowerInvariant(candidate[at]) != c)
                at++;
            if (at == candidate.Length)
                return false;
            at++;
        }
        return true;
    }
}
