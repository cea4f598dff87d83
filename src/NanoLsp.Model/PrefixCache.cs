namespace NanoLsp.Model;

/// <summary>
/// Keeps the KV cache of the previous prompt (and what was generated after it) and reuses the
/// longest common token prefix with the next prompt, so after a keystroke only the tokens from the
/// edit onward are prefilled.
/// </summary>
public sealed class PrefixCache(Decoder decoder) : IDisposable
{
    private readonly KvCache _cache = decoder.CreateCache();

    // The logits after the last prefilled prompt, and that prompt: asked for the same prompt again (the completion
    // list's second pass, candidates scored after a generation) the cache is cut back to it and they are returned
    // without running its last token again. They depend on the tokens alone, so what ran since does not matter.
    private readonly float[] _lastLogits = new float[decoder.Manifest.VocabSize];
    private int[] _lastPrompt = [];

    // The prompt tokens the cache certainly holds, for readers on other threads (UnreadLength): set to the part kept
    // before a prefill runs, and to the whole prompt once it has run. Tokens generated after a prompt are not in it.
    private int[] _read = [];

    public KvCache Cache => _cache;

    /// <summary>How many of <paramref name="prompt"/>'s tokens a prefill would have to run now, as far as the last
    /// prefills tell (safe from any thread; a prefill running meanwhile may have read more).</summary>
    public int UnreadLength(ReadOnlySpan<int> prompt) => prompt.Length - prompt.CommonPrefixLength(Volatile.Read(ref _read));

    /// <summary>Positions reused by the last <see cref="Prefill"/>.</summary>
    public int LastReused { get; private set; }

    /// <summary>Makes the cache hold exactly <paramref name="prompt"/> and returns the logits after its last token
    /// (valid until the next call).</summary>
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> prompt, CancellationToken cancellation = default)
    {
        if (prompt.IsEmpty) throw new ArgumentException("The prompt is empty.", nameof(prompt));
        var held = _cache.Tokens;
        int common = 0;
        int limit = Math.Min(held.Count, prompt.Length);
        while (common < limit && held[common] == prompt[common]) common++;
        if (common == prompt.Length && prompt.SequenceEqual(_lastPrompt))
        {
            _cache.Truncate(common);
            LastReused = common;
            return _lastLogits;
        }
        // Else the logits after the last prompt token are not known, so that token is run again.
        common = Math.Min(common, prompt.Length - 1);
        _cache.Truncate(common);
        LastReused = common;
        _lastPrompt = [];
        Volatile.Write(ref _read, prompt[..common].ToArray());
        var logits = decoder.Prefill(_cache, prompt[common..], cancellation);
        logits.CopyTo(_lastLogits);
        _lastPrompt = prompt.ToArray();
        Volatile.Write(ref _read, _lastPrompt);
        return logits;
    }

    public void Clear()
    {
        _cache.Clear();
        _lastPrompt = [];
        Volatile.Write(ref _read, []);
    }

    public void Dispose() => _cache.Dispose();
}
