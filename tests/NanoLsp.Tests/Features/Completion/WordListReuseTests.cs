using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.Completion;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Features;

namespace NanoLsp.Tests.Features.Completion;

public sealed class WordListReuseTests
{
    private static readonly CompletionContext AfterDot = new(CompletionTriggerKinds.TriggerCharacter, ".");
    private static readonly CompletionContext AskedAgain = new(CompletionTriggerKinds.TriggerForIncompleteCompletions, null);
    private static readonly CompletionContext Invoked = new(CompletionTriggerKinds.Invoked, null);

    private const string ListOfInts = "using System.Collections.Generic;\nclass C\n{\n    void M(List<int> items)\n    {\n        items.$$\n    }\n}";

    private static async Task<CompletionList> AskAsync(CompletionFeatureService service, Document document, int caret, CompletionContext context) =>
        await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(await document.GetTextAsync(), caret), context, CancellationToken.None);

    private static async Task<Document> EditAsync(Document document, int at, int removed, string typed)
    {
        var text = await document.GetTextAsync();
        return document.WithText(text.WithChanges(new TextChange(new TextSpan(at, removed), typed)));
    }

    /// <summary>What the client sees of each item (its data names the list, which differs by design).</summary>
    private static List<string> Seen(CompletionList list) =>
        [.. list.Items.Select(i => $"{i.Label}|{i.Kind}|{i.SortText}|{i.FilterText}|{i.Detail}|{i.Preselect}|{i.TextEdit}|{i.LabelDetails}")];

    [Fact]
    public async Task AskedAgainAsTheWordIsTypedTheListIsTheOneRoslynWouldMakeAnew()
    {
        var (document, caret) = FeatureWorkspace.Create(ListOfInts);
        var service = new CompletionFeatureService();
        await AskAsync(service, document, caret, AfterDot);
        Assert.False(service.LastListReused);

        // "Co" typed, then "u", then the "u" deleted: each list is the first one's items, filtered and placed again.
        var typed = await EditAsync(document, caret, 0, "Co");
        foreach (var (edited, at) in new[] { (typed, caret + 2), (await EditAsync(typed, caret + 2, 0, "u"), caret + 3), (typed, caret + 2) })
        {
            var again = await AskAsync(service, edited, at, AskedAgain);
            Assert.True(service.LastListReused);
            var made = await AskAsync(new CompletionFeatureService(), edited, at, AskedAgain);
            Assert.Equal(Seen(made), Seen(again));
            var text = await edited.GetTextAsync();
            var count = Assert.Single(again.Items, i => i.Label == "Count");
            Assert.Equal(new Protocol.Range(ProtocolConversions.ToPosition(text, caret), ProtocolConversions.ToPosition(text, at)), count.TextEdit!.Range);
            // An item whose change is more than its name (the indexer's brackets replace the '.') moves with the word too.
            Assert.Contains(again.Items, i => i.TextEdit!.NewText != i.Label && i.TextEdit.Range.Start.Character < ProtocolConversions.ToPosition(text, caret).Character);
        }
    }

    [Fact]
    public async Task TheListIsMadeAnewWhenTheTextChangedOutsideTheWordOrTheCaretIsNotAtItsEnd()
    {
        var (document, caret) = FeatureWorkspace.Create(ListOfInts);
        var service = new CompletionFeatureService();
        await AskAsync(service, document, caret, AfterDot);
        int body = (await document.GetTextAsync()).ToString().IndexOf("items.", StringComparison.Ordinal);

        // A statement added above: the word moved.
        var above = await EditAsync(await EditAsync(document, caret, 0, "Co"), body, 0, "int n = 0; ");
        await AskAsync(service, above, caret + 2 + "int n = 0; ".Length, AskedAgain);
        Assert.False(service.LastListReused);

        // The caret inside the word ("C|o"): the text after it is not the text the list was made before.
        await AskAsync(service, document, caret, AfterDot);
        await AskAsync(service, await EditAsync(document, caret, 0, "Co"), caret + 1, AskedAgain);
        Assert.False(service.LastListReused);

        // An invoked list after a complete one is made anew (an incomplete one: next test).
        await AskAsync(service, document, caret, AfterDot);
        await AskAsync(service, await EditAsync(document, caret, 0, "Co"), caret + 2, Invoked);
        Assert.False(service.LastListReused);
    }

    [Fact]
    public async Task AnEditBeforeTheWordThatMovesNothingStillMakesTheListAnew()
    {
        var (document, caret) = FeatureWorkspace.Create("class C\n{\n    void M()\n    {\n        int n = 0;\n        $$\n    }\n}");
        var service = new CompletionFeatureService();
        var first = await AskAsync(service, document, caret, Invoked);
        Assert.Contains(first.Items, i => i.Label == "n");

        // The local renamed (same length, the word where it was) and "m" typed: the list has the new name.
        int local = (await document.GetTextAsync()).ToString().IndexOf("n = 0", StringComparison.Ordinal);
        var renamed = await EditAsync(await EditAsync(document, caret, 0, "m"), local, 1, "m");
        var again = await AskAsync(service, renamed, caret + 1, AskedAgain);
        Assert.False(service.LastListReused);
        Assert.Contains(again.Items, i => i.Label == "m" && i.Kind == CompletionItemKinds.Variable);
    }

    /// <summary>A list asked at `$$`, then again (as <paramref name="again"/>) after <paramref name="typed"/>: kept, and the
    /// same as a fresh service's list there, with <paramref name="label"/> in it.</summary>
    private static async Task AssertKeptAsync(string source, CompletionContext first, string typed, CompletionContext again, string label)
    {
        var (document, caret) = FeatureWorkspace.Create(source);
        var service = new CompletionFeatureService();
        await AskAsync(service, document, caret, first);
        var edited = await EditAsync(document, caret, 0, typed);
        var list = await AskAsync(service, edited, caret + typed.Length, again);
        Assert.True(service.LastListReused);
        Assert.Equal(Seen(await AskAsync(new CompletionFeatureService(), edited, caret + typed.Length, again)), Seen(list));
        Assert.Contains(list.Items, i => i.Label == label);
    }

    // Emacs's eglot asks again with triggerKind 1. A statement start's list is incomplete (cut to what matches "S").
    [Fact]
    public Task AskedAgainAsInvokedAfterAnIncompleteListTheListIsKept() =>
        AssertKeptAsync("class C\n{\n    void M()\n    {\n        S$$\n    }\n}", Invoked, "t", Invoked, "String");

    // Each letter changes the class's declarations; the list at the word is still the same.
    [Fact]
    public Task AWordTypedWhereMembersAreDeclaredKeepsItsList() =>
        AssertKeptAsync("class C\n{\n    p$$\n}", Invoked, "ri", AskedAgain, "private");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEditInAnotherFileMakesTheListAnew(bool declaration)
    {
        var (single, caret) = FeatureWorkspace.Create("class C\n{\n    void M(Bag bag)\n    {\n        bag.$$\n    }\n}");
        const string bag = "class Bag\n{\n    public int Count() { return 0; }\n}";
        var other = single.Project.AddDocument("Bag.cs", SourceText.From(bag), filePath: Path.Combine(Path.GetDirectoryName(single.FilePath)!, "Bag.cs"));
        var document = other.Project.GetDocument(single.Id)!;
        var change = declaration
            ? new TextChange(new TextSpan(bag.LastIndexOf('}'), 0), "    public int Counted;\n")
            : new TextChange(new TextSpan(bag.IndexOf('0', StringComparison.Ordinal), 1), "1");

        var service = new CompletionFeatureService();
        await AskAsync(service, document, caret, AfterDot);
        var typed = await EditAsync(document, caret, 0, "Co");
        var edited = typed.Project.Solution.WithDocumentText(other.Id, (await other.GetTextAsync()).WithChanges(change)).GetDocument(document.Id)!;
        var again = await AskAsync(service, edited, caret + 2, AskedAgain);
        Assert.False(service.LastListReused);
        Assert.Equal(declaration, again.Items.Any(i => i.Label == "Counted"));

        // Without the other file's edit the same list is kept.
        await AskAsync(service, document, caret, AfterDot);
        await AskAsync(service, typed, caret + 2, AskedAgain);
        Assert.True(service.LastListReused);
    }

    [Fact]
    public async Task AListNobodyAsksAgainIsLetGo()
    {
        var (document, caret) = FeatureWorkspace.Create(ListOfInts);
        var text = await document.GetTextAsync();
        var service = Microsoft.CodeAnalysis.Completion.CompletionService.GetService(document)!;
        var list = await service.GetCompletionsAsync(document, caret);
        var typed = await EditAsync(document, caret, 0, "C");
        var typedText = await typed.GetTextAsync();

        var kept = new WordListReuse(keptFor: TimeSpan.FromMilliseconds(50));
        kept.Remember(document, text, caret, list);
        Assert.NotNull(kept.TryReuse(typed, typedText, caret + 1, askedAgain: true));
        // Let go once the time is up (polled: the timer fires on the pool).
        for (int i = 0; i < 100 && kept.TryReuse(typed, typedText, caret + 1, askedAgain: true) is not null; i++)
            await Task.Delay(50);
        Assert.Null(kept.TryReuse(typed, typedText, caret + 1, askedAgain: true));
    }
}
