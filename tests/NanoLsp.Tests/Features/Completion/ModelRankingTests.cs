using NanoLsp.Features.Completion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.Completion;

/// <summary>The ranking with the shipped model: a prompt prepared while Roslyn computes its list gives the same stars
/// as a prompt built after it, and one prepared at another word is not used.</summary>
public sealed class ModelRankingTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    private static readonly string[] Members = ["Add", "AddRange", "Clear", "Contains", "Count", "IndexOf", "Insert", "Remove", "RemoveAt", "Sort", "ToString"];

    [Fact]
    public async Task APreparedPromptRanksAsAPromptBuiltAfterTheList()
    {
        var (document, caret) = AssistWorkspace.Create(("Use.cs", """
            using System.Collections.Generic;
            class Use
            {
                int Run(List<int> items)
                {
                    items.$$
                }
            }
            """));
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
