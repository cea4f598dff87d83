using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>What to do when the user types past a shown suggestion without taking it (<see cref="TypingAlongCache"/>).</summary>
public enum DeclinedSuggestion
{
    /// <summary>Go on showing its rest while the user types along it (before issue 17's typing sessions).</summary>
    Keep,
    /// <summary>Show nothing while the user types along it; ask the model once the text leaves it.</summary>
    Silent,
    /// <summary>Forget it and ask the model at once.</summary>
    AskModel,
}

/// <summary>The rest of the last suggestion after what was typed along it, and whether the user declined it.</summary>
public readonly record struct TypedAlong(string Rest, bool Declined);

/// <summary>
/// Typing along a suggestion: when the text before the cursor grows by exactly the characters the suggestion
/// started with (and the text after it is unchanged), the rest of the suggestion is the answer, without the
/// model. One entry per document: the last suggestion made there, whole, with the part of it that was shown.
/// <para>
/// Typing some of the shown text, but not all of it, is a decline: an editor inserts a taken suggestion whole
/// (or a word of it at a time), so a user who types its first characters instead saw it and wanted something
/// else further on. Its rest was wrong before and is as wrong after each character typed along it: in the dev
/// typing sessions, re-showing it was half of all wrong suggestions (docs/repository-memory.md, "When to show").
/// The entry then stays, marked declined, so that typing on along it is still recognised.
/// </para>
/// </summary>
public sealed class TypingAlongCache
{
    private sealed record Entry(string Prefix, string Suffix, string Suggestion, string Shown, bool Declined);

    private readonly ConcurrentDictionary<DocumentId, Entry> _entries = new();

    /// <param name="shown">The part of <paramref name="suggestion"/> the user was shown (a prefix of it).</param>
    public void Remember(DocumentId document, string prefix, string suffix, string suggestion, string shown)
    {
        if (suggestion.Length > 0)
            _entries[document] = new Entry(prefix, suffix, suggestion, suggestion.StartsWith(shown, StringComparison.Ordinal) ? shown : "", false);
        else
            _entries.TryRemove(document, out _);
    }

    /// <summary>The remainder of the last suggestion, or null when the user did not type along it. A hit becomes
    /// the new entry, so typing on keeps hitting; <see cref="Showing"/> then records what of it was shown.</summary>
    public TypedAlong? TryTypeAlong(DocumentId document, string prefix, string suffix)
    {
        if (!_entries.TryGetValue(document, out var last)) return null;
        if (prefix.Length <= last.Prefix.Length || suffix != last.Suffix || !prefix.StartsWith(last.Prefix, StringComparison.Ordinal))
            return null;
        int typed = prefix.Length - last.Prefix.Length;
        if (typed >= last.Suggestion.Length || string.CompareOrdinal(prefix, last.Prefix.Length, last.Suggestion, 0, typed) != 0)
            return null;
        bool declined = last.Declined || typed < last.Shown.Length;
        string rest = last.Suggestion[typed..];
        _entries[document] = new Entry(prefix, suffix, rest, "", declined);
        return new TypedAlong(rest, declined);
    }

    /// <summary>What was shown of the entry that <see cref="TryTypeAlong"/> just made for <paramref name="prefix"/>.</summary>
    public void Showing(DocumentId document, string prefix, string shown)
    {
        if (_entries.TryGetValue(document, out var entry) && entry.Prefix == prefix && entry.Suggestion.StartsWith(shown, StringComparison.Ordinal))
            _entries.TryUpdate(document, entry with { Shown = shown }, entry);
    }
}
