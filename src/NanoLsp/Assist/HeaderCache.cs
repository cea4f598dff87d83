using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// Reuses a document's last header while the user types inside one identifier. After each keystroke
/// Roslyn has a new compilation, and the header's first semantic queries on it cost 20-40 ms on this
/// box; the header, however, depends only on the text outside the identifier at the cursor (which it
/// never resolves: a partial name), on the windows, and on the other documents. So that is the key:
/// the document text with that identifier cut out, the window bounds relative to it, the versions of
/// every other document the compilation sees, the budget and the tokenizer. Equal key, equal header.
/// <para>
/// Serving stale (the server's typing requests), a miss whose document has a header for nearly the same text (the
/// same windows' start, the same other documents, a few characters apart) gets that header at once, and the fresh
/// one is built in the background for the next keystroke. Binding the member at the cursor after each word costs
/// 20-50 ms, and far more on the first keystrokes in a newly opened file; a header one keystroke old names the same
/// types nearly always, and keeps the prompt's start, so the engine's prefix cache still holds it. With no header
/// near (the first keystrokes in a file), the request waits for the build a little (<see cref="ColdWait"/>) and then
/// goes on without a header rather than past its deadline: the build goes on and serves the keystrokes after it.
/// </para>
/// </summary>
public sealed class HeaderCache
{
    private sealed record Key(DocumentId Document, string Text, int WindowStart, int WindowEndFromCursor,
        IReadOnlyList<(DocumentId, VersionStamp)> Others, int Budget, NanoTokenizer Tokenizer)
    {
        public bool Matches(Key other) =>
            Document == other.Document && Budget == other.Budget && ReferenceEquals(Tokenizer, other.Tokenizer)
            && WindowStart == other.WindowStart && WindowEndFromCursor == other.WindowEndFromCursor
            && string.Equals(Text, other.Text, StringComparison.Ordinal) && Others.SequenceEqual(other.Others);

        /// <summary>The same document, windows' start and other documents, the text a few characters apart: what
        /// typing on changes between two keystrokes.</summary>
        public bool Near(Key other) =>
            Document == other.Document && Budget == other.Budget && ReferenceEquals(Tokenizer, other.Tokenizer)
            && WindowStart == other.WindowStart && Math.Abs(Text.Length - other.Text.Length) <= NearCharacters
            && Others.SequenceEqual(other.Others);
    }

    /// <summary>How far apart (in characters) two texts may be for one's header to stand in for the other's.</summary>
    private const int NearCharacters = 128;

    /// <summary>A background build that runs longer is given up (the next miss starts another).</summary>
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a request with no header near waits for the build (a header on a compilation already bound
    /// takes 20-50 ms on a 2-core laptop; the first in a newly opened file 100-500 ms).</summary>
    public static readonly TimeSpan ColdWait = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<DocumentId, Task<string>> _refreshing = [];
    private long _stale, _without;

    private const int Capacity = 32;
    private readonly Dictionary<DocumentId, (Key Key, string Header, long Used)> Entries = new();
    private long _hits, _misses, _tick;

    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>Misses answered with a near header while the exact one was built in the background.</summary>
    public long StaleServed => Interlocked.Read(ref _stale);

    /// <summary>Misses answered without a header: none near, and the build took longer than <see cref="ColdWait"/>.</summary>
    public long ServedWithout => Interlocked.Read(ref _without);

    /// <summary>Waits for the background builds running now (tests).</summary>
    internal async Task RefreshedAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_refreshing) running = [.. _refreshing.Values];
            if (running.Length == 0) return;
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(1000)).ConfigureAwait(false);
        }
    }

    /// <summary>The identifier the cursor is in or touches: [start, end).</summary>
    public static (int Start, int End) IdentifierAt(SourceText text, int position)
    {
        int start = position, end = position;
        while (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[start - 1])) start--;
        while (end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end])) end++;
        return (start, end);
    }

    /// <param name="build">Builds the exact header; its token is the request's, or the background build's own.</param>
    /// <param name="serveStale">Serve a near header at once and build the exact one in the background (the server's
    /// typing requests); off, every miss is built before it returns (invoked requests, eval and tests).</param>
    public async Task<string> GetOrBuildAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer,
        int budget, Func<CancellationToken, Task<string>> build, bool serveStale, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(document, position, windows, tokenizer, budget, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            string? near = null;
            lock (Entries)
            {
                if (Entries.TryGetValue(document.Id, out var entry) && entry.Key.Matches(key))
                {
                    Interlocked.Increment(ref _hits);
                    Entries[document.Id] = entry with { Used = ++_tick };
                    return entry.Header;
                }
                if (serveStale && entry.Key is not null && entry.Key.Near(key)) near = entry.Header;
            }
            if (near is not null)
            {
                Interlocked.Increment(ref _stale);
                _ = Refresh(document.Id, key, build);
                return near;
            }
            if (serveStale)
            {
                Interlocked.Increment(ref _misses);
                var building = Refresh(document.Id, key, build);
                if (await Task.WhenAny(building, Task.Delay(ColdWait, cancellationToken)).ConfigureAwait(false) == building
                    && building.IsCompletedSuccessfully)
                    return building.Result;
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _without);
                return "";
            }
        }
        Interlocked.Increment(ref _misses);
        string header = await build(cancellationToken).ConfigureAwait(false);
        // Before the first build of a compilation the other documents may not be loaded yet; now they are.
        key ??= await KeyAsync(document, position, windows, tokenizer, budget, cancellationToken).ConfigureAwait(false);
        if (key is not null) Store(key, header);
        return header;
    }

    private void Store(Key key, string header)
    {
        lock (Entries)
        {
            if (Entries.Count >= Capacity && !Entries.ContainsKey(key.Document))
                Entries.Remove(Entries.MinBy(e => e.Value.Used).Key); // the least recently used document
            Entries[key.Document] = (key, header, ++_tick);
        }
    }

    /// <summary>Builds the exact header in the background, one build per document at a time: while one runs, the
    /// keystrokes that miss get the one running (or the near header), and the next miss after it starts the next build.</summary>
    private Task<string> Refresh(DocumentId document, Key key, Func<CancellationToken, Task<string>> build)
    {
        lock (_refreshing)
        {
            if (_refreshing.TryGetValue(document, out var running)) return running;
            var task = Task.Run(async () =>
            {
                try
                {
                    using var timeout = new CancellationTokenSource(RefreshTimeout);
                    string header = await build(timeout.Token).ConfigureAwait(false);
                    Store(key, header);
                    return header;
                }
                finally
                {
                    lock (_refreshing) _refreshing.Remove(document);
                }
            });
            // A build that failed leaves the near header (or none); a request that misses later tries again.
            _ = task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            _refreshing[document] = task; // its finally waits for this lock to remove it
            return task;
        }
    }

    private static async Task<Key?> KeyAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budget,
        CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var (start, end) = IdentifierAt(text, position);
        if (windows.Start > start || windows.End < end) return null;
        var others = new List<(DocumentId, VersionStamp)>();
        var solution = document.Project.Solution;
        var projects = new[] { document.Project.Id }.Concat(solution.GetProjectDependencyGraph().GetProjectsThatThisProjectTransitivelyDependsOn(document.Project.Id));
        foreach (var projectId in projects.OrderBy(p => p.Id))
        {
            if (solution.GetProject(projectId) is not { } project) continue;
            foreach (var other in project.Documents)
            {
                if (other.Id == document.Id) continue;
                if (!other.TryGetTextVersion(out var version)) return null; // not loaded yet: do not guess
                others.Add((other.Id, version));
            }
        }
        string cut = string.Concat(text.ToString(TextSpan.FromBounds(0, start)), "\u0001", text.ToString(TextSpan.FromBounds(end, text.Length)));
        return new Key(document.Id, cut, windows.Start, windows.End - end, others, budget, tokenizer);
    }
}
