namespace NanoLsp.Model;

/// <summary>
/// Keeps the KV cache of the previous prompt (and what was generated after it) and reuses the
/// longest common token prefix with the next prompt, so after a keystroke only the tokens from the
/// edit onward are prefilled.
/// </summary>
public sealed class PrefixCache(Decoder decoder) : IDisposable
{
    private readonly KvCache _cache = decoder.CreateCache();

    public KvCache Cache => _cache;

    /// <summary>Positions reused by the last <see cref="Prefill"/>.</summary>
    public int LastReused { get; private set; }

    /// <summary>Makes the cache hold exactly <paramref name="prompt"/> and returns the logits after its last token.</summary>
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> prompt, CancellationToken cancellation = default)
    {
        if (prompt.IsEmpty) throw new ArgumentException("The prompt is empty.", nameof(prompt));
        var held = _cache.Tokens;
        int common = 0;
        int limit = Math.Min(held.Count, prompt.Length);
        while (common < limit && held[common] == prompt[common]) common++;
        // The logits after the last prompt token are not kept, so that token is always run again.
        common = Math.Min(common, prompt.Length - 1);
        _cache.Truncate(common);
        LastReused = common;
        return decoder.Forward(_cache, prompt[common..], cancellation: cancellation);
    }

    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
