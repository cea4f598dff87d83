using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Features.Completion;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.Completion;

/// <summary>The ranking with the shipped model: a prompt prepared while Roslyn computes its list gives the same stars
/// as a prompt built after it, and one prepared at another word is not used.</summary>
public sealed class ModelRankingTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    private static readonly string[] Members = ["Add", "AddRange", "Clear", "Contains", "Count", "IndexOf", "Insert", "Remove", "RemoveAt", "Sort", "ToString"];

    /// <summary>A list's members after `items.`.</summary>
    private const string AfterItemsDot = """
        using System.Collections.Generic;
        class Use
        {
            int Run(List<int> items)
            {
                items.$$
            }
        }
        """;

    [Fact]
    public async Task APreparedPromptRanksAsAPromptBuiltAfterTheList()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        // A long deadline: this checks what is starred, not how fast.
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1) };
        var built = await new ModelRanking(() => Model.Value).RankAsync(document, caret, caret, Members, options, default);

        var ranking = new ModelRanking(() => Model.Value);
        var prepared = ranking.PrepareAsync(document, caret, caret, options, default);
        Assert.NotNull(await prepared);
        var fromPrepared = await ranking.RankAsync(document, caret, caret, Members, options, default, prepared);

        // Prepared at another position (the caret guess missed the word's start): built anew, the same stars.
        var elsewhere = ranking.PrepareAsync(document, caret - 1, caret - 1, options, default);
        var fromElsewhere = await ranking.RankAsync(document, caret, caret, Members, options, default, elsewhere);

        Assert.Equal("ranked", built.Outcome);
        Assert.Equal(3, built.Starred.Count);
        Assert.Equal(built.Starred, fromPrepared.Starred);
        Assert.Equal(built.Starred, fromElsewhere.Starred);
        // At least the starred are scored whole, at most the eight the first pass found likeliest.
        Assert.InRange(built.WholeScored, 3, options.Scored);
        // What the prepared prompt cost is reported with the ranking that used it (eval-rank's stages); a prompt the
        // ranking built itself reports none.
        Assert.True(fromPrepared.PreparedMs.Build > 0 && fromPrepared.PreparedMs.Prefill > 0, $"{fromPrepared.PreparedMs}");
        Assert.Equal(default, fromElsewhere.PreparedMs);
    }

    [Fact]
    public async Task ThePromptComesFromTheInlinePipelinesSourcesUnderTheSameSettings()
    {
        // The server hands the ranking its inline pipeline's sources, so that the list's prompt is the ghost text's.
        var (document, caret) = AssistWorkspace.Create(("Use.cs", "class Use { void Run(System.Collections.Generic.List<int> items) { items.Co$$ } }"));
        var pipeline = new InlineCompletionPipeline([new NoteSource()], new SuggestionFilter());
        var ranking = new ModelRanking(() => Model.Value, pipeline.PromptSources);
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1) };

        var withHeader = await ranking.PrepareAsync(document, caret - 2, caret, options, default);
        var noHeader = await ranking.PrepareAsync(document, caret - 2, caret, options with { Inline = new InlineCompletionOptions { IncludeHeader = false } }, default);

        string prompt = Model.Value.Tokenizer.Decode(withHeader!.Prompt.Ids);
        Assert.Contains(NoteSource.Note, prompt);
        Assert.DoesNotContain(NoteSource.Note, Model.Value.Tokenizer.Decode(noHeader!.Prompt.Ids));
        // The typed "Co" is in neither window: the prompt is the one of `items.|` (its '.' re-typed by token healing).
        Assert.DoesNotContain("Co", prompt[prompt.LastIndexOf("items", StringComparison.Ordinal)..]);
    }

    private sealed class NoteSource : IContextSource
    {
        public const string Note = "// a note from the inline pipeline's source";
        public string Name => "note";
        public Task<string> GetAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budgetTokens,
            CancellationToken cancellationToken) => Task.FromResult(Note);
    }

    [Fact]
    public async Task TheListAskedAgainAsTheWordIsTypedRanksFromTheRememberedScores()
    {
        // `items.|` ranked, then `items.C|` (VS Code asks again while a list is incomplete): the prompt is the same (its
        // prefix ends at the word's start, its suffix starts at the caret), so are the items' scores.
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        var typed = document.WithText((await document.GetTextAsync()).WithChanges(new TextChange(new TextSpan(caret, 0), "C")));
        string[] startingWithC = [.. Members.Where(m => m.StartsWith('C'))];
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1) };
        var ranking = new ModelRanking(() => Model.Value);

        var all = await ranking.RankAsync(document, caret, caret, Members, options, default);
        var again = await ranking.RankAsync(typed, caret, caret + 1, startingWithC, options, default);
        var third = await ranking.RankAsync(typed, caret, caret + 1, startingWithC, options, default);
        var fresh = await new ModelRanking(() => Model.Value).RankAsync(typed, caret, caret + 1, startingWithC, options, default);

        Assert.Equal(2, all.ModelPasses);
        Assert.Equal(2, fresh.ModelPasses);
        Assert.True(again.ModelPasses <= 1, $"{again.ModelPasses} passes"); // every first-token score remembered
        Assert.Equal(0, third.ModelPasses);
        Assert.Equal(fresh.Starred, again.Starred);
        Assert.Equal(fresh.Starred, third.Starred);
    }

    /// <summary>Holds the model thread (a generation that stops at its first token until released), as the ghost text
    /// of the same keystroke does while a list is asked: what the model is asked meanwhile waits its turn.</summary>
    private static async Task<(Task Generation, ManualResetEventSlim Release)> HoldTheModelAsync()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var generation = Model.Value.GenerateAsync(Model.Value.BuildPrompt("class Held\n{\n", "\n}\n", maxTokens: 64),
            new GenerationOptions { MaxTokens = 4, StopBefore = _ => { held.TrySetResult(); release.Wait(TimeSpan.FromMinutes(1)); return true; } });
        await held.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return (generation, release);
    }

    [Fact]
    public async Task AListWhoseRankingIsLateGoesOutIncompleteAndTheListAskedAgainHasItsStars()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        var text = await document.GetTextAsync();
        var service = new CompletionFeatureService(new ModelRanking(() => Model.Value));
        var noWait = new RankingOptions { Deadline = TimeSpan.FromMinutes(1), Wait = TimeSpan.Zero };

        var (generation, release) = await HoldTheModelAsync();
        CompletionList first;
        try
        {
            first = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(text, caret),
                new CompletionContext(CompletionTriggerKinds.TriggerCharacter, "."), default, rankingOptions: noWait);
        }
        finally
        {
            release.Set();
        }
        await generation;

        // Roslyn's order at once, said to be incomplete so that the editor asks again as the word is typed.
        Assert.True(first.IsIncomplete);
        Assert.DoesNotContain(first.Items, IsStarred);
        Assert.Contains(first.Items, i => i.Label == "Contains");

        // `items.C|` asked again, invoked as Emacs's eglot asks after an incomplete list (VS Code says triggerKind 3): the
        // word's list is reused, and the ranking that went on has starred its items.
        var typed = document.WithText(text.WithChanges(new TextChange(new TextSpan(caret, 0), "C")));
        var again = await service.GetCompletionsAsync(typed, ProtocolConversions.ToPosition(await typed.GetTextAsync(), caret + 1),
            new CompletionContext(CompletionTriggerKinds.Invoked), default, rankingOptions: noWait with { Wait = TimeSpan.FromMinutes(1) });
        Assert.True(service.LastListReused);
        var starred = again.Items.Where(IsStarred).Select(i => i.Label).ToList();
        Assert.NotEmpty(starred);
        Assert.All(starred, label => Assert.StartsWith("C", label, StringComparison.Ordinal));
        Assert.False(again.IsIncomplete);
    }

    [Fact]
    public async Task AListWhereTheModelHasNotReadThePlaceGoesOutAtOnceAndOneWhereItHasWaitsForItsStars()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        var position = ProtocolConversions.ToPosition(await document.GetTextAsync(), caret);
        var afterDot = new CompletionContext(CompletionTriggerKinds.TriggerCharacter, ".");
        // Waits for the ranking as long as it takes where the model has read the place, not at all where it has not.
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1), Wait = TimeSpan.FromMinutes(1), ColdWait = TimeSpan.Zero };

        // Cold: the model holds another prompt (a generation, as the ghost text of another place), released only later,
        // so a list that waited for its ranking would come with its stars.
        var (generation, release) = await HoldTheModelAsync();
        CompletionList cold;
        try
        {
            _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => release.Set(), TaskScheduler.Default);
            cold = await new CompletionFeatureService(new ModelRanking(() => Model.Value)).GetCompletionsAsync(document, position, afterDot, default,
                rankingOptions: options);
        }
        finally
        {
            release.Set();
        }
        await generation;
        Assert.True(cold.IsIncomplete); // asked again at the next letter, when the ranking that went on has its stars
        Assert.DoesNotContain(cold.Items, IsStarred);

        // Read: the place's prompt prefilled (as the ghost text of the keystroke prefills it), no scores kept for it.
        var read = await new ModelRanking(() => Model.Value).PrepareAsync(document, caret, caret, options, default);
        Assert.NotNull(read);
        Assert.Equal(0, Model.Value.UnreadTokens(read.Prompt));
        var warm = await new CompletionFeatureService(new ModelRanking(() => Model.Value)).GetCompletionsAsync(document, position, afterDot, default,
            rankingOptions: options);
        Assert.False(warm.IsIncomplete);
        Assert.Contains(warm.Items, IsStarred);
    }

    [Fact]
    public async Task ThePrefillOfAColdPlaceWaitsForRoslynsItemsAndThatOfAReadPlaceDoesNot()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot.Replace("Run", "Tally")));
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1) };
        // The model reads another place first (a generation elsewhere, as the ghost text of another file).
        await Model.Value.GenerateAsync(Model.Value.BuildPrompt("class Elsewhere\n{\n", "\n}\n", maxTokens: 64), new GenerationOptions { MaxTokens = 2 });

        var itemsReady = new TaskCompletionSource();
        var cold = new TaskCompletionSource<bool>();
        var prepared = new ModelRanking(() => Model.Value).PrepareAsync(document, caret, caret, options, default, cold, itemsReady.Task);
        Assert.True(await cold.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        await Task.Delay(500); // time for a prefill that did not wait (tens of milliseconds)
        Assert.False(prepared.IsCompleted);
        itemsReady.SetResult();
        var read = await prepared.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(read);
        Assert.Equal(0, Model.Value.UnreadTokens(read.Prompt));

        // The same place again, read now: prepared without Roslyn's items (a new ranking, so no scores are kept for it).
        var warm = new TaskCompletionSource<bool>();
        var again = await new ModelRanking(() => Model.Value).PrepareAsync(document, caret, caret, options, default, warm, new TaskCompletionSource().Task)
            .WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(await warm.Task);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task WhereTheCaretLandsLastIsReadAndNothingIsReadWithTheModelsFeaturesOff()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot.Replace("Run", "Landed")));
        var log = new NanoLsp.Tests.Server.RecordingLogger();
        var readAhead = new CaretReadAhead(new ModelRanking(() => Model.Value), log);
        var off = ServerSettings.Default with { CompletionRankWithModel = false, InlineCompletionEnabled = false };
        await readAhead.Landed(document, caret, off);
        Assert.Empty(log.Messages);

        // Two places while the model is busy: only the later one is read.
        var (generation, release) = await HoldTheModelAsync();
        Task first, second;
        try
        {
            first = readAhead.Landed(document, caret - 1, ServerSettings.Default);
            second = readAhead.Landed(document, caret, ServerSettings.Default);
        }
        finally
        {
            release.Set();
        }
        await generation;
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(1));
        var read = Assert.Single(log.Messages);
        Assert.StartsWith($"Read ahead at Use.cs:{caret}: ", read.Message);

        // Asked again for the same place (VS Code asks for the lightbulb and the occurrences both): read once.
        Assert.Same(second, readAhead.Landed(document, caret, ServerSettings.Default));
        Assert.Single(log.Messages);
    }

    [Fact]
    public async Task TwoRankingsOfOnePromptAtOnceAskTheModelOnce()
    {
        // The list that went out before its ranking ended is asked again while that ranking still waits for the model:
        // the second ranking takes the first one's scores.
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        var options = new RankingOptions { Deadline = TimeSpan.FromMinutes(1) };
        var ranking = new ModelRanking(() => Model.Value);

        var (generation, release) = await HoldTheModelAsync();
        Task<RankingResult> first, second;
        try
        {
            first = ranking.RankAsync(document, caret, caret, Members, options, default);
            second = ranking.RankAsync(document, caret, caret, Members, options, default);
            await Task.Delay(200); // both past their prompts, waiting for the model (or, the second, for the first)
        }
        finally
        {
            release.Set();
        }
        await generation;
        var results = await Task.WhenAll(first, second);

        Assert.Equal([0, 2], results.Select(r => r.ModelPasses).Order());
        Assert.Equal(results[0].Starred, results[1].Starred);
        Assert.Equal(3, results[0].Starred.Count);
    }

    private static bool IsStarred(NanoLsp.Protocol.CompletionItem item) => item.LabelDetails?.Description == CompletionFeatureService.Star;

    [Fact]
    public async Task EachRankingSaysInTheLogWhereItsTimeWent()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", AfterItemsDot));
        var log = new NanoLsp.Tests.Server.RecordingLogger();
        var result = await new ModelRanking(() => Model.Value, log: log).RankAsync(document, caret, caret, Members,
            new RankingOptions { Deadline = TimeSpan.FromMinutes(1) }, default);

        var line = Assert.Single(log.Messages, m => m.Message.StartsWith("Ranked", StringComparison.Ordinal));
        Assert.Equal(NanoLsp.Logging.LogLevel.Debug, line.Level);
        Assert.StartsWith($"Ranked {Members.Length} names: ranked in ", line.Message);
        Assert.Contains($"{result.ModelPasses} model pass(es)", line.Message);
    }

    [Fact]
    public async Task WithRankingOffNothingIsPrepared()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", "class Use { void Run() { this.$$ } }"));
        var ranking = new ModelRanking(() => Model.Value);
        Assert.Null(await ranking.PrepareAsync(document, caret, caret, new RankingOptions { Enabled = false }, default));
        Assert.Null(await new ModelRanking(() => null).PrepareAsync(document, caret, caret, new RankingOptions(), default));
    }
}
