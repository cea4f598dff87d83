using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>
/// The pipeline's later stages (stop rule, filters with Roslyn's compile check, length) on a known
/// suggestion: a fixed-text backend plugs into the backend seam, everything else is the server's own
/// (real Roslyn project, real tokenizer, real compile check).
/// </summary>
public class PipelineStageTests
{
    private sealed class FixedTextBackend(string text) : ICompletionBackend
    {
        public NanoTokenizer Tokenizer => AssistWorkspace.Tokenizer;
        public int ContextLength => 512;

        // Sure tokens (log-probability 0): only the stop rule and the filters judge the text.
        public Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new BackendAnswer([new Candidate(text, Tokenizer.Encode(text).Select(id => new GeneratedToken(id, 0f)).ToList())]));
    }

    private const string Shelf = """
        public class Shelf
        {
            public int Capacity { get; }
            public int Restock(int units) => units;
        }
        """;

    // A statement whose value the suggestions below complete ($$ is the cursor).
    private const string Statement = """
        public class ShelfUser
        {
            public int Fill(Shelf shelf)
            {
                int added = $$
                return added;
            }
        }
        """;

    private static Task<InlineCompletionResult> CompleteAsync(string suggestion, InlineCompletionOptions? options = null)
    {
        var (document, caret) = AssistWorkspace.Create(("ShelfUser.cs", Statement), ("Shelf.cs", Shelf));
        return new InlineCompletionPipeline().CompleteAsync(new FixedTextBackend(suggestion), document, caret,
            options ?? new InlineCompletionOptions { Deadline = null, CompileCheckBudget = TimeSpan.FromSeconds(30) }, CancellationToken.None);
    }

    [Fact]
    public async Task SuggestionThatWouldBreakTheBuildIsDropped()
    {
        var kept = await CompleteAsync("shelf.Restock(4);");
        var dropped = await CompleteAsync("shelf.Restock(\"four\");");

        Assert.Equal(["shelf.Restock(4);"], kept.Suggestions);
        Assert.Equal(FilterVerdict.Keep, kept.Verdict);
        Assert.Empty(dropped.Suggestions);
        Assert.Equal(FilterVerdict.AddsCompileErrors, dropped.Verdict);
    }

    [Fact]
    public async Task AnUnfinishedCallIsShownAndAMisspelledOneIsNot()
    {
        // The confidence cut often ends a suggestion inside a call: `Restock(` has no argument and no `)` yet
        // (and the parser reads the next line into it); that is unfinished, not broken. A member that does
        // not exist is broken however the line goes on.
        var unfinished = await CompleteAsync("shelf.Restock(");
        var misspelled = await CompleteAsync("shelf.Restok(");

        Assert.Equal(["shelf.Restock("], unfinished.Suggestions);
        Assert.Equal(FilterVerdict.Keep, unfinished.Verdict);
        Assert.Empty(misspelled.Suggestions);
        Assert.Equal(FilterVerdict.AddsCompileErrors, misspelled.Verdict);
    }

    [Fact]
    public async Task MaxLengthCutsTheShownSuggestionAtAWordBoundary()
    {
        // The limit (12) falls inside "Restock": what is shown ends at the dot before it.
        var cut = await CompleteAsync("shelf.Restock(4);",
            new InlineCompletionOptions { Deadline = null, CompileCheckBudget = TimeSpan.FromSeconds(30), MaxLength = 12 });
        Assert.Equal(["shelf."], cut.Suggestions);
        Assert.Equal(FilterVerdict.Keep, cut.Verdict);
    }

    /// <summary>A typing request's compile checks share one budget: the next candidate gets what is left, and none is
    /// checked with less than a member's binding left (a check over budget would let it pass unchecked).</summary>
    [Fact]
    public void TheNextCandidateIsCheckedOnlyWithWhatTheBudgetHasLeft()
    {
        var budget = TimeSpan.FromMilliseconds(40);
        Assert.Equal(TimeSpan.FromMilliseconds(30), InlineCompletionPipeline.CompileCheckLeft(budget, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(InlineCompletionPipeline.MinCompileCheck,
            InlineCompletionPipeline.CompileCheckLeft(budget, budget - InlineCompletionPipeline.MinCompileCheck));
        Assert.Null(InlineCompletionPipeline.CompileCheckLeft(budget, TimeSpan.FromMilliseconds(30)));
        Assert.Null(InlineCompletionPipeline.CompileCheckLeft(budget, TimeSpan.FromMilliseconds(70)));
    }
}
