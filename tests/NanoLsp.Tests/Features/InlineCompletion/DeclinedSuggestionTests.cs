using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>
/// A shown suggestion the user types into instead of taking it is declined: through the whole pipeline with the
/// shipped model, typing its first character shows nothing more of it by default, and its rest with
/// <see cref="DeclinedSuggestion.Keep"/> (the old behaviour).
/// </summary>
public class DeclinedSuggestionTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    private static async Task<(InlineCompletionResult Shown, InlineCompletionResult AfterOneKey)> TypeIntoSuggestionAsync(DeclinedSuggestion declined)
    {
        var options = new InlineCompletionOptions { Deadline = null, CompileCheckBudget = TimeSpan.FromSeconds(30), Declined = declined };
        var backend = new LocalModelBackend(Model.Value, ShowPolicy.Whole);
        var pipeline = new InlineCompletionPipeline();
        var (document, caret) = AssistWorkspace.InventoryLineCut("Program.cs", "    Console.", 0);
        var shown = await pipeline.CompleteAsync(backend, document, caret, options, CancellationToken.None);
        Assert.StartsWith("WriteLine", shown.First);

        var text = await document.GetTextAsync();
        var typed = document.WithText(text.WithChanges(new TextChange(new TextSpan(caret, 0), "W")));
        return (shown, await pipeline.CompleteAsync(backend, typed, caret + 1, options, CancellationToken.None));
    }

    [Fact]
    public async Task TypingIntoAShownSuggestionShowsNothingMoreOfIt()
    {
        var (_, afterOneKey) = await TypeIntoSuggestionAsync(new InlineCompletionOptions().Declined);

        Assert.Equal(CompletionSource.TypingAlong, afterOneKey.Source);
        Assert.Empty(afterOneKey.Suggestions);
    }

    [Fact]
    public async Task KeepingDeclinedSuggestionsShowsTheirRest()
    {
        var (shown, afterOneKey) = await TypeIntoSuggestionAsync(DeclinedSuggestion.Keep);

        Assert.Equal(CompletionSource.TypingAlong, afterOneKey.Source);
        Assert.Equal(shown.First![1..], afterOneKey.First);
    }
}
