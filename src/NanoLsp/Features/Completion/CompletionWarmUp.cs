using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanoLsp.Logging;
using NanoLsp.Model;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Roslyn's first completion list in a project costs far more than the next. In the process's first list its providers
/// run for the first time (on the bundled sample the first list after a '.' took 290 ms without the model's ranking, the
/// next ones 9-14 ms); in each project Roslyn first builds what its lists read: the project's symbols of its references,
/// the types of namespaces not imported, the index of extension methods. On dotnet/docfx the first list after a '.' took
/// 0.8-0.9 s where the next took 40-60 ms, and the first list at a word's start in another project (a test project)
/// 0.2-0.5 s. So, for each project a document opens in, this asks Roslyn for two lists in that document (after the
/// project's compilation, which its diagnostics are making too) and drops them: after its first member access, and at
/// its first statement's start.
/// The open document, not a scratch one: its compilation is already built, where a scratch document's project cost 29
/// MB more at the peak of a typing session on dotnet/docfx. Then, once the model is loaded, the model's ranking of the
/// first such list runs once too (its prompt, prefill and scoring were another 100 ms the first time).
/// Projects are warmed one at a time, in the order their documents opened; after a load, the open documents' projects
/// (new ones) are warmed again.
/// </summary>
public sealed class CompletionWarmUp(WorkspaceManager workspace, ILog log,
    Func<CancellationToken, Task<LanguageModel?>>? model = null, ModelRanking? ranking = null) : IStartsAfterInitialized, IFollowsWorkspaceLoad
{
    /// <summary>How long the ranking's warm-up waits for the model to load.</summary>
    private static readonly TimeSpan ModelWait = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private Task _chain = Task.CompletedTask;
    private RankingOptions? _rankingOptions; // null until started
    // Touched by the chain's warm-ups only, which run one at a time.
    private readonly HashSet<ProjectId> _warmed = [];
    private bool _rankingWarmed;

    /// <summary>The warm-ups queued so far, to their end (tests wait for it).</summary>
    public Task Running
    {
        get { lock (_lock) return _chain; }
    }

    public void Start(ServerSettings settings)
    {
        lock (_lock)
            _rankingOptions = RankingOptions.From(settings);
        workspace.Opened += Enqueue;
        // Documents opened before the server was initialized (none, with the clients measured so far).
        EnqueueOpen();
    }

    public void WorkspaceLoaded(IReadOnlyList<string> roots) => EnqueueOpen();

    private void EnqueueOpen()
    {
        foreach (var path in workspace.Snapshot.Open.Keys)
            Enqueue(path);
    }

    private void Enqueue(string path)
    {
        lock (_lock)
        {
            if (_rankingOptions is not { } options)
                return;
            _chain = _chain.ContinueWith(_ => WarmUpAsync(path, options), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task WarmUpAsync(string path, RankingOptions rankingOptions)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            if (workspace.Snapshot.FindDocument(path) is not { } opened)
                return;
            // Lists are made in the document's own framework's project (PreferredDocument.Alone), as the user's are.
            var document = PreferredDocument.Alone(opened);
            if (_warmed.Contains(document.Project.Id) || CompletionService.GetService(document) is not { } service
                || await document.GetSyntaxRootAsync().ConfigureAwait(false) is not { } root)
                return;
            var access = root.DescendantNodes().OfType<MemberAccessExpressionSyntax>().FirstOrDefault();
            var statement = root.DescendantNodes().OfType<BlockSyntax>().SelectMany(b => b.Statements).FirstOrDefault();
            if (access is null && statement is null)
                return; // another of the project's documents, opened later, may have them
            _warmed.Add(document.Project.Id);
            await FrozenSemantics.CompileWhereFreezingLosesAsync(document, CancellationToken.None).ConfigureAwait(false); // as a list does
            var afterDot = access is null ? null
                : await service.GetCompletionsAsync(document, access.OperatorToken.Span.End, CompletionTrigger.CreateInsertionTrigger('.')).ConfigureAwait(false);
            var atStart = statement is null ? null
                : await service.GetCompletionsAsync(document, statement.SpanStart, CompletionTrigger.Invoke).ConfigureAwait(false);
            log.Debug($"Completion warmed up for {document.Project.Name} in {watch.ElapsedMilliseconds} ms ({afterDot?.ItemsList.Count ?? 0} items after a '.', " +
                $"{atStart?.ItemsList.Count ?? 0} at a statement's start, in {Path.GetFileName(path)}).");
            if (!_rankingWarmed && afterDot is not null)
            {
                _rankingWarmed = true;
                await WarmUpRankingAsync(document, access!.OperatorToken.Span.End, afterDot.ItemsList.Select(i => i.DisplayText).Take(8).ToList(), rankingOptions)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Only the first lists' speed is at stake: the user's own requests build the same as before.
            log.Debug($"Completion warm-up of {Path.GetFileName(path)} failed after {watch.ElapsedMilliseconds} ms: {e.Message}");
        }
    }

    /// <summary>Ranks on the document the list was made on: edits made since change nothing that a warm-up is for.</summary>
    private async Task WarmUpRankingAsync(Microsoft.CodeAnalysis.Document document, int wordStart, IReadOnlyList<string> candidates, RankingOptions options)
    {
        if (ranking is null || model is null || !options.Enabled || candidates.Count < 2)
            return;
        using var wait = new CancellationTokenSource(ModelWait);
        if (await model(wait.Token).ConfigureAwait(false) is null)
            return;
        var watch = Stopwatch.StartNew();
        var result = await ranking.RankAsync(document, wordStart, wordStart, candidates, options, CancellationToken.None).ConfigureAwait(false);
        log.Debug($"Completion ranking warmed up in {watch.ElapsedMilliseconds} ms ({result.Outcome}).");
    }
}
