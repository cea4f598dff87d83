using System.Diagnostics;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanoLsp.Logging;
using NanoLsp.Model;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Roslyn's first completion list in a process costs about 290 ms more than the next (its providers are made and
/// their code runs for the first time); on the bundled sample the first list after a '.' took 290 ms without the
/// model's ranking and the next ones 9-14 ms. Once the first diagnostics are in, this asks Roslyn for the list after
/// the first member access of an open document and drops it, so that the user's first '.' finds the providers
/// ready. The open document, not a scratch one: its compilation is already built, where a scratch document's
/// project cost 29 MB more at the peak of a typing session on dotnet/docfx. Then, once the model is loaded, the
/// model's ranking of that list runs once too (its prompt, prefill and scoring were another 100 ms the first time).
/// With no document open yet, the first one opened is warmed up. A user's list asked while the warm-up still runs
/// supersedes it (<see cref="Supersede"/>): that list makes Roslyn's providers and runs the ranking's code itself.
/// </summary>
public sealed class CompletionWarmUp(WorkspaceManager workspace, ILog log,
    Func<CancellationToken, Task<LanguageModel?>>? model = null, ModelRanking? ranking = null) : IStartsAfterInitialized
{
    /// <summary>How long the ranking's warm-up waits for the model to load.</summary>
    private static readonly TimeSpan ModelWait = TimeSpan.FromSeconds(30);

    /// <summary>The warm-up in flight (tests wait for it).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    private readonly CancellationTokenSource _superseded = new();

    /// <summary>
    /// A user's list has been asked for: it does the work this warms up, so the warm-up stops where it is (its list
    /// cancelled, its ranking not run; what it made already, providers, compilation, code, stays made). On dotnet/docfx
    /// the first list after '.' typed right after the file opened ran beside the warm-up's own list and then beside its
    /// ranking, all of them cold, and the model ran the warm-up's ranking passes before the list's.
    /// </summary>
    public void Supersede()
    {
        try
        {
            _superseded.Cancel(); // once cancelled, a no-op: every list calls this
        }
        catch (AggregateException e)
        {
            log.Debug($"Completion warm-up: {e.GetBaseException().Message}"); // a callback of the warm-up's own work threw
        }
    }

    public void Start(ServerSettings settings) => Running = Task.Run(() => WarmUpAsync(RankingOptions.From(settings)));

    private async Task WarmUpAsync(RankingOptions rankingOptions)
    {
        // No document open yet (an editor that opened the folder alone; the typing benchmark opens its first file
        // after the load): the first one opened is warmed up. Without it the first '.' list on dotnet/docfx took
        // 0.9-1.5 s.
        await workspace.FirstOpened.ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var superseded = _superseded.Token;
        try
        {
            var snapshot = workspace.Snapshot;
            foreach (var path in snapshot.Open.Keys)
            {
                if (snapshot.FindDocument(path) is not { } document || await document.GetSyntaxRootAsync().ConfigureAwait(false) is not { } root)
                    continue;
                if (root.DescendantNodes().OfType<MemberAccessExpressionSyntax>().FirstOrDefault() is not { } access)
                    continue;
                if (CompletionService.GetService(document) is not { } service)
                    return;
                var alone = PreferredDocument.Alone(document);
                await FrozenSemantics.CompileWhereFreezingLosesAsync(alone, superseded).ConfigureAwait(false); // as a list does
                var list = await service.GetCompletionsAsync(alone, access.OperatorToken.Span.End,
                    CompletionTrigger.CreateInsertionTrigger('.'), cancellationToken: superseded).ConfigureAwait(false);
                log.Debug($"Completion warmed up in {watch.ElapsedMilliseconds} ms ({list.ItemsList.Count} items after a '.' in {Path.GetFileName(path)}).");
                await WarmUpRankingAsync(document, access.OperatorToken.Span.End, list.ItemsList.Select(i => i.DisplayText).Take(8).ToList(), rankingOptions,
                    superseded).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (superseded.IsCancellationRequested)
        {
            log.Debug($"Completion warm-up superseded by a list asked for after {watch.ElapsedMilliseconds} ms.");
        }
        catch (Exception e)
        {
            // Only the first list's speed is at stake: the user's own request makes the providers as before.
            log.Debug($"Completion warm-up failed after {watch.ElapsedMilliseconds} ms: {e.Message}");
        }
    }

    /// <summary>Ranks on the document the list was made on: edits made since change nothing that a warm-up is for.</summary>
    private async Task WarmUpRankingAsync(Microsoft.CodeAnalysis.Document document, int wordStart, IReadOnlyList<string> candidates, RankingOptions options,
        CancellationToken superseded)
    {
        if (ranking is null || model is null || !options.Enabled || candidates.Count < 2)
            return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(superseded);
        wait.CancelAfter(ModelWait);
        if (await model(wait.Token).ConfigureAwait(false) is null)
            return;
        superseded.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var result = await ranking.RankAsync(document, wordStart, wordStart, candidates, options, superseded).ConfigureAwait(false);
        log.Debug($"Completion ranking warmed up in {watch.ElapsedMilliseconds} ms ({result.Outcome}).");
    }
}
