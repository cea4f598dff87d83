using System.Diagnostics;
using Microsoft.CodeAnalysis;
using NanoLsp.Logging;
using NanoLsp.Model;
using NanoLsp.Server;

namespace NanoLsp.Features.Completion;

/// <summary>
/// The model reads the place the caret lands on before anything is typed there. Editors ask where the caret settles:
/// VS Code for the lightbulb's code actions (triggerKind Automatic, an empty range) and for the occurrences
/// (documentHighlight), Emacs and Neovim configurations for the occurrences on idle; where the model has not read that
/// place (a jump to another file or far in this one: <see cref="ModelRanking.IsCold"/>), its prompt is prefilled then,
/// off the request's path and after the model's other work, so that the first list there waits for no prefill and
/// has its stars, and the first ghost text there prefills only what its keystroke changed. The newest caret wins: a
/// read for an earlier place, waiting or running, stops (what it prefilled stays in the prefix cache).
/// </summary>
public sealed class CaretReadAhead(ModelRanking ranking, ILog log)
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _newest;
    private (Document Document, int Offset, Task Read)? _newestPlace;

    /// <summary>The read for the caret at <paramref name="offset"/> (tests await it); it never throws.</summary>
    public Task Landed(Document document, int offset, ServerSettings settings)
    {
        // The list's ranking and the ghost text both start from this prompt; with both off there is nothing to read for.
        if (!settings.CompletionRankWithModel && !settings.InlineCompletionEnabled)
            return Task.CompletedTask;
        var options = RankingOptions.From(settings);
        CancellationTokenSource? before;
        Task read;
        lock (_lock)
        {
            // Asked twice for one place (VS Code asks for the lightbulb's actions and the occurrences both): read once.
            // The same snapshot's document is the same instance; an edit makes another.
            if (_newestPlace is { } newest && ReferenceEquals(newest.Document, document) && newest.Offset == offset)
                return newest.Read;
            var stop = new CancellationTokenSource();
            (before, _newest) = (_newest, stop);
            read = Task.Run(() => ReadAsync(document, offset, options with { Enabled = true }, stop.Token), CancellationToken.None);
            _newestPlace = (document, offset, read);
        }
        before?.Cancel();
        return read;
    }

    private async Task ReadAsync(Document document, int offset, RankingOptions options, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            if (await ranking.ReadAheadAsync(document, offset, options, cancellationToken).ConfigureAwait(false) is { Read: true } read)
                log.Debug($"Read ahead at {Path.GetFileName(document.FilePath ?? document.Name)}:{offset}: {read.Unread} of {read.Length} tokens " +
                          $"in {Stopwatch.GetElapsedTime(start).TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or ModelException)
        {
            // A newer caret, or the model replaced or gone: nothing was owed to anyone.
        }
        catch (Exception e)
        {
            log.Debug($"Read ahead at {offset} failed: {e.Message}");
        }
    }
}
