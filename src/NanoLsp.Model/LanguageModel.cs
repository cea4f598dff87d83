using System.Diagnostics;

namespace NanoLsp.Model;

/// <summary>
/// A loaded model: manifest, tokenizer, decoder and prefix cache. Runs one generation at a time
/// (the cache is shared state); a new request may cancel the running one, so the newest keystroke
/// wins. Generation runs on the thread pool, off the caller's (JSON-RPC) thread.
/// </summary>
public sealed class LanguageModel : IDisposable
{
    private readonly Decoder _decoder;
    private readonly PrefixCache _prefixCache;
    private readonly Generator _generator;
    private readonly BeamSearch _beamSearch;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _activeLock = new();
    private readonly HashSet<CancellationTokenSource> _active = []; // waiting or running requests

    public ModelManifest Manifest { get; }
    public NanoTokenizer Tokenizer { get; }
    public TimeSpan LoadTime { get; }

    private LanguageModel(ModelManifest manifest, NanoTokenizer tokenizer, Decoder decoder, TimeSpan loadTime)
    {
        (Manifest, Tokenizer, _decoder, LoadTime) = (manifest, tokenizer, decoder, loadTime);
        _prefixCache = new PrefixCache(decoder);
        _generator = new Generator(decoder, tokenizer, _prefixCache);
        _beamSearch = new BeamSearch(decoder, tokenizer, _prefixCache);
    }

    /// <summary>Loads and checks a model directory; every failure is a <see cref="ModelException"/>.</summary>
    public static LanguageModel Load(string directory, DecoderOptions? options = null)
    {
        long start = Stopwatch.GetTimestamp();
        var manifest = ModelManifest.Load(directory);
        var tokenizer = new NanoTokenizer(manifest);
        var decoder = new Decoder(manifest, options);
        return new LanguageModel(manifest, tokenizer, decoder, Stopwatch.GetElapsedTime(start));
    }

    public FimPrompt BuildPrompt(string prefix, string suffix, string? context = null, int maxTokens = 768, bool tokenHealing = true) =>
        FimPrompt.Build(Tokenizer, prefix, suffix, context, Math.Min(maxTokens, _decoder.Capacity - 1), tokenHealing);

    /// <summary>Generates from a prompt. With <paramref name="cancelPrevious"/>, a generation still
    /// running is cancelled first (it returns with <see cref="StopReason.Cancelled"/>).</summary>
    public Task<GenerationResult> GenerateAsync(FimPrompt prompt, GenerationOptions options, bool cancelPrevious = true,
        CancellationToken cancellation = default) =>
        RunExclusive(cancelPrevious, cancellation, ct => _generator.Generate(prompt.Ids, prompt.Healing?.Clone(), options, ct));

    public Task<IReadOnlyList<BeamHypothesis>> BeamSearchAsync(FimPrompt prompt, int width, GenerationOptions options,
        bool cancelPrevious = true, CancellationToken cancellation = default) =>
        RunExclusive(cancelPrevious, cancellation, ct => _beamSearch.Search(prompt.Ids, prompt.Healing?.Clone(), width, options, ct));

    /// <summary>Synchronous generation for tools and tests; waits for any running generation.</summary>
    public GenerationResult Generate(FimPrompt prompt, GenerationOptions options, CancellationToken cancellation = default) =>
        GenerateAsync(prompt, options, cancelPrevious: false, cancellation).GetAwaiter().GetResult();

    private async Task<T> RunExclusive<T>(bool cancelPrevious, CancellationToken cancellation, Func<CancellationToken, T> work)
    {
        using var mine = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        lock (_activeLock)
        {
            // Newest wins: older requests, running or still queued, stop at their next token.
            if (cancelPrevious)
                foreach (var older in _active) older.Cancel();
            _active.Add(mine);
        }
        try
        {
            await _gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                return await Task.Run(() => work(mine.Token), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            lock (_activeLock) _active.Remove(mine);
        }
    }

    /// <summary>Direct access for the benchmark and tests: the decoder and its prefix cache.
    /// Callers must not run generations at the same time.</summary>
    internal Decoder Decoder => _decoder;
    internal PrefixCache PrefixCache => _prefixCache;

    public void Dispose()
    {
        _gate.Wait();
        _prefixCache.Dispose();
        _decoder.Dispose();
        _gate.Dispose();
    }
}
