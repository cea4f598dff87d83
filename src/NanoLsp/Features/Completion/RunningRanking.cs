using Microsoft.CodeAnalysis;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Stops the rankings of the newest word's lists when a list comes at another word. A ranking may go on after its
/// list went out (a list does not wait for a ranking at a place the model has not read): it is for the list asked
/// again at the word's next letter, so a list at another word (or in another document) has no use for it, and its
/// prefill and passes would hold the model that list's own ranking waits for. Lists at the same word let each other
/// go on (the later ranking takes the earlier one's scores). Each ranking also stops with its own request.
/// </summary>
internal sealed class RunningRanking
{
    private readonly Lock _lock = new();
    private DocumentId? _document;
    private int _wordStart = -1;
    private List<CancellationTokenSource> _word = [];

    /// <summary>The token for a ranking at <paramref name="wordStart"/>, stopping those of another word; <c>SameWord</c>:
    /// the list before was at this word (asked again as the word is typed), so its ranking has read the place or is
    /// reading it.</summary>
    public (CancellationToken Token, bool SameWord) Start(DocumentId document, int wordStart, CancellationToken request)
    {
        // Not disposed: a stopped ranking may still be registering on its token (its waits, the model's gate); the
        // source holds no timer or wait handle, and its link to the request goes with the request.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(request);
        List<CancellationTokenSource> stopped = [];
        bool sameWord;
        lock (_lock)
        {
            sameWord = _document == document && _wordStart == wordStart;
            if (!sameWord)
                (stopped, _word, _document, _wordStart) = (_word, [], document, wordStart);
            _word.RemoveAll(s => s.IsCancellationRequested); // the requests ended by their clients
            _word.Add(stop);
        }
        foreach (var source in stopped)
            source.Cancel();
        return (stop.Token, sameWord);
    }
}
