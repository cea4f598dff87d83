using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NanoLsp.Model;

/// <summary>
/// Runs the ONNX decoder (Optimum layout) over a <see cref="KvCache"/>. Two sessions where the prefill has more than
/// two threads: a multi-threaded one for long prefills and a single-threaded one for steps and other small runs,
/// because the best thread count differs; both run from one copy of the weights where the model has an ORT-format
/// conversion (docs/engine.md, "One copy of the weights"). With two threads or fewer, one session runs both from its
/// own packed copy (<see cref="DecoderOptions.OneSession"/>; docs/engine.md, "One session on two cores"). Inputs and
/// outputs live in native buffers sized once; each run only wraps them in OrtValues of the current shape.
/// Not thread-safe: <see cref="LanguageModel"/> serialises callers.
/// </summary>
public sealed unsafe class Decoder : IDisposable
{
    private readonly ModelManifest _manifest;
    private byte[]? _ortBytes;                                     // pinned: both sessions run from its weights (OrtModelFile)
    private string? _ortPath;                                      // one session: it copies the weights from the conversion
    private readonly InferenceSession _prefill;
    private readonly InferenceSession _step;
    private readonly OrtIoBinding _prefillBinding;
    private readonly OrtIoBinding _stepBinding;
    private readonly RunOptions _runOptions = new();
    private readonly bool _memoryPattern;
    private readonly TensorElementType _kvType;
    private readonly string[] _pastNames, _presentNames;          // (layer * 2 + {key, value})
    private readonly int _maxTokens;                               // batch * seq the id buffers hold
    private readonly long* _inputIds;                              // (batch, seq)
    private readonly long* _positionIds;                           // (batch, seq)
    private readonly long* _attentionMask;                         // (batch, past + seq), all ones
    private readonly long* _logitsToKeep;                          // (1)
    private float* _logits;                                        // (batch, kept, vocab)
    private long _logitsCapacity;                                  // floats

    /// <summary>Runs of at most this many tokens (batch x seq) use the step session (DecodeThreads, one by default).</summary>
    public const int SingleThreadTokens = 64;

    public ModelManifest Manifest => _manifest;

    /// <summary>The most tokens a prefill runs at once (<see cref="DecoderOptions.PrefillRun"/>).</summary>
    public int PrefillRun { get; }

    /// <summary>The file the sessions were opened from, and why not the ORT-format one when it was skipped.</summary>
    public string LoadedFrom { get; }
    public int Capacity { get; }

    public Decoder(ModelManifest manifest, DecoderOptions? options = null)
    {
        options ??= new DecoderOptions();
        _manifest = manifest;
        Capacity = options.Capacity > 0 ? Math.Min(options.Capacity, manifest.ContextLength) : manifest.ContextLength;
        PrefillRun = options.PrefillRun > 0 ? options.PrefillRun : Capacity;
        _kvType = manifest.KvDtype == "float16" ? TensorElementType.Float16 : TensorElementType.Float;
        _pastNames = new string[manifest.NumLayers * 2];
        _presentNames = new string[manifest.NumLayers * 2];
        for (int l = 0; l < manifest.NumLayers; l++)
        {
            _pastNames[2 * l] = $"past_key_values.{l}.key";
            _pastNames[2 * l + 1] = $"past_key_values.{l}.value";
            _presentNames[2 * l] = $"present.{l}.key";
            _presentNames[2 * l + 1] = $"present.{l}.value";
        }

        _memoryPattern = options.MemoryPattern;
        string? skipped;
        if (options.SharesOneSession)
            _ortPath = OrtModelFile.TryLocate(manifest, out skipped);
        else
            _ortBytes = OrtModelFile.TryRead(manifest, out skipped);
        try
        {
            (_prefill, _step) = OpenSessions(options);
            LoadedFrom = FromConversion ? manifest.OrtModel!.File : manifest.ModelFile + (skipped is null ? "" : $" ({skipped})");
        }
        catch (ModelException e) when (FromConversion)
        {
            // A conversion this runtime refuses costs the memory it saves, never the model.
            _ortBytes = null;
            _ortPath = null;
            (_prefill, _step) = OpenSessions(options);
            LoadedFrom = $"{manifest.ModelFile} ({manifest.OrtModel!.File} did not load: {e.Message})";
        }
        _prefillBinding = _prefill.CreateIoBinding();
        _stepBinding = _step.CreateIoBinding();

        // Beam search runs a few rows at once; eight covers any sensible beam.
        _maxTokens = Math.Max(Capacity, 8);
        _inputIds = (long*)NativeMemory.AlignedAlloc((nuint)_maxTokens * sizeof(long), 64);
        _positionIds = (long*)NativeMemory.AlignedAlloc((nuint)_maxTokens * sizeof(long), 64);
        _attentionMask = (long*)NativeMemory.AlignedAlloc((nuint)(8L * Capacity) * sizeof(long), 64);
        new Span<long>(_attentionMask, 8 * Capacity).Fill(1);
        _logitsToKeep = (long*)NativeMemory.AlignedAlloc(sizeof(long), 64);
        EnsureLogits(8L * manifest.VocabSize);
    }

    private bool FromConversion => _ortBytes is not null || _ortPath is not null;

    /// <summary>Whether prefills and steps run in one session (<see cref="DecoderOptions.OneSession"/>).</summary>
    public bool OneSession => ReferenceEquals(_prefill, _step);

    private (InferenceSession Prefill, InferenceSession Step) OpenSessions(DecoderOptions options)
    {
        if (options.SharesOneSession)
        {
            // One copy of the weights, packed: ONNX Runtime drops a weight's plain copy once every kernel using it has
            // packed it, which the two sessions' shared bytes never allow (the prefill session reads them).
            var single = OpenSession(options.PrefillThreads, options.AllowSpinning, prepack: true, options.StepProfilePrefix);
            try
            {
                ModelGraphCheck.Verify(single, _manifest, _pastNames, _presentNames);
                return (single, single);
            }
            catch
            {
                single.Dispose();
                throw;
            }
        }
        // Only the step session packs the weights for its matrix kernels (another copy of the int8 matrices, about
        // 15 MB): a one-token step took 0.6 ms packed and 1.5 ms unpacked, while a long prefill is alike either way
        // (480 tokens 20-21 ms; 96 tokens 3.2-3.8 ms). Sharing the packed copy between sessions
        // (PrePackedWeightsContainer) only works for initializers given with AddInitializer, not for a model's own.
        var prefill = OpenSession(options.PrefillThreads, options.AllowSpinning, prepack: false);
        try
        {
            ModelGraphCheck.Verify(prefill, _manifest, _pastNames, _presentNames);
            return (prefill, OpenSession(options.DecodeThreads, options.AllowSpinning, prepack: true, options.StepProfilePrefix));
        }
        catch
        {
            prefill.Dispose();
            throw;
        }
    }

    private InferenceSession OpenSession(int threads, bool spinning, bool prepack, string? profilePrefix = null)
    {
        using var so = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
            // ONNX Runtime keeps one memory plan per distinct set of input shapes and never drops one; every
            // keystroke brings a new (past, seq) pair, so the plans (and the arena blocks they pin) grew with
            // the session: DecoderOptions.MemoryPattern, measured with NanoLsp.Model.Bench --soak.
            EnableMemoryPattern = _memoryPattern,
        };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
        if (!prepack) so.AddSessionConfigEntry("session.disable_prepacking", "1");
        if (profilePrefix is not null)
        {
            so.ProfileOutputPathPrefix = profilePrefix; // before enabling: enabling reads the prefix
            so.EnableProfiling = true;
        }
        try
        {
            if (_ortBytes is null)
                return new InferenceSession(_ortPath ?? _manifest.ModelPath, so);
            // The weights stay in _ortBytes (pinned, held as long as the sessions) instead of a copy per session.
            so.AddSessionConfigEntry("session.use_ort_model_bytes_directly", "1");
            so.AddSessionConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
            return new InferenceSession(_ortBytes, so);
        }
        catch (OnnxRuntimeException e)
        {
            string path = FromConversion ? _manifest.OrtModelPath! : _manifest.ModelPath;
            throw new ModelException($"Cannot load the ONNX model {path}: {e.Message}", e);
        }
    }

    public KvCache CreateCache(int batch = 1, int capacity = 0) =>
        KvCache.For(_manifest, batch, capacity > 0 ? Math.Min(capacity, Capacity) : Capacity);

    /// <summary>
    /// Feeds <paramref name="tokens"/> ((batch, seq), row-major) after the cache's past and returns
    /// the logits of the last <paramref name="keep"/> positions of each row: (batch, keep, vocab).
    /// The span is valid until the next call. A cancelled <paramref name="cancellation"/> stops a
    /// running prefill inside ONNX Runtime (RunOptions.Terminate) and throws OperationCanceledException;
    /// the cache is then left as it was before the call.
    /// </summary>
    public ReadOnlySpan<float> Forward(KvCache cache, ReadOnlySpan<int> tokens, int keep = 1, CancellationToken cancellation = default) =>
        Forward(cache, tokens, keep, cancellation, prefillSession: false);

    /// <summary>
    /// Runs a prompt's <paramref name="tokens"/> after what <paramref name="cache"/> holds (one row) in runs of at most
    /// <see cref="PrefillRun"/> tokens, and returns the logits after the last one (valid until the next call). A long
    /// prompt's runs all go to the prefill session, short as each is. A cancelled <paramref name="cancellation"/> stops
    /// the run under way; the runs finished before it stay in the cache, where the next prefill of the prompt finds them.
    /// </summary>
    public ReadOnlySpan<float> Prefill(KvCache cache, ReadOnlySpan<int> tokens, CancellationToken cancellation = default)
    {
        if (cache.Batch != 1) throw new ArgumentException($"A prefill runs one row; the cache holds {cache.Batch}.", nameof(cache));
        bool prefillSession = tokens.Length > SingleThreadTokens;
        for (; tokens.Length > PrefillRun; tokens = tokens[PrefillRun..])
            Forward(cache, tokens[..PrefillRun], 1, cancellation, prefillSession);
        return Forward(cache, tokens, 1, cancellation, prefillSession);
    }

    private ReadOnlySpan<float> Forward(KvCache cache, ReadOnlySpan<int> tokens, int keep, CancellationToken cancellation, bool prefillSession)
    {
        int batch = cache.Batch;
        if (tokens.Length == 0 || tokens.Length % batch != 0)
            throw new ArgumentException($"{tokens.Length} tokens do not split into {batch} rows.", nameof(tokens));
        int seq = tokens.Length / batch, past = cache.Length, total = past + seq;
        if (total > cache.Capacity)
            throw new ModelException($"{total} positions exceed the context of {cache.Capacity}.");
        if (tokens.Length > _maxTokens || batch > 8)
            throw new ModelException($"A run of {batch} x {seq} tokens is larger than the engine's buffers.");
        keep = Math.Clamp(keep, 1, seq);
        int vocab = _manifest.VocabSize;
        int logitRows = _manifest.LogitsToKeepInput ? keep : seq; // without the input the graph returns every position
        EnsureLogits((long)batch * logitRows * vocab);

        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)vocab) throw new ArgumentException($"Token id {tokens[i]} is outside the vocabulary of {vocab}.");
            _inputIds[i] = tokens[i];
            _positionIds[i] = past + i % seq;
        }
        *_logitsToKeep = keep;

        if (batch > 1 && seq > 1)
        {
            // Several rows of several tokens run one row at a time: ONNX Runtime's GroupQueryAttention (the lean graph,
            // training/lean_graph.py) takes several rows after a past only one token at a time, and on the exported graph
            // rows one at a time were never slower (8 names after 450 tokens: 22 ms against 37 batched; NanoLsp.Model.Bench).
            for (int row = 0; row < batch; row++)
                Run(cache, row, 1, seq, past, logitRows, cancellation, prefillSession);
        }
        else
            Run(cache, 0, batch, seq, past, logitRows, cancellation, prefillSession);
        cache.Advance(tokens, seq);

        if (logitRows == keep)
            return new ReadOnlySpan<float>(_logits, batch * keep * vocab);
        // Full-sequence logits from a graph without logits_to_keep: compact the kept tail of each row in place.
        for (int b = 0; b < batch; b++)
            new Span<float>(_logits + ((long)b * seq + seq - keep) * vocab, keep * vocab)
                .CopyTo(new Span<float>(_logits + (long)b * keep * vocab, keep * vocab));
        return new ReadOnlySpan<float>(_logits, batch * keep * vocab);
    }

    /// <summary>Runs rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rows"/> of the
    /// input buffers over the same rows of the cache, writing their logits to the same rows of the logits buffer.</summary>
    private void Run(KvCache cache, int firstRow, int rows, int seq, int past, int logitRows, CancellationToken cancellation, bool prefillSession)
    {
        int total = past + seq, vocab = _manifest.VocabSize;
        int kvHeads = _manifest.NumKvHeads, headDim = _manifest.HeadDim, es = cache.ElementSize;
        int pastStride = cache.HeadStride(past), presentStride = cache.HeadStride(total); // positions per head in the buffers
        long pastRow = (long)kvHeads * pastStride * headDim * es, presentRow = (long)kvHeads * presentStride * headDim * es; // bytes per row

        // Small runs (steps, a short edit's prefill, a few scored rows) go to the step session (one thread): waking the
        // prefill session's second thread for each of the exported graph's ~600 kernels cost more than it saved, and on
        // the lean graph's ~100 steps were still 10-15 % slower on two threads. Scoring 8 names as the rows of one pass
        // after 450 tokens took 22-23 ms on two threads and 11-13 ms on one; prefills of 16-128 tokens were alike
        // (NanoLsp.Model.Bench, 2-core machine, same run). With one session (two cores or fewer) both bindings are its own.
        // A long prompt's runs stay on the prefill session, however short each is (Prefill).
        bool isStep = !prefillSession && rows * seq <= SingleThreadTokens;
        var session = isStep ? _step : _prefill;
        var binding = isStep ? _stepBinding : _prefillBinding;
        var mem = OrtMemoryInfo.DefaultInstance;
        var values = new List<OrtValue>(8 + 4 * _manifest.NumLayers);
        try
        {
            OrtValue Wrap(nint data, TensorElementType type, int elementSize, params long[] shape)
            {
                long count = 1;
                foreach (long d in shape) count *= d;
                var v = OrtValue.CreateTensorValueWithData(mem, type, shape, data, Math.Max(count, 1) * elementSize);
                values.Add(v);
                return v;
            }

            binding.BindInput("input_ids", Wrap((nint)(_inputIds + firstRow * seq), TensorElementType.Int64, 8, rows, seq));
            binding.BindInput("position_ids", Wrap((nint)(_positionIds + firstRow * seq), TensorElementType.Int64, 8, rows, seq));
            binding.BindInput("attention_mask", Wrap((nint)_attentionMask, TensorElementType.Int64, 8, rows, total));
            if (_manifest.LogitsToKeepInput)
                binding.BindInput("logits_to_keep", Wrap((nint)_logitsToKeep, TensorElementType.Int64, 8, 1));
            for (int i = 0; i < _pastNames.Length; i++)
            {
                bool value = (i & 1) == 1;
                binding.BindInput(_pastNames[i], Wrap(cache.Past(i / 2, value) + (nint)(firstRow * pastRow), _kvType, es, rows, kvHeads, pastStride, headDim));
                binding.BindOutput(_presentNames[i], Wrap(cache.Present(i / 2, value) + (nint)(firstRow * presentRow), _kvType, es, rows, kvHeads, presentStride, headDim));
            }
            binding.BindOutput("logits", Wrap((nint)(_logits + (long)firstRow * logitRows * vocab), TensorElementType.Float, 4, rows, logitRows, vocab));
            // Reset before registering: a token cancelled already sets the flag again at once.
            _runOptions.Terminate = false;
            using var stop = cancellation.Register(static o => ((RunOptions)o!).Terminate = true, _runOptions);
            session.RunWithBinding(_runOptions, binding);
        }
        catch (OnnxRuntimeException) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("The model run was cancelled.", cancellation);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"The model failed to run ({rows} x {seq} tokens after {past}): {e.Message}", e);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    private void EnsureLogits(long floats)
    {
        if (floats <= _logitsCapacity) return;
        NativeMemory.AlignedFree(_logits);
        _logits = (float*)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
        _logitsCapacity = floats;
    }

    public void Dispose()
    {
        _prefillBinding.Dispose();
        _stepBinding.Dispose();
        _prefill.Dispose();
        if (!OneSession) _step.Dispose();
        _runOptions.Dispose();
        NativeMemory.AlignedFree(_inputIds);
        NativeMemory.AlignedFree(_positionIds);
        NativeMemory.AlignedFree(_attentionMask);
        NativeMemory.AlignedFree(_logitsToKeep);
        NativeMemory.AlignedFree(_logits);
        _logits = null;
    }
}
