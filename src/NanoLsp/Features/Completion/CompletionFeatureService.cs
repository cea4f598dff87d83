using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using LspCompletionItem = NanoLsp.Protocol.CompletionItem;
using LspCompletionList = NanoLsp.Protocol.CompletionList;
using CompletionContext = NanoLsp.Protocol.CompletionContext;
using RoslynCompletionItem = Microsoft.CodeAnalysis.Completion.CompletionItem;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Roslyn's CompletionService turned into LSP completion lists. The last list is kept (newest
/// wins) so completionItem/resolve can describe an item without recomputing the list; when the
/// list is gone (another request came in between), resolve recomputes it at the same position.
/// What every item shares goes once in the list for clients that take item defaults (LSP 3.17).
/// </summary>
public sealed class CompletionFeatureService(ModelRanking? ranking = null)
{
    /// <summary>The mark beside a starred item's label (labelDetails.description): the model's likeliest items, first in the list.
    /// The label itself is unchanged, so clients that match or show labels see Roslyn's names.</summary>
    public const string Star = "\u2605";

    /// <summary>The characters that open completion (LSP triggerCharacters): member access, `new `, generics, directives, calls.</summary>
    public static IReadOnlyList<string> TriggerCharacters { get; } = [".", " ", "<", "#", "("];

    private long _nextResultId;
    private CachedList? _last;
    private readonly WordListReuse _wordLists = new();
    private readonly RunningRanking _rankings = new();

    private sealed record CachedList(long ResultId, DocumentId DocumentId, VersionStamp Version, int Position, ImmutableArray<RoslynCompletionItem> Items);

    /// <summary>
    /// Characters that accept the selected item and are then typed themselves: a conservative subset
    /// of Roslyn's C# rules (no space or operators, which would fight the user while naming things).
    /// </summary>
    public static IReadOnlyList<string> CommitCharacters { get; } = [".", "(", ";", "["];

    /// <summary>What the last list's ranking did (the ranking benchmark reads it).</summary>
    public RankingResult? LastRanking { get; private set; }

    /// <summary>Whether the last list was Roslyn's list of an earlier request, filtered again (<see cref="WordListReuse"/>).</summary>
    public bool LastListReused { get; private set; }

    /// <param name="itemDefaults">The list item defaults the client applies (<see cref="ClientCapabilities.CompletionItemDefaults"/>):
    /// what every item shares goes once in the list (<see cref="CompletionItemDefaults"/>) instead of in each item.</param>
    public async Task<LspCompletionList> GetCompletionsAsync(
        Document document, Position position, CompletionContext? context, CancellationToken cancellationToken, bool commitCharacters = false,
        RankingOptions? rankingOptions = null, IReadOnlySet<string>? itemDefaults = null)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var offset = ProtocolConversions.ToOffset(text, position);
        var service = CompletionService.GetService(document)
            ?? throw new LspException(LspErrorCodes.RequestFailed, $"No completion service for {document.Name}.");

        var trigger = context is { TriggerKind: CompletionTriggerKinds.TriggerCharacter, TriggerCharacter: [var c, ..] }
            ? CompletionTrigger.CreateInsertionTrigger(c)
            : CompletionTrigger.Invoke;
        // A space only matters after `new` (object creation); elsewhere it would open a list on every word.
        if (context?.TriggerCharacter == " " && !EndsWithNew(text, offset))
            return new LspCompletionList(false, []);

        // The model's prompt is built while Roslyn computes the list, and prefilled then too where the model has read most
        // of it (two cores: about half the ranking's time); where it has not, once Roslyn's items are ready.
        bool rank = ranking is not null && rankingOptions is { Enabled: true };
        int wordStart = WordListReuse.WordStart(text, offset);
        // A ranking that goes on after its list went out is for the list asked again at the word's next letter: a list
        // at another word stops it (its prefill and passes would hold the model that list's ranking waits for).
        var (rankingToken, sameWord) = rank ? _rankings.Start(document.Id, wordStart, cancellationToken) : (cancellationToken, false);
        var cold = rank ? new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        // The list asked again at the word's next letter comes before its prompt is built (Roslyn's list is the word
        // start's, filtered again): the word's ranking has read the place, and its scores are kept.
        if (sameWord)
            cold!.TrySetResult(false);
        // Roslyn's items ready: where the model has not read the place, the ranking's prefill waits for them (it would
        // take both cores from Roslyn's list, which then goes out without waiting for the ranking anyway).
        using var itemsReady = rank ? new ItemsReady() : null;
        var prepared = rank ? ranking!.PrepareAsync(document, wordStart, offset, rankingOptions!, rankingToken, cold, itemsReady!.Task) : null;
        // Roslyn's items for this framework's project only (PreferredDocument.Alone); ranking reads the document as it is.
        var alone = PreferredDocument.Alone(document);
        // Asked again as the word is typed: the list of the word's start, filtered again (WordListReuse).
        var kept = context?.TriggerKind is null or CompletionTriggerKinds.Invoked or CompletionTriggerKinds.TriggerForIncompleteCompletions
            ? _wordLists.TryReuse(alone, text, offset, askedAgain: context?.TriggerKind == CompletionTriggerKinds.TriggerForIncompleteCompletions)
            : null;
        LastListReused = kept is not null;
        // Roslyn's completion answers from frozen partial semantics (PartialSemanticsWorkspace), which for a project never
        // compiled yet are the files parsed so far: then its list waits for the project's first whole compilation.
        if (kept is null)
            await FrozenSemantics.CompileWhereFreezingLosesAsync(alone, cancellationToken).ConfigureAwait(false);
        var (list, origin) = kept ?? (await service.GetCompletionsAsync(alone, offset, trigger, cancellationToken: cancellationToken).ConfigureAwait(false),
            ListOrigin.Fresh(alone, offset));
        if (kept is null)
            _wordLists.Remember(alone, text, offset, list);
        var span = kept is null ? list.Span : TextSpan.FromBounds(origin.WordStart, offset);
        var typed = text.ToString(TextSpan.FromBounds(Math.Min(span.Start, offset), offset));
        var (sent, truncated) = CompletionListLimit.Apply(list.ItemsList, typed);
        itemsReady?.Set();
        var version = await document.GetTextVersionAsync(cancellationToken).ConfigureAwait(false);
        var resultId = Interlocked.Increment(ref _nextResultId);
        Volatile.Write(ref _last, new CachedList(resultId, document.Id, version, offset, [.. sent]));

        // In "suggestion mode" (a name is being declared, e.g. a lambda parameter) typing must never commit.
        var commit = commitCharacters && list.SuggestionModeItem is null ? CommitCharacters : null;
        var uri = document.FilePath is null ? document.Name : ProtocolConversions.FromPath(document.FilePath);
        // The model ranks Roslyn's items while they are turned into LSP items (on a 2-core machine about 5 ms for the
        // 1,000 items at a statement's start, while the model's passes there take 15-25 ms).
        var ranked = rank && sent.Count > 1 ? RankAsync(document, text, offset, span, sent, rankingOptions!, prepared, rankingToken) : null;
        var defaults = itemDefaults is { Count: > 0 } ? ItemDefaultsFor(itemDefaults, ProtocolConversions.ToRange(text, span), new CompletionItemData(uri, position, resultId), commit) : null;
        var items = new List<LspCompletionItem>(sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var item = sent[i];
            var label = LabelOf(item);
            var edit = await TextEditForAsync(service, origin, text, kept is null ? item.Span : span, item, cancellationToken).ConfigureAwait(false);
            bool defaultEdit = defaults?.EditRange == edit.Range;
            items.Add(new LspCompletionItem
            {
                Label = label,
                Kind = KindOf(item.Tags),
                Detail = item.InlineDescription.Length > 0 ? item.InlineDescription : null,
                SortText = item.SortText,
                FilterText = item.FilterText != label ? item.FilterText : null,
                Preselect = item.Rules.MatchPriority > MatchPriority.Default ? true : null,
                TextEdit = defaultEdit ? null : edit,
                TextEditText = defaultEdit && edit.NewText != label ? edit.NewText : null,
                CommitCharacters = defaults?.CommitCharacters is null ? commit : null,
                Data = defaults?.Data is null ? new CompletionItemData(uri, position, resultId, i) : null,
            });
        }
        bool incomplete = truncated;
        if (ranked is not null)
        {
            if (await WithinAsync(ranked, rankingOptions!, cold!.Task, cancellationToken).ConfigureAwait(false) is { } starred)
                MarkStarred(items, starred);
            else
                incomplete = true; // the ranking goes on: the editor asks again at the next letter and gets its stars
        }
        _wordLists.Sent(incomplete);
        return new LspCompletionList(IsIncomplete: incomplete, items) { ItemDefaults = defaults };
    }

    /// <summary>How long a list whose items are ready waits to know whether the model has read the place: a prompt whose
    /// context header was made before builds in 0-5 ms on two cores (up to 30 under load); one whose header must be made
    /// takes 30-130 ms, and its place is cold anyway.</summary>
    private static readonly TimeSpan VerdictWait = TimeSpan.FromMilliseconds(20);

    /// <summary>Set once: when the list's items are ready, or when the list ends without them (disposed), so that a
    /// ranking waiting for them never waits longer than its list.</summary>
    private sealed class ItemsReady : IDisposable
    {
        private readonly TaskCompletionSource _set = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _set.Task;

        public void Set() => _set.TrySetResult();

        public void Dispose() => Set();
    }

    /// <summary>
    /// The ranking's stars if it ends within the options' wait (from now: Roslyn's items are ready), else null and it
    /// goes on (nanolsp.completion.rankWaitMs; rankWaitColdMs where the model has not read the place, or where its
    /// prompt is not even built by now). Its scores are kept for its prompt, which stays the same while the word is
    /// typed, so the list asked again at the next letter has them at once. A wait at or past the deadline waits for it.
    /// </summary>
    private static async Task<IReadOnlyList<int>?> WithinAsync(Task<IReadOnlyList<int>> ranking, RankingOptions options, Task<bool> cold,
        CancellationToken cancellationToken)
    {
        // Whether the place is cold is known once the ranking's prompt is built, which with its context header made before
        // (the keystroke before, a read ahead) takes a few milliseconds and may end just after Roslyn's list.
        if (!cold.IsCompleted && options.Wait != options.ColdWait)
            await Task.WhenAny(cold, Task.Delay(VerdictWait, cancellationToken)).ConfigureAwait(false);
        var wait = cold is { IsCompletedSuccessfully: true, Result: false } ? options.Wait : options.ColdWait;
        if (wait >= options.Deadline)
            await Task.WhenAny(ranking).WaitAsync(cancellationToken).ConfigureAwait(false);
        else if (!ranking.IsCompleted && wait > TimeSpan.Zero)
            await Task.WhenAny(ranking, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (ranking.IsCanceled)
            return null; // stopped by a list at another word (RunningRanking): this one goes out in Roslyn's order
        if (ranking.IsCompleted)
            return await ranking.ConfigureAwait(false); // a ranking that failed fails the list, as before
        // Observed, so that a ranking failing after its list went out is not an unobserved task exception: the next
        // list's ranking fails the same way where the user sees it.
        _ = ranking.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return null;
    }

    /// <summary>
    /// What the list's items share, sent once (LSP 3.17 item defaults) where the client takes it: the word's range (an
    /// item whose edit is elsewhere keeps its own), the data for resolve without the item's index (resolve finds the
    /// item by its label, sort text and detail), the commit characters. A statement start's 1,000 items were 411 KB of
    /// JSON, 116 KB with the defaults (docs/protocol.md, "Completion (the list)").
    /// </summary>
    private static CompletionItemDefaults? ItemDefaultsFor(IReadOnlySet<string> supported, NanoLsp.Protocol.Range wordRange, CompletionItemData data, IReadOnlyList<string>? commit)
    {
        var defaults = new CompletionItemDefaults
        {
            EditRange = supported.Contains("editRange") ? wordRange : null,
            Data = supported.Contains("data") ? data : null,
            CommitCharacters = commit is not null && supported.Contains("commitCharacters") ? commit : null,
        };
        return defaults is { EditRange: null, Data: null, CommitCharacters: null } ? null : defaults;
    }

    private static string LabelOf(RoslynCompletionItem item) => item.DisplayTextPrefix + item.DisplayText + item.DisplayTextSuffix;

    /// <summary>
    /// The model's likeliest items among those matching what is typed of the word: indexes into
    /// <paramref name="sent"/>, best first.
    /// </summary>
    private async Task<IReadOnlyList<int>> RankAsync(Document document, SourceText text, int offset, TextSpan span, IReadOnlyList<RoslynCompletionItem> sent,
        RankingOptions options, Task<ModelRanking.PreparedPrompt?>? prepared, CancellationToken cancellationToken)
    {
        int wordStart = Math.Min(span.Start, offset);
        string typed = text.ToString(TextSpan.FromBounds(wordStart, offset));
        var indexes = new List<int>();
        var texts = new List<string>();
        for (int i = 0; i < sent.Count; i++)
        {
            var item = sent[i];
            // Names only: the model scores the text the item inserts, which for snippets and operators is not its label.
            if (item.IsComplexTextEdit || !IsName(item.DisplayText) || !item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                continue;
            indexes.Add(i);
            texts.Add(item.DisplayText);
        }
        var result = await ranking!.RankAsync(document, wordStart, offset, texts, options, cancellationToken, prepared).ConfigureAwait(false);
        LastRanking = result;
        return [.. result.Starred.Select(i => indexes[i])];
    }

    /// <summary>
    /// The starred items (indexes, best first) get a ★ label detail and sort first; the rest keep Roslyn's sort text,
    /// so its order. Labels, the inserted text and completionItem/resolve are unchanged.
    /// </summary>
    private static void MarkStarred(List<LspCompletionItem> items, IReadOnlyList<int> starred)
    {
        bool roslynPreselects = items.Any(i => i.Preselect == true);
        for (int rank = 0; rank < starred.Count; rank++)
        {
            int index = starred[rank];
            var item = items[index];
            items[index] = item with
            {
                LabelDetails = new CompletionItemLabelDetails(Star),
                FilterText = item.FilterText ?? item.Label,
                SortText = $"!{rank}",
                Preselect = rank == 0 && !roslynPreselects ? true : item.Preselect,
            };
        }
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] is '_' or '@') && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '@');

    /// <summary>Adds documentation (and the full signature as detail) to an item from an earlier list.</summary>
    public async Task<LspCompletionItem> ResolveAsync(Document document, LspCompletionItem item, CancellationToken cancellationToken)
    {
        if (item.Data is not { } data)
            return item;
        document = PreferredDocument.Alone(document);
        var service = CompletionService.GetService(document)
            ?? throw new LspException(LspErrorCodes.RequestFailed, $"No completion service for {document.Name}.");
        var roslynItem = await FindItemAsync(service, document, item, data, cancellationToken).ConfigureAwait(false);
        if (roslynItem is null)
            return item;

        item = item with { AdditionalTextEdits = await AdditionalEditsAsync(service, document, roslynItem, cancellationToken).ConfigureAwait(false) };
        var description = await service.GetDescriptionAsync(document, roslynItem, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (description is null || description.TaggedParts.IsDefaultOrEmpty)
            return item;
        // The description is the signature line, then the XML doc summary after a line break.
        var text = description.Text;
        var newline = text.IndexOf('\n');
        var signature = (newline < 0 ? text : text[..newline]).Trim();
        var documentation = newline < 0 ? "" : text[(newline + 1)..].Trim();
        var markdown = $"```csharp\n{signature}\n```" + (documentation.Length > 0 ? $"\n\n{documentation}" : "");
        return item with { Detail = signature, Documentation = MarkupContent.Markdown(markdown) };
    }

    // The span is what the user has typed of the item; the edit replaces it with the item's text. Items whose
    // insertion is more than their text (an indexer's brackets, a cast) ask Roslyn for the real change, on the
    // document the item was made on (a kept list's is an earlier one: the change moves to the current text);
    // LSP needs a one-line range around the caret, so a change beyond that keeps the text.
    // Not asked for items whose change reaches beyond their line (OutOfLineItems): an imported item's using, the async
    // of a method an 'await' goes in, come with resolve instead.
    private static async Task<TextEdit> TextEditForAsync(CompletionService service, ListOrigin origin, SourceText text, TextSpan span,
        RoslynCompletionItem item, CancellationToken cancellationToken)
    {
        if (item.IsComplexTextEdit && !await OutOfLineItems.ReachesBeyondItsLineAsync(item, origin.Document, cancellationToken).ConfigureAwait(false))
        {
            var change = (await service.GetChangeAsync(origin.Document, item, cancellationToken: cancellationToken).ConfigureAwait(false)).TextChange;
            if (change.Span.Contains(item.Span) && origin.ToCurrent(change.Span) is { } moved)
            {
                var range = ProtocolConversions.ToRange(text, moved);
                if (range.Start.Line == range.End.Line)
                    return new TextEdit(range, change.NewText ?? item.DisplayText);
            }
        }
        return new TextEdit(ProtocolConversions.ToRange(text, span), item.DisplayText);
    }

    /// <summary>
    /// What an item whose change reaches beyond its line (<see cref="OutOfLineItems"/>) adds besides its own text: the parts of
    /// Roslyn's change off the item's line (a using directive, the async modifier of the method around an 'await'), as
    /// additionalTextEdits (LSP lets resolve supply them; VS Code applies them on accept). Null for every other item,
    /// whose list edit is already whole.
    /// </summary>
    private static async Task<IReadOnlyList<TextEdit>?> AdditionalEditsAsync(CompletionService service, Document document, RoslynCompletionItem item, CancellationToken cancellationToken)
    {
        if (!item.IsComplexTextEdit || !await OutOfLineItems.ReachesBeyondItsLineAsync(item, document, cancellationToken).ConfigureAwait(false))
            return null;
        var change = await service.GetChangeAsync(document, item, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        // TextChanges are the change's parts (TextChange is them merged: for 'await', the whole method).
        var itemLine = text.Lines.GetLineFromPosition(item.Span.Start).LineNumber;
        var elsewhere = change.TextChanges
            .Where(c => text.Lines.GetLineFromPosition(c.Span.Start).LineNumber != itemLine && text.Lines.GetLineFromPosition(c.Span.End).LineNumber != itemLine)
            .Select(c => new TextEdit(ProtocolConversions.ToRange(text, c.Span), c.NewText ?? ""))
            .ToList();
        return elsewhere.Count > 0 ? elsewhere : null;
    }

    private async Task<RoslynCompletionItem?> FindItemAsync(CompletionService service, Document document, LspCompletionItem item, CompletionItemData data, CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        var version = await document.GetTextVersionAsync(cancellationToken).ConfigureAwait(false);
        if (last is not null && last.ResultId == data.ResultId && last.DocumentId == document.Id && last.Version == version)
        {
            if (data.Index is int index && index >= 0 && index < last.Items.Length)
                return last.Items[index];
            // The list's default data stood in for the item's own (no index): found as below, in the list it came from.
            if (data.Index is null && FindByWhatIsShown(last.Items, item) is { } shown)
                return shown;
        }

        // The list is gone (a newer one replaced it, or the text changed): recompute at the same
        // place and find the item by what the client saw, since indexes may differ.
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var list = await service.GetCompletionsAsync(document, ProtocolConversions.ToOffset(text, data.Position), cancellationToken: cancellationToken).ConfigureAwait(false);
        return FindByWhatIsShown(list.ItemsList, item);
    }

    /// <summary>Roslyn's item that <paramref name="item"/> shows: the same label and sort text (a type of a namespace not
    /// imported has the namespace in it), else the same label and detail (a starred item carries its rank in its sort
    /// text; the detail names the namespace), else the same label.</summary>
    private static RoslynCompletionItem? FindByWhatIsShown(IReadOnlyList<RoslynCompletionItem> items, LspCompletionItem item) =>
        items.FirstOrDefault(i => LabelOf(i) == item.Label && i.SortText == item.SortText)
        ?? items.FirstOrDefault(i => LabelOf(i) == item.Label && i.InlineDescription == (item.Detail ?? ""))
        ?? items.FirstOrDefault(i => LabelOf(i) == item.Label);

    private static bool EndsWithNew(SourceText text, int offset)
    {
        var start = Math.Max(0, offset - 4);
        return text.ToString(TextSpan.FromBounds(start, offset)) == "new " ;
    }

    internal static int KindOf(ImmutableArray<string> tags)
    {
        foreach (var tag in tags)
        {
            int? kind = tag switch
            {
                WellKnownTags.Method or WellKnownTags.ExtensionMethod => CompletionItemKinds.Method,
                WellKnownTags.Property => CompletionItemKinds.Property,
                WellKnownTags.Field => CompletionItemKinds.Field,
                WellKnownTags.Local or WellKnownTags.Parameter or WellKnownTags.RangeVariable => CompletionItemKinds.Variable,
                WellKnownTags.Class => CompletionItemKinds.Class,
                WellKnownTags.Structure => CompletionItemKinds.Struct,
                WellKnownTags.Interface => CompletionItemKinds.Interface,
                WellKnownTags.Enum => CompletionItemKinds.Enum,
                WellKnownTags.EnumMember => CompletionItemKinds.EnumMember,
                WellKnownTags.Delegate => CompletionItemKinds.Function,
                WellKnownTags.Event => CompletionItemKinds.Event,
                WellKnownTags.Constant => CompletionItemKinds.Constant,
                WellKnownTags.Namespace => CompletionItemKinds.Module,
                WellKnownTags.Keyword => CompletionItemKinds.Keyword,
                WellKnownTags.TypeParameter => CompletionItemKinds.TypeParameter,
                WellKnownTags.Operator => CompletionItemKinds.Operator,
                WellKnownTags.Snippet => CompletionItemKinds.Snippet,
                WellKnownTags.Label => CompletionItemKinds.Reference,
                _ => null,
            };
            if (kind is not null)
                return kind.Value;
        }
        return CompletionItemKinds.Text;
    }
}
