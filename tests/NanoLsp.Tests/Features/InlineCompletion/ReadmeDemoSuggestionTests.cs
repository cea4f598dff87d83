using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>
/// The README demo's inline completions (samples/Inventory, the rest of a line deleted) through the whole
/// pipeline with the shipped model: right suggestions that the monitor, the confidence cut or the compile
/// check used to hide (issue 17). No deadline: these check what is shown, not how fast.
/// </summary>
public class ReadmeDemoSuggestionTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    private static readonly InlineCompletionOptions Options = new() { Deadline = null, CompileCheckBudget = TimeSpan.FromSeconds(30) };

    private static Task<InlineCompletionResult> CompleteAsync(string after, int occurrence)
    {
        var (document, caret) = AssistWorkspace.InventoryLineCut("Program.cs", after, occurrence);
        return new InlineCompletionPipeline().CompleteAsync(new LocalModelBackend(Model.Value, ShowPolicy.Whole), document, caret, Options, CancellationToken.None);
    }

    [Theory]
    [InlineData(0)] // above another `inventory.Receive(...)` line: parsed as a declaration, once left unmonitored
    [InlineData(2)] // above an empty line
    public async Task TheMemberAfterAPartialNameIsShown(int occurrence)
    {
        var result = await CompleteAsync("inventory.Re", occurrence);

        Assert.Equal(FilterVerdict.Keep, result.Verdict);
        Assert.StartsWith("ceive", result.First);
        // The member monitor leaves Receive and Report; the model's first token (the healed "Re" and more)
        // is sure among them, so the cut keeps it.
        var first = result.Generation!.Tokens[0];
        Assert.False(ConfidenceCut.IsDoubt(first, Options.CutBelowLogProb!.Value), $"first token {first}");
    }

    [Fact]
    public async Task AnUnfinishedCallIsShown()
    {
        var result = await CompleteAsync("    Console.", 0);

        Assert.Equal(FilterVerdict.Keep, result.Verdict);
        Assert.StartsWith("WriteLine", result.First);
    }

    [Fact]
    public async Task TheRestOfTheOneMemberAPartialNameContinuesIsNoDoubt()
    {
        // "Rec" continues only Receive: the tokens that spell "eive" are no choice of the model's.
        var result = await CompleteAsync("inventory.Rec", 0);

        Assert.StartsWith("eive", result.First);
        // Healing re-types the bytes it backed over; the tokens after them that stay inside "eive" are judged sure.
        int nameEnd = result.HealedBytes + "eive".Length, at = 0, judged = 0;
        foreach (var token in result.Generation!.Tokens)
        {
            int length = Model.Value.Tokenizer.TokenBytes(token.Id).Length;
            if (!token.RetypesHealedText && at + length <= nameEnd)
            {
                Assert.Equal(0f, token.ConstrainedLogProb);
                judged++;
            }
            at += length;
        }
        Assert.True(judged > 0);
    }
}
