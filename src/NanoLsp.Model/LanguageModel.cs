using System.Diagnostics;

namespace NanoLsp.Model;

/// <summary>
/// A loaded model: manifest, tokenizer, decoder and prefix cache. Runs one generation at a time
/// (the cache is shared state), in the order callers asked, urgent work first (<see cref="ModelGate"/>); a caller that no longer wants its answer
/// cancels its own token (the server's newest-wins is per document, in the inline pipeline: one
/// document's keystroke never cancels another document's generation). Generation runs on the model's own
/// thread (<see cref="ModelThread"/>: why not the thread pool), off the caller's (JSON-RPC) thread.
/// </summary>
public sealed class LanguageModel : IDisposable
{
    private readonly Decoder _decoder;
    private readonly PrefixCache _prefixCache;
    private readonly Generator _generator;
    private readonly BeamSearch _beamSearch;
    private readonly ContinuationScorer _scorer;
    private readonly ModelGate _gate = new();
    private readonly ModelThread _thread;

    public ModelManifest Manifest { get; }
    public NanoTokenizer Tokenizer { get; }
    public TimeSpan LoadTime { get; }

    /// <summary>What the load paged out of ONNX Runtime's library once the sessions were made (<see cref="OnnxRuntimeCode"/>).</summary>
    public OnnxRuntimeCode.Result CodePagedOut { get; private init; }

    /// <summary>The model file the engine runs from (the ORT-format conversion, or the .onnx and why).</summary>
    public string LoadedFrom => _decoder.LoadedFrom;

    private LanguageModel(ModelManifest manifest, NanoTokenizer tokenizer, Decoder decoder, ModelThread thread, TimeSpan loadTime)
    {
        (Manifest, Tokenizer, _decoder, _thread, LoadTime) = (manifest, tokenizer, decoder, thread, loadTime);
        _prefixCache = new PrefixCache(decoder);
        _generator = new Generator(decoder, tokenizer, _prefixCache);
        _beamSearch = new BeamSearch(decoder, tokenizer, _prefixCache);
        _scorer = new ContinuationScorer(decoder, tokenizer, _prefixCache);
    }

    /// <summary>Loads and checks a model directory; every failure is a <see cref="ModelException"/>.</summary>
    public static LanguageModel Load(string directory, DecoderOptions? options = null)
    {
        long start = Stopwatch.GetTimestamp();
        var manifest = ModelManifest.Load(directory);
        var tokenizer = new NanoTokenizer(manifest);
        var thread = new ModelThread("NanoLsp model");
        try
        {
            // Session creation may run kernels too (constant folding): on the model thread like every run.
            var decoder = thread.Run(() => new Decoder(manifest, options));
            // Making the sessions read most of ONNX Runtime's code once (its kernels' registration): given back here,
            // before any run, so that what stays resident is what inference runs.
            var pagedOut = OnnxRuntimeCode.PageOut();
            return new LanguageModel(manifest, tokenizer, decoder, thread, Stopwatch.GetElapsedTime(start)) { CodePagedOut = pagedOut };
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    public FimPrompt BuildPrompt(string prefix, string suffix, string? context = null, int maxTokens = 768, bool tokenHealing = true) =>
        FimPrompt.Build(Tokenizer, prefix, suffix, context, Math.Min(maxTokens, _decoder.Capacity - 1), tokenHealing);

    /// <summary>Generates from a prompt after any generation still running; a cancelled token ends it at the
    /// next token (it returns with <see cref="StopReason.Cancelled"/>) or, while it waits its turn, throws.</summary>
    public Task<GenerationResult> GenerateAsync(FimPrompt prompt, GenerationOptions options, CancellationToken cancellation = default) =>
        RunExclusive(cancellation, ct => _generator.Generate(prompt.Ids, prompt.Healing?.Clone(), options, ct));

    public Task<IReadOnlyList<BeamHypothesis>> BeamSearchAsync(FimPrompt prompt, int width, GenerationOptions options,
        CancellationToken cancellation = default) =>
        RunExclusive(cancellation, ct => _beamSearch.Search(prompt.Ids, prompt.Healing?.Clone(), width, options, ct));

    /// <summary>The model's log-probabilities of given continuations of a prompt (after its token healing's
    /// re-typed text), in order, each on its first <paramref name="maxTokens"/> tokens; <paramref name="prior"/> as in generation.</summary>
    public Task<IReadOnlyList<ScoredContinuation>> ScoreAsync(FimPrompt prompt, IReadOnlyList<string> continuations,
        ITokenPrior? prior = null, int maxTokens = 64, CancellationToken cancellation = default) =>
        ScoreAsync(prompt, continuations, new ScoringOptions { Prior = prior, MaxTokens = maxTokens }, cancellation);

    /// <summary>As above, with the ranking options (the cheap first-token pass, the end's probability).</summary>
    public Task<IReadOnlyList<ScoredContinuation>> ScoreAsync(FimPrompt prompt, IReadOnlyList<string> continuations,
        ScoringOptions options, CancellationToken cancellation = default) =>
        RunExclusive(cancellation, ct => _scorer.Score(prompt.Ids, prompt.Healing?.Clone(), continuations, options, ct), options.Urgent);

    /// <summary>Makes the prefix cache hold the prompt (with the logits after it), so that a generation or a scoring of
    /// the same prompt that follows starts at once; after any generation still running.</summary>
    public Task PrefillAsync(FimPrompt prompt, CancellationToken cancellation = default) => PrefillAsync(prompt, urgent: false, cancellation);

    /// <summary>As above; <paramref name="urgent"/>: before every generation still waiting its turn (<see cref="ModelGate"/>).</summary>
    public Task PrefillAsync(FimPrompt prompt, bool urgent, CancellationToken cancellation = default) =>
        RunExclusive(cancellation, ct => _prefixCache.Prefill(prompt.Ids, ct).Length, urgent);

    /// <summary>How many of <paramref name="prompt"/>'s tokens the model has not read yet: what a prefill of it would run
    /// now (0: its prefix cache holds it all). An estimate for callers deciding whether to wait for the model: read
    /// without waiting for the model's turn.</summary>
    public int UnreadTokens(FimPrompt prompt) => _prefixCache.UnreadLength(prompt.Ids);

    /// <summary>Synchronous generation for tools and tests; waits for any running generation.</summary>
    public GenerationResult Generate(FimPrompt prompt, GenerationOptions options, CancellationToken cancellation = default) =>
        GenerateAsync(prompt, options, cancellation).GetAwaiter().GetResult();

    private async Task<T> RunExclusive<T>(CancellationToken cancellation, Func<CancellationToken, T> work, bool urgent = false)
    {
        await _gate.EnterAsync(urgent, cancellation).ConfigureAwait(false);
        try
        {
            return await _thread.RunAsync(() => work(cancellation)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Direct access for the benchmark and tests: the decoder and its prefix cache.
    /// Callers must not run generations at the same time.</summary>
    internal Decoder Decoder => _decoder;

    /// <summary>For the fault probe (NanoLsp.Model.Bench --fault-probe): runs work on the model's thread, in turn.</summary>
    internal Task<T> OnModelThreadAsync<T>(Func<T> work) => RunExclusive(CancellationToken.None, _ => work());
    internal PrefixCache PrefixCache => _prefixCache;

    public void Dispose()
    {
        _gate.EnterAsync(urgent: false, CancellationToken.None).GetAwaiter().GetResult(); // after the work in flight
        _gate.Close(); // what still waits, and every later call, is told the model is gone
        _prefixCache.Dispose();
        _decoder.Dispose();
        _thread.Dispose();
    }
}
