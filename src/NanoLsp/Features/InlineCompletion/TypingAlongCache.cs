using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Typing along a shown suggestion: when the text before the cursor grows by exactly the characters
/// the suggestion started with (and the text after it is unchanged), the rest of the suggestion is
/// the answer, without the model. One entry per document: the last suggestion shown there.
/// </summary>
public sealed class TypingAlongCache
{
    private sealed record Entry(string Prefix, string Suffix, string Suggestion);

    private readonly ConcurrentDictionary<DocumentId, Entry> _entries = new();

    public void Remember(DocumentId document, string prefix, string suffix, string suggestion)
    {
        if (suggestion.Length > 0)
            _entries[document] = new Entry(prefix, suffix, suggestion);
        else
            _entries.TryRemove(document, out _);
    }

    public void Forget(DocumentId document) => _entries.TryRemove(document, out _);

    /// <summary>The remainder of the last suggestion, or null when the user did not type along it.
    /// A hit becomes the new entry, so typing on keeps hitting.</summary>
    public string? TryTypeAlong(DocumentId document, string prefix, string suffix)
    {
        if (!_entries.TryGetValue(document, out var last)) return null;
        if (prefix.Length <= last.Prefix.Length || suffix != last.Suffix || !prefix.StartsWith(last.Prefix, StringComparison.Ordinal))
            return null;
        int typed = prefix.Length - last.Prefix.Length;
        if (typed >= last.Suggestion.Length || string.CompareOrdinal(prefix, last.Prefix.Length, last.Suggestion, 0, typed) != 0)
            return null;
        string rest = last.Suggestion[typed..];
        _entries[document] = new Entry(prefix, suffix, rest);
        return rest;
    }
}
