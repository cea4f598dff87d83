using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>
/// The pipeline's one newest-wins rule, per document, with the real model behind it. A gate in front of
/// the real backend holds the first request inside its decode stage, so that the second arrives while it
/// runs, every time (no race on timing).
/// </summary>
public class NewestWinsTests
{
    private static readonly Lazy<LanguageModel> Model = new(() => LanguageModel.Load(ModelLocator.Locate()));

    /// <summary>The real model, entered only once the test opens the gate (the first call only).</summary>
    private sealed class GatedBackend(ICompletionBackend inner) : ICompletionBackend
    {
        private int _calls;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public NanoTokenizer Tokenizer => inner.Tokenizer;
        public int ContextLength => inner.ContextLength;

        public async Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.TrySetResult();
                await Gate.Task.WaitAsync(cancellationToken);
            }
            return await inner.CompleteAsync(request, cancellationToken);
        }
    }

    private static readonly InlineCompletionOptions Options = new() { Deadline = null };

    [Fact]
    public async Task ARequestInOneDocumentNeverCancelsAnotherDocuments()
    {
        var (first, firstCaret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var second = first.Project.Documents.Single(d => d.Name.EndsWith("StockItem.cs"));
        var pipeline = new InlineCompletionPipeline();
        var gated = new GatedBackend(new LocalModelBackend(Model.Value, ShowPolicy.Whole));

        var running = pipeline.CompleteAsync(gated, first, firstCaret, Options, CancellationToken.None, arrival: 1);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var other = await pipeline.CompleteAsync(gated, second, 0, Options, CancellationToken.None, arrival: 2);
        gated.Gate.SetResult();
        var firstResult = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CompletionSource.Model, firstResult.Source);
        Assert.NotEqual(CompletionSource.Cancelled, other.Source);
    }

    [Fact]
    public async Task ANewerRequestInTheSameDocumentCancelsTheOlderOne()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var pipeline = new InlineCompletionPipeline();
        var gated = new GatedBackend(new LocalModelBackend(Model.Value, ShowPolicy.Whole));

        var older = pipeline.CompleteAsync(gated, document, caret, Options, CancellationToken.None, arrival: 1);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var newer = await pipeline.CompleteAsync(gated, document, caret, Options, CancellationToken.None, arrival: 2);
        var olderResult = await older.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CompletionSource.Cancelled, olderResult.Source);
        Assert.Empty(olderResult.Suggestions);
        Assert.Equal(CompletionSource.Model, newer.Source);
        // An arrival older than one already seen is answered empty at once, without the model.
        var stale = await pipeline.CompleteAsync(gated, document, caret, Options, CancellationToken.None, arrival: 1);
        Assert.Equal(CompletionSource.Cancelled, stale.Source);
    }

    [Fact]
    public async Task TheDeadlineEndsARequestWithAnEmptyAnswer()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var gated = new GatedBackend(new LocalModelBackend(Model.Value, ShowPolicy.Whole)); // never opened: only the deadline ends it
        var result = await new InlineCompletionPipeline().CompleteAsync(gated, document, caret,
            Options with { Deadline = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        Assert.Equal(CompletionSource.Deadline, result.Source);
        Assert.Empty(result.Suggestions);
    }
}
