namespace NanoLsp.Model;

/// <summary>How the ONNX Runtime sessions use the CPU.</summary>
public sealed record DecoderOptions
{
    /// <summary>Intra-op threads for prompt prefill, which is compute-bound and scales with physical
    /// cores (SMT siblings share the FMA units). On bigger machines one core is left to the server.</summary>
    public int PrefillThreads { get; init; } = PhysicalCores() is var cores && cores > 2 ? cores - 1 : cores;

    /// <summary>Intra-op threads for one-token steps. These are memory- and overhead-bound: a
    /// thread pool's hand-offs cost more than they save, so one thread is the default.</summary>
    public int DecodeThreads { get; init; } = 1;

    /// <summary>
    /// Whether prefills and steps run in one session (of <see cref="PrefillThreads"/>) instead of two. One session
    /// keeps one copy of the weights, packed for its matrix kernels (ONNX Runtime drops the plain copy), where two keep
    /// the plain weights for the prefill and the packed ones for the steps: 17 MB less at the server's peak. Its steps
    /// run on the prefill's threads: on two, 5-10 % slower than on one; on more, each step would wake them all. Null
    /// (the default): one session when the prefill has at most two threads (docs/engine.md, "One session on two cores").
    /// </summary>
    public bool? OneSession { get; init; }

    internal bool SharesOneSession => OneSession ?? PrefillThreads <= 2;

    /// <summary>
    /// The most tokens one run of a prefill takes; a longer prompt runs in runs of this many (0: the whole prompt at
    /// once). The graph's int8 MatMuls quantize their input per tensor (DynamicQuantizeLinear: one scale for every
    /// token of a run), so the longer the run, the coarser each token's activations. Next-token log-probability over
    /// 448-token windows of held-out files: -2.096 whole, -2.028 in runs of 128, -2.013 in runs of 64, -1.996 a token at
    /// a time; a 448-token prefill on two cores 21-22 ms whole, 25-27 in runs of 64. Shorter runs also keep ONNX
    /// Runtime's arena small: 9-12 MB less at the server's peak (docs/engine.md, "Prefill in runs").
    /// </summary>
    public int PrefillRun { get; init; } = DefaultPrefillRun;

    public const int DefaultPrefillRun = 64;

    /// <summary>Positions the cache holds; 0 means the manifest's context length.</summary>
    public int Capacity { get; init; }

    /// <summary>When set, ONNX Runtime writes per-operator timings of the step session to files with this prefix (diagnosis only).</summary>
    public string? StepProfilePrefix { get; init; }

    /// <summary>ONNX Runtime's memory-pattern planning. Off: the decoder's shapes change on every call (the past
    /// grows, the prompt varies), and ONNX Runtime caches a plan for each shape it has seen, without a bound.</summary>
    public bool MemoryPattern { get; init; }

    /// <summary>Let idle pool threads spin between runs. Faster on an idle machine, wasteful on a shared one.</summary>
    public bool AllowSpinning { get; init; }

    /// <summary>Distinct physical cores (Linux sysfs topology); the logical count elsewhere.</summary>
    public static int PhysicalCores()
    {
        try
        {
            var siblings = Directory.GetDirectories("/sys/devices/system/cpu", "cpu*")
                .Select(d => Path.Combine(d, "topology", "thread_siblings_list"))
                .Where(File.Exists)
                .Select(f => File.ReadAllText(f).Trim())
                .ToHashSet();
            if (siblings.Count > 0) return Math.Min(siblings.Count, Environment.ProcessorCount);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Math.Max(1, Environment.ProcessorCount);
    }
}
