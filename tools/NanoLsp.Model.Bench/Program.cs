// Measures the engine on a model directory: load, prefill 128/256/512, per-token decode,
// prefix-cache hit after a 2-token edit, peak memory. Medians and p90 over --runs repetitions.
// Usage: NanoLsp.Model.Bench MODEL_DIR [--runs N] [--prefill-threads N] [--decode-threads N] [--decode-tokens N] [--spin]
//        [--profile PREFIX] [--prefix TEXT [--suffix TEXT]]  (the latter prints one greedy line completion instead; \n in TEXT is a newline)
using System.Diagnostics;
using NanoLsp.Model;

if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: NanoLsp.Model.Bench MODEL_DIR [--runs N] [--prefill-threads N] [--decode-threads N] [--decode-tokens N] [--spin] [--profile PREFIX] [--prefix TEXT [--suffix TEXT]]");
    return 2;
}
string dir = args[0];
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
int runs = Option("--runs", 10);
int decodeTokens = Option("--decode-tokens", 64);
var options = new DecoderOptions
{
    PrefillThreads = Option("--prefill-threads", new DecoderOptions().PrefillThreads),
    DecodeThreads = Option("--decode-threads", 1),
    AllowSpinning = args.Contains("--spin"),
    MemoryPattern = args.Contains("--memory-pattern"),
    StepProfilePrefix = Array.IndexOf(args, "--profile") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : null,
};

try
{
    var loads = new List<double>();
    for (int i = 0; i < Math.Min(runs, 3); i++)
    {
        using var probe = LanguageModel.Load(dir, options);
        loads.Add(probe.LoadTime.TotalMilliseconds);
    }
    using var model = LanguageModel.Load(dir, options);
    var m = model.Manifest;
    string? Text(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1].Replace("\\n", "\n") : null;
    if (Text("--prefix") is { } prefix)
    {
        // A quick look at what the model writes: one line, greedy, with token healing.
        var prompt = model.BuildPrompt(prefix, Text("--suffix") ?? "");
        var result = model.Generate(prompt, new GenerationOptions { MaxTokens = 48, SingleLine = true });
        Console.WriteLine($"healing: {(prompt.Healing is null ? "none" : System.Text.Encoding.UTF8.GetString(prompt.Healing.Bytes))}");
        Console.WriteLine($"completion: {result.Text}  [{result.StopReason}, {result.Tokens.Count} tokens, " +
                          $"mean logprob {(result.Tokens.Count > 0 ? result.Tokens.Average(t => t.LogProb) : 0):F2}, {result.TotalTime.TotalMilliseconds:F1} ms]");
        return 0;
    }
    Console.WriteLine($"model {m.Name}: {dir} ({new FileInfo(m.ModelPath).Length / 1e6:F1} MB onnx), layers {m.NumLayers}, hidden {m.HiddenSize}, " +
                      $"heads {m.NumHeads}/{m.NumKvHeads}, vocab {m.VocabSize}, ctx {m.ContextLength}");
    Console.WriteLine($"threads: prefill {options.PrefillThreads}, decode {options.DecodeThreads}, spinning {options.AllowSpinning}; runs {runs}; cpus {Environment.ProcessorCount}");
    Report("load", loads);

    var rng = new Random(1234);
    if (Option("--soak", 0) is var soakRuns and > 0)
    {
        // Memory over many generations of varied shapes, as keystrokes bring them (--memory-pattern turns
        // ONNX Runtime's per-shape plans back on, to compare).
        var soakCache = model.PrefixCache;
        int[] document = Enumerable.Range(0, model.Decoder.Capacity).Select(_ => rng.Next(256, m.VocabSize - 8)).ToArray();
        for (int r = 1; r <= soakRuns; r++)
        {
            // A prompt that shares a prefix with the last one and ends somewhere new, then a few decoded tokens.
            int length = rng.Next(32, Math.Min(700, model.Decoder.Capacity - 24));
            soakCache.Prefill(document[..length]);
            for (int t = 1; t <= 16; t++)
                soakCache.Prefill(document[..(length + t)]); // reuses all but the last token: a one-token step
            if (r % Math.Max(1, soakRuns / 10) == 0)
            {
                using var current = Process.GetCurrentProcess();
                GC.Collect();
                Console.WriteLine($"soak {r,6} generations: RSS {current.WorkingSet64 / 1e6:F0} MB, managed {GC.GetTotalMemory(false) / 1e6:F0} MB");
            }
        }
        return 0;
    }
    // Ordinary (non-special) ids: the benchmark cares about shapes, not meaning.
    int[] RandomIds(int n) => Enumerable.Range(0, n).Select(_ => rng.Next(256, m.VocabSize - 8)).ToArray();
    var cache = model.PrefixCache;

    foreach (int length in new[] { 128, 256, 512 })
    {
        if (length >= model.Decoder.Capacity) continue;
        var times = new List<double>();
        for (int r = 0; r < runs + 1; r++)
        {
            int[] prompt = RandomIds(length);
            cache.Clear();
            long t0 = Stopwatch.GetTimestamp();
            cache.Prefill(prompt);
            if (r > 0) times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); // the first run warms up
        }
        Report($"prefill {length}", times);
    }

    // Small test models have short contexts: fall back to a quarter of it.
    int[] contexts = new[] { 128, 512 }.Where(c => c + decodeTokens <= model.Decoder.Capacity).DefaultIfEmpty(model.Decoder.Capacity / 4).ToArray();
    foreach (int context in contexts)
    {
        var steps = new List<double>();
        for (int r = 0; r < Math.Max(1, runs / 2); r++)
        {
            cache.Clear();
            int next = Sampler.ArgMax(cache.Prefill(RandomIds(context)));
            for (int t = 0; t < decodeTokens && cache.Cache.Length < cache.Cache.Capacity; t++)
            {
                long t0 = Stopwatch.GetTimestamp();
                next = Sampler.ArgMax(model.Decoder.Forward(cache.Cache, [Math.Max(next, 256)]));
                steps.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        Report($"decode/token after {context}", steps, tokensPerSecond: true);
    }

    var hits = new List<double>();
    int[] basePrompt = RandomIds(Math.Min(512, model.Decoder.Capacity / 2));
    cache.Clear();
    cache.Prefill(basePrompt);
    for (int r = 0; r < runs; r++)
    {
        int[] edited = [.. basePrompt[..^2], .. RandomIds(2)];
        long t0 = Stopwatch.GetTimestamp();
        cache.Prefill(edited);
        hits.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        if (cache.LastReused != edited.Length - 2) throw new InvalidOperationException($"expected {edited.Length - 2} reused, got {cache.LastReused}");
    }
    Report($"cache hit, 2-token edit of {basePrompt.Length}", hits);

    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"peak memory (working set): {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
    return 0;
}
catch (ModelException e)
{
    Console.Error.WriteLine($"model error: {e.Message}");
    return 1;
}

static void Report(string what, List<double> ms, bool tokensPerSecond = false)
{
    ms.Sort();
    double median = ms[ms.Count / 2], p90 = ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(ms.Count * 0.9) - 1)];
    string rate = tokensPerSecond ? $"  ({1000 / median:F0} tok/s)" : "";
    Console.WriteLine($"{what,-34} median {median,8:F2} ms   p90 {p90,8:F2} ms   n={ms.Count}{rate}");
}
