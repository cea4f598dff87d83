// Measures the engine on one or more model directories: load, prefill 128/256/512, per-token decode,
// prefix-cache hit after a 2-token edit, scoring five candidates (a pass each, batched), peak memory. Medians and p90 over --runs repetitions.
// With several directories the repetitions are interleaved (model A, B, C, A, B, C, ...) so a shared,
// noisy machine slows them alike; that is how vocabulary sizes were compared (training/tokenizer_study.py).
// Usage: NanoLsp.Model.Bench MODEL_DIR [MODEL_DIR...] [--runs N] [--prefill-threads N] [--decode-threads N] [--decode-tokens N] [--prefill 128,256,512] [--decode-after 128,512] [--spin] [--one-session | --two-sessions]
//        [--profile PREFIX] [--soak N [--memory-pattern]] [--prefix TEXT [--suffix TEXT]]  (the latter prints one greedy line completion of the first model instead; \n in TEXT is a newline)
//        [--prefill-run N]  (the most tokens a prefill runs at once; 0: the whole prompt)
//        [--prefill-run-quality FILE[,FILE...]]  (next-token log-probability over the files' windows, by prefill run length)
//        [--write-ort]  (converts the first model to ORT format beside its .onnx: OrtModelFile.cs)
//        [--fault-probe]  (null dereferences after a model run, on the pool and the model thread: FaultProbe.cs)
//        [--memory-steps]  (the resident memory each step of the engine's use leaves: MemorySteps.cs)
using System.Diagnostics;
using NanoLsp.Model;
using NanoLsp.Model.Bench;

if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: NanoLsp.Model.Bench MODEL_DIR [MODEL_DIR...] [--runs N] [--prefill-threads N] [--decode-threads N] [--decode-tokens N] [--prefill 128,256,512] [--decode-after 128,512] [--spin] [--one-session | --two-sessions] [--profile PREFIX] [--prefix TEXT [--suffix TEXT]]");
    return 2;
}
string[] dirs = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
if (args.Contains("--fault-probe"))
    return FaultProbe.Run(dirs[0]);
if (args.Contains("--write-ort"))
{
    // training/ship_model.sh: the shipped model converted with this build's ONNX Runtime (OrtModelFile).
    Console.WriteLine($"wrote {OrtModelFile.Write(dirs[0])}; {ModelManifest.FileName} names it");
    return 0;
}
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
int runs = Option("--runs", 10);
int decodeTokens = Option("--decode-tokens", 64);
// Prompt lengths to prefill; the server's cold prompt fills the context less the answer room (448 of 512).
int[] prefillLengths = Array.IndexOf(args, "--prefill") is var pl and >= 0 && pl + 1 < args.Length
    ? args[pl + 1].Split(',').Select(int.Parse).ToArray() : ModelBench.DefaultPrefillLengths;
// Prompt lengths after which single tokens are decoded (the server decodes after up to 448 tokens).
int[] decodeContexts = Array.IndexOf(args, "--decode-after") is var da and >= 0 && da + 1 < args.Length
    ? args[da + 1].Split(',').Select(int.Parse).ToArray() : ModelBench.DefaultDecodeContexts;
var options = new DecoderOptions
{
    PrefillThreads = Option("--prefill-threads", new DecoderOptions().PrefillThreads),
    DecodeThreads = Option("--decode-threads", 1),
    AllowSpinning = args.Contains("--spin"),
    StepProfilePrefix = Array.IndexOf(args, "--profile") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : null,
    MemoryPattern = args.Contains("--memory-pattern"),
    OneSession = args.Contains("--one-session") ? true : args.Contains("--two-sessions") ? false : null,
    PrefillRun = Option("--prefill-run", DecoderOptions.DefaultPrefillRun),
};
if (args.Contains("--memory-steps"))
    return MemorySteps.Run(dirs[0], options);

var benches = new List<ModelBench>();
try
{
    foreach (string dir in dirs) benches.Add(new ModelBench(dir, options, loadProbes: Math.Min(runs, 3)));
    string? Text(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1].Replace("\\n", "\n") : null;
    if (Text("--prefix") is { } prefix)
    {
        // A quick look at what the model writes: one line, greedy, with token healing.
        var model = benches[0].Model;
        var prompt = model.BuildPrompt(prefix, Text("--suffix") ?? "");
        var result = model.Generate(prompt, new GenerationOptions { MaxTokens = 48, SingleLine = true });
        Console.WriteLine($"healing: {(prompt.Healing is null ? "none" : System.Text.Encoding.UTF8.GetString(prompt.Healing.Bytes))}");
        Console.WriteLine($"completion: {result.Text}  [{result.StopReason}, {result.Tokens.Count} tokens, " +
                          $"mean logprob {(result.Tokens.Count > 0 ? result.Tokens.Average(t => t.LogProb) : 0):F2}, {result.TotalTime.TotalMilliseconds:F1} ms]");
        return 0;
    }
    if (Text("--prefill-run-quality") is { } checkFiles)
    {
        // How the prefill's run length changes what the model reads (DecoderOptions.PrefillRun): the mean log-probability
        // of each next token over 448-token windows of the files, each window run whole, in runs of 128, 64, ... or a
        // token at a time (the graph quantizes a MatMul's input per run: docs/engine.md, "Prefill in runs").
        var m = benches[0].Model;
        int vocab = m.Manifest.VocabSize, window = Math.Min(448, m.Decoder.Capacity);
        int[] runLengths = [1, 16, 32, 64, 96, 128, window];
        var sums = new double[runLengths.Length];
        long count = 0;
        foreach (string file in checkFiles.Split(','))
        {
            int[] all = m.Tokenizer.Encode(File.ReadAllText(file));
            for (int startAt = 0; startAt + window <= all.Length; startAt += window)
            {
                var ids = all.AsSpan(startAt, window).ToArray();
                for (int k = 0; k < runLengths.Length; k++)
                {
                    using var c = m.Decoder.CreateCache();
                    for (int at = 0; at < window; at += runLengths[k])
                    {
                        int n = Math.Min(runLengths[k], window - at);
                        var logits = m.Decoder.Forward(c, ids.AsSpan(at, n), keep: n);
                        for (int r = 0; r < n; r++)
                        {
                            int pos = at + r;
                            if (pos + 1 >= window) break;
                            var row = logits.Slice(r * vocab, vocab);
                            sums[k] += row[ids[pos + 1]] - Sampler.LogSumExp(row);
                        }
                    }
                }
                count += window - 1;
            }
        }
        if (count == 0)
        {
            Console.Error.WriteLine($"No file holds {window} tokens: nothing measured.");
            return 2;
        }
        for (int k = 0; k < runLengths.Length; k++)
            Console.WriteLine($"runs of {runLengths[k],3}: mean log-prob of the next token {sums[k] / count:F4} over {count} tokens");
        return 0;
    }
    if (Option("--soak", 0) is var soakRuns and > 0)
    {
        // Memory over many generations of varied shapes, as keystrokes bring them (--memory-pattern turns
        // ONNX Runtime's per-shape plans back on, to compare).
        var model = benches[0].Model;
        var rng = new Random(1234);
        var soakCache = model.PrefixCache;
        int[] document = Enumerable.Range(0, model.Decoder.Capacity).Select(_ => rng.Next(256, model.Manifest.VocabSize - 8)).ToArray();
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

    // Each repetition visits every model before the next repetition starts; the first prefill repetition warms up.
    for (int r = 0; r < runs + 1; r++)
        foreach (var bench in benches)
            foreach (int length in prefillLengths)
                bench.Prefill(length, record: r > 0);
    for (int r = 0; r < Math.Max(1, runs / 2); r++)
        foreach (var bench in benches)
            foreach (int context in bench.DecodeContexts(decodeContexts, decodeTokens))
                bench.Decode(context, decodeTokens);
    for (int r = 0; r < runs; r++)
        foreach (var bench in benches)
            bench.CacheHit();

    for (int r = 0; r < runs + 1; r++)
        foreach (var bench in benches)
            bench.ScoreCandidates(record: r > 0); // the first run warms up

    foreach (var bench in benches) bench.Report(options, runs);
    foreach (var bench in benches.Skip(1))
    {
        Console.WriteLine($"{bench.Model.Manifest.Name} relative to {benches[0].Model.Manifest.Name}, paired by repetition:");
        bench.ReportRelativeTo(benches[0]);
    }
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"peak memory (working set{(benches.Count > 1 ? $", {benches.Count} models loaded" : "")}): {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
    return 0;
}
catch (ModelException e)
{
    Console.Error.WriteLine($"model error: {e.Message}");
    return 1;
}
finally
{
    foreach (var bench in benches) bench.Dispose();
}
