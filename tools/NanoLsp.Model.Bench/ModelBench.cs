using System.Diagnostics;
using NanoLsp.Model;

namespace NanoLsp.Model.Bench;

/// <summary>
/// The measurements of one model directory, one repetition at a time, so that Program can
/// interleave several models (a shared, noisy machine then slows them all alike).
/// </summary>
internal sealed class ModelBench : IDisposable
{
    public static readonly int[] DefaultPrefillLengths = [128, 256, 512];

    private readonly string _dir;
    private readonly LanguageModel _model;
    private readonly Random _rng = new(1234);
    private readonly List<double> _loads = [];
    private readonly Dictionary<int, List<double>> _prefills = [];
    private readonly Dictionary<int, List<double>> _decodes = [];
    private readonly List<double> _hits = [];
    // One figure per repetition and measure (a prefill's time, a decode repetition's median step), in
    // repetition order, so that Program can pair a model's repetition with another's taken just before.
    private readonly Dictionary<string, List<double>> _perRepetition = [];
    private int[] _hitBase = [];

    public ModelBench(string dir, DecoderOptions options, int loadProbes)
    {
        _dir = dir;
        for (int i = 0; i < loadProbes; i++)
        {
            using var probe = LanguageModel.Load(dir, options);
            _loads.Add(probe.LoadTime.TotalMilliseconds);
        }
        _model = LanguageModel.Load(dir, options);
    }

    public LanguageModel Model => _model;

    private PrefixCache Cache => _model.PrefixCache;

    // Ordinary (non-special) ids: the benchmark cares about shapes, not meaning.
    private int[] RandomIds(int n) => Enumerable.Range(0, n).Select(_ => _rng.Next(256, _model.Manifest.VocabSize - 8)).ToArray();

    /// <summary>One prefill of a fresh random prompt; recorded unless it is the warm-up.</summary>
    public void Prefill(int length, bool record)
    {
        if (length >= _model.Decoder.Capacity) return;
        int[] prompt = RandomIds(length);
        Cache.Clear();
        long t0 = Stopwatch.GetTimestamp();
        Cache.Prefill(prompt);
        if (!record) return;
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Samples(_prefills, length).Add(ms);
        Repetitions($"prefill {length}").Add(ms);
    }

    public static readonly int[] DefaultDecodeContexts = [128, 512];

    /// <summary>The wanted contexts that leave room for the decoded tokens; small test models have short contexts: fall back to a quarter of it.</summary>
    public int[] DecodeContexts(int[] wanted, int decodeTokens) =>
        wanted.Where(c => c + decodeTokens <= _model.Decoder.Capacity).DefaultIfEmpty(_model.Decoder.Capacity / 4).ToArray();

    /// <summary>A random prompt of <paramref name="context"/> tokens, then greedy steps, each timed (the arg max over the vocabulary included).</summary>
    public void Decode(int context, int decodeTokens)
    {
        Cache.Clear();
        int next = Sampler.ArgMax(Cache.Prefill(RandomIds(context)));
        var steps = new List<double>();
        for (int t = 0; t < decodeTokens && Cache.Cache.Length < Cache.Cache.Capacity; t++)
        {
            long t0 = Stopwatch.GetTimestamp();
            next = Sampler.ArgMax(_model.Decoder.Forward(Cache.Cache, [Math.Max(next, 256)]));
            steps.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        Samples(_decodes, context).AddRange(steps);
        steps.Sort();
        Repetitions($"decode/token after {context}").Add(steps[steps.Count / 2]);
    }

    /// <summary>
    /// This model's time over the other's, repetition by repetition (median, p10, p90 of the ratios):
    /// on a shared machine the load drifts between repetitions far more than within one pair.
    /// </summary>
    public void ReportRelativeTo(ModelBench baseline)
    {
        foreach (var (what, mine) in _perRepetition)
        {
            if (!baseline._perRepetition.TryGetValue(what, out var theirs)) continue;
            var ratios = mine.Zip(theirs, (a, b) => a / b).Order().ToList();
            if (ratios.Count == 0) continue;
            double At(double q) => ratios[Math.Clamp((int)Math.Ceiling(ratios.Count * q) - 1, 0, ratios.Count - 1)];
            Console.WriteLine($"{what,-34} x{ratios[ratios.Count / 2],6:F3}   p10 x{At(0.1):F3}   p90 x{At(0.9):F3}   pairs={ratios.Count}");
        }
    }

    /// <summary>A keystroke's prefix-cache hit: the base prompt with its last two tokens changed.</summary>
    public void CacheHit()
    {
        if (_hitBase.Length == 0) _hitBase = RandomIds(Math.Min(512, _model.Decoder.Capacity / 2));
        // Another model of an interleaved run does not touch this cache, but the previous hit left the edit in it.
        Cache.Clear();
        Cache.Prefill(_hitBase);
        int[] edited = [.. _hitBase[..^2], .. RandomIds(2)];
        // A random id equal to the one it replaces would leave one more token reusable than the check expects.
        if (edited[^2] == _hitBase[^2]) edited[^2] = edited[^2] == 256 ? 257 : 256;
        long t0 = Stopwatch.GetTimestamp();
        Cache.Prefill(edited);
        _hits.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        if (Cache.LastReused != edited.Length - 2) throw new InvalidOperationException($"expected {edited.Length - 2} reused, got {Cache.LastReused}");
    }

    private (string Name, ContinuationScorer Scorer)[]? _scorers;
    private List<double>[] _scoreTimes = [];
    private int[] _scorePrompt = [];
    private string[] _candidates = [];
    private List<double>[] _rankTimes = [];
    private int[] _rankPrompt = [];
    private string[] _names = [];
    private bool[] _ends = [];

    /// <summary>
    /// Scoring the repository's candidates after a cached prompt (the inline pipeline's stage 4b): five
    /// continuations of 4 to 20 tokens, one forward pass each against all five as rows of one pass, alternated.
    /// </summary>
    public void ScoreCandidates(bool record)
    {
        if (_scorers is null)
        {
            _scorePrompt = RandomIds(Math.Min(256, _model.Decoder.Capacity / 2));
            _candidates = [.. new[] { 4, 8, 12, 16, 20 }.Select(n => _model.Tokenizer.Decode(RandomIds(n)))];
            _scorers = [("one pass each", new ContinuationScorer(_model.Decoder, _model.Tokenizer, Cache, rowsPerPass: 1)),
                ("batched", new ContinuationScorer(_model.Decoder, _model.Tokenizer, Cache, rowsPerPass: 8))];
            _scoreTimes = [.. _scorers.Select(_ => new List<double>())];
            _rankTimes = [.. _scorers.Select(_ => new List<double>())];
            _rankPrompt = RandomIds(Math.Min(450, _model.Decoder.Capacity - 32));
            _names = [.. new[] { 1, 1, 2, 2, 2, 3, 3, 4 }.Select(n => _model.Tokenizer.Decode(RandomIds(n)))];
            _ends = new bool[_model.Manifest.VocabSize];
            for (int i = 0; i < _ends.Length; i += 3) _ends[i] = true;
        }
        for (int s = 0; s < _scorers.Length; s++)
        {
            long t0 = Stopwatch.GetTimestamp();
            _scorers[s].Scorer.Score(_scorePrompt, null, _candidates, new ScoringOptions(), CancellationToken.None);
            if (record) _scoreTimes[s].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            Cache.Prefill(_rankPrompt); // the completion list's prompt is cached by then: what is timed is the scoring
            t0 = Stopwatch.GetTimestamp();
            _scorers[s].Scorer.Score(_rankPrompt, null, _names, new ScoringOptions { EndTokens = _ends, MaxTokens = 16 }, CancellationToken.None);
            if (record) _rankTimes[s].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    }

    public void Report(DecoderOptions options, int runs)
    {
        var m = _model.Manifest;
        Console.WriteLine($"model {m.Name}: {_dir} ({new FileInfo(m.ModelPath).Length / 1e6:F1} MB onnx), layers {m.NumLayers}, hidden {m.HiddenSize}, " +
                          $"heads {m.NumHeads}/{m.NumKvHeads}, vocab {m.VocabSize}, ctx {m.ContextLength}");
        Console.WriteLine($"threads: prefill {options.PrefillThreads}, decode {options.DecodeThreads}{(options.SharesOneSession ? " (one session: steps on the prefill's threads)" : "")}, spinning {options.AllowSpinning}; runs {runs}; cpus {Environment.ProcessorCount}");
        Print("load", _loads);
        foreach (var (length, times) in _prefills.OrderBy(p => p.Key)) Print($"prefill {length}", times);
        foreach (var (context, steps) in _decodes.OrderBy(p => p.Key)) Print($"decode/token after {context}", steps, tokensPerSecond: true);
        if (_hits.Count > 0) Print($"cache hit, 2-token edit of {_hitBase.Length}", _hits);
        for (int s = 0; s < _scoreTimes.Length; s++)
            if (_scoreTimes[s].Count > 0) Print($"score 5 candidates, {_scorers![s].Name}", _scoreTimes[s]);
        for (int s = 0; s < _rankTimes.Length; s++)
            if (_rankTimes[s].Count > 0) Print($"score 8 names whole after 450, {_scorers![s].Name}", _rankTimes[s]);
    }

    public void Dispose() => _model.Dispose();

    private List<double> Repetitions(string what) =>
        _perRepetition.TryGetValue(what, out var list) ? list : _perRepetition[what] = [];

    private static List<double> Samples(Dictionary<int, List<double>> by, int key) =>
        by.TryGetValue(key, out var list) ? list : by[key] = [];

    private static void Print(string what, List<double> ms, bool tokensPerSecond = false)
    {
        ms.Sort();
        double median = ms[ms.Count / 2], p90 = ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(ms.Count * 0.9) - 1)];
        string rate = tokensPerSecond ? $"  ({1000 / median:F0} tok/s)" : "";
        Console.WriteLine($"{what,-34} median {median,8:F2} ms   p90 {p90,8:F2} ms   n={ms.Count}{rate}");
    }
}
