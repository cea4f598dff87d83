using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Where a list's Roslyn items were made, and how that document's offsets map to the current text. A fresh list's
/// origin is the current document (nothing moves); a kept one's is the document of the request that made it, where
/// the word being typed ended at <see cref="Caret"/> (it ends at the current caret now, <see cref="Shift"/> further).
/// </summary>
public sealed record ListOrigin(Document Document, int WordStart, int Caret, int Shift)
{
    public static ListOrigin Fresh(Document document, int caret) => new(document, caret, caret, 0);

    /// <summary>A span of the origin's text in the current text: unchanged when nothing moved; for a kept list, a span
    /// that covers the whole word there covers the whole word now (null for any other, which the edits never were).</summary>
    public TextSpan? ToCurrent(TextSpan span) =>
        Shift == 0 ? span
        : span.Start <= WordStart && span.End >= Caret ? TextSpan.FromBounds(span.Start, span.End + Shift)
        : null;
}

/// <summary>
/// Roslyn's whole list at the word being typed, kept so that the editor's requests while the word is typed
/// (triggerKind 3: the list it has is incomplete; or 1 after an incomplete list) filter that list again instead of
/// computing it anew. Roslyn's items at a word do not depend on its letters (the service filters nothing; the editor
/// and <see cref="CompletionListLimit"/> do), so they are the same as long as nothing else changed: the text changed only within the word (its own change
/// ranges say so), the word ends at the caret, and nothing else in the solution changed (another file, the project's
/// references or options). The same assumption as Roslyn's completion in Visual Studio, which makes a session's items
/// once and filters them as the word is typed; Roslyn's own language server computes the list anew for each of these
/// requests. On the sample's typing bench Roslyn's list took 22 of a re-asked list's 24 ms. Not the declarations'
/// version (<see cref="Project.GetDependentSemanticVersionAsync"/>): a word typed where members are declared changes
/// it at every letter (a third of the sample's re-asked lists). Thread-safe: the last entry is swapped whole.
/// </summary>
public sealed class WordListReuse
{
    /// <summary>How long a list is kept after it was made: a word is typed in a few seconds, and the entry holds the
    /// solution of that moment (its compilation too, once made) alive, so a list nobody asks again is let go.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    private Entry? _last;
    private volatile bool _sentIncomplete; // the last list sent said more items may come
    private readonly TimeSpan _keptFor;
    private readonly Timer _expiry;

    public WordListReuse(TimeSpan? keptFor = null)
    {
        _keptFor = keptFor ?? KeptFor;
        _expiry = new Timer(static state => ((WordListReuse)state!).Forget(), this, Timeout.Infinite, Timeout.Infinite);
    }

    private void Forget() => Volatile.Write(ref _last, null);

    private sealed record Entry(Document Document, SourceText Text, int WordStart, int Caret, CompletionList List);

    /// <summary>Keeps <paramref name="list"/>, made on <paramref name="document"/> at <paramref name="caret"/>, when it is
    /// the list of the word that ends there (a name's letters, as <see cref="WordStart"/> finds them).</summary>
    public void Remember(Document document, SourceText text, int caret, CompletionList list)
    {
        int wordStart = WordStart(text, caret);
        bool ofTheWord = list.Span == TextSpan.FromBounds(wordStart, caret) && EndsAt(text, caret);
        Volatile.Write(ref _last, ofTheWord ? new Entry(document, text, wordStart, caret, list) : null);
        if (ofTheWord) _expiry.Change(_keptFor, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether the list just sent was incomplete (the client will ask again as the word is typed).</summary>
    public void Sent(bool incomplete) => _sentIncomplete = incomplete;

    /// <summary>The kept list and its origin, when it is still Roslyn's list at <paramref name="caret"/> of
    /// <paramref name="document"/>; else null. <paramref name="askedAgain"/>: the request says it asks again for an
    /// incomplete list (triggerKind 3); an invoked one is taken as asking again when the last list sent was incomplete
    /// (Emacs's eglot asks again with triggerKind 1), else it is made anew.</summary>
    public (CompletionList List, ListOrigin Origin)? TryReuse(Document document, SourceText text, int caret, bool askedAgain)
    {
        if (!askedAgain && !_sentIncomplete)
            return null;
        if (Volatile.Read(ref _last) is not { } last || last.Document.Id != document.Id)
            return null;
        if (caret < last.WordStart || WordStart(text, caret) != last.WordStart)
            return null;
        // With every change within the word, the text after the old caret is the text after the new one (so the word
        // still ends at the caret) when the caret moved as far as the text grew.
        int shift = caret - last.Caret;
        if (text.Length - last.Text.Length != shift)
            return null;
        // Texts not made one from the other give one change over the whole text, which is never within the word.
        foreach (var change in text.GetChangeRanges(last.Text))
        {
            if (change.Span.Start < last.WordStart || change.Span.End > last.Caret)
                return null;
        }
        if (!OnlyTheTextOf(document.Id, last.Document.Project.Solution, document.Project.Solution))
            return null;
        return (last.List, new ListOrigin(last.Document, last.WordStart, last.Caret, shift));
    }

    /// <summary>Whether <paramref name="now"/> is <paramref name="before"/> with at most the text of <paramref name="id"/>
    /// changed: Roslyn compares the states of projects and documents, which an edit elsewhere replaces.</summary>
    internal static bool OnlyTheTextOf(DocumentId id, Solution before, Solution now)
    {
        if (now == before)
            return true;
        var changes = now.GetChanges(before);
        if (changes.GetAddedProjects().Any() || changes.GetRemovedProjects().Any()
            || changes.GetAddedAnalyzerReferences().Any() || changes.GetRemovedAnalyzerReferences().Any())
            return false;
        return changes.GetProjectChanges().All(project => project.ProjectId == id.ProjectId
            && project.GetChangedDocuments().All(changed => changed == id) && OnlyDocumentTexts(project));
    }

    private static bool OnlyDocumentTexts(ProjectChanges project) =>
        !project.GetAddedDocuments().Any() && !project.GetRemovedDocuments().Any()
        && !project.GetAddedAdditionalDocuments().Any() && !project.GetRemovedAdditionalDocuments().Any() && !project.GetChangedAdditionalDocuments().Any()
        && !project.GetAddedAnalyzerConfigDocuments().Any() && !project.GetRemovedAnalyzerConfigDocuments().Any() && !project.GetChangedAnalyzerConfigDocuments().Any()
        && !project.GetAddedMetadataReferences().Any() && !project.GetRemovedMetadataReferences().Any()
        && !project.GetAddedProjectReferences().Any() && !project.GetRemovedProjectReferences().Any()
        && !project.GetAddedAnalyzerReferences().Any() && !project.GetRemovedAnalyzerReferences().Any()
        && project.OldProject.CompilationOptions == project.NewProject.CompilationOptions
        && project.OldProject.ParseOptions == project.NewProject.ParseOptions;

    /// <summary>Where the word at the caret starts, as Roslyn's list span will say for a name (letters, digits, '_').</summary>
    public static int WordStart(SourceText text, int offset)
    {
        int start = offset;
        while (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[start - 1])) start--;
        return start;
    }

    private static bool EndsAt(SourceText text, int caret) => caret == text.Length || !SyntaxFacts.IsIdentifierPartCharacter(text[caret]);
}
