using NanoLsp.Model;

namespace NanoLsp.Model.Bench;

/// <summary>
/// Where the engine's resident memory goes, step by step as the server uses it (--memory-steps): the process's
/// anonymous and file-backed resident memory (Linux /proc/self/status) after the runtime starts, after ONNX Runtime's
/// environment, the model's load, a short and a long prefill, a beam search and a ranking's scoring. A step's growth is
/// what it left resident; the server's peak is their sum with Roslyn's.
/// </summary>
internal static class MemorySteps
{
    public static int Run(string dir, DecoderOptions options)
    {
        if (!File.Exists("/proc/self/status"))
        {
            Console.Error.WriteLine("--memory-steps reads /proc/self/status: Linux only.");
            return 2;
        }
        NativeHeap.Configure(); // as the server does first thing
        var last = Read();
        void Step(string name)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var now = Read();
            Console.WriteLine($"{name,-40} anon {now.Anon / 1024.0,7:F1} MiB ({(now.Anon - last.Anon) / 1024.0,+6:F1})   " +
                              $"file {now.File / 1024.0,6:F1} MiB ({(now.File - last.File) / 1024.0,+6:F1})   GC heap {GC.GetTotalMemory(false) / 1048576.0,5:F1} MiB");
            last = now;
        }
        Step("runtime");
        _ = Microsoft.ML.OnnxRuntime.OrtEnv.Instance();
        Step("ONNX Runtime's environment");
        using var model = LanguageModel.Load(dir, options);
        Step("model loaded");
        var rng = new Random(1234);
        int[] document = Enumerable.Range(0, model.Decoder.Capacity).Select(_ => rng.Next(256, model.Manifest.VocabSize - 8)).ToArray();
        model.PrefixCache.Prefill(document[..48]);
        Step("prefill 48 tokens");
        model.PrefixCache.Prefill(document[..440]);
        Step("prefill to 440 tokens (runs)");
        string text = string.Concat(Enumerable.Repeat("    public int Count { get; set; }\n", 40));
        var prompt = model.BuildPrompt(text + "    public string Na", "\n}\n");
        model.BeamSearchAsync(prompt, 4, new GenerationOptions { MaxTokens = 16, SingleLine = true }).GetAwaiter().GetResult();
        Step("beam search, 4 rows, 16 tokens");
        model.Generate(prompt, new GenerationOptions { MaxTokens = 16, SingleLine = true });
        Step("greedy generation, 16 tokens");
        string[] names = ["Name", "Names", "NameOf", "Number", "Namespace", "Nation", "Native", "Navigate", "Nav", "NameCount"];
        model.ScoreAsync(prompt, names).GetAwaiter().GetResult();
        Step("scoring 10 names");
        return 0;
    }

    private static (long Anon, long File) Read()
    {
        long anon = 0, file = 0;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kb(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kb(line);
        }
        return (anon, file);
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
