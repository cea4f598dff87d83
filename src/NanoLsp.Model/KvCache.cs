using System.Runtime.InteropServices;

namespace NanoLsp.Model;

/// <summary>
/// The key/value cache of every layer in native memory, allocated once at full capacity.
/// Two banks: the graph reads the past from one and writes the present (past + new positions)
/// into the other, which then becomes the past of the next step. So the cache moves from step to
/// step without a copy on our side and without an allocation per token.
/// </summary>
public sealed unsafe class KvCache : IDisposable
{
    private readonly nint[,] _buffers; // (bank, layer * 2 + {0: key, 1: value}) -> (batch, kv_heads, capacity, head_dim)
    private readonly List<int> _tokens = [];
    private int _bank;                 // the bank holding the valid past

    public int Layers { get; }
    public int Batch { get; }
    public int KvHeads { get; }
    public int HeadDim { get; }
    public int Capacity { get; }
    public int ElementSize { get; }

    /// <summary>Positions held (per batch row).</summary>
    public int Length { get; private set; }

    /// <summary>The tokens whose keys and values are held (batch 1 only; the prefix cache compares them).</summary>
    public IReadOnlyList<int> Tokens => _tokens;

    public KvCache(int layers, int batch, int kvHeads, int headDim, int capacity, int elementSize)
    {
        (Layers, Batch, KvHeads, HeadDim, Capacity, ElementSize) = (layers, batch, kvHeads, headDim, capacity, elementSize);
        _buffers = new nint[2, layers * 2];
        nuint bytes = (nuint)((long)batch * kvHeads * capacity * headDim * elementSize);
        for (int bank = 0; bank < 2; bank++)
            for (int i = 0; i < layers * 2; i++)
                _buffers[bank, i] = (nint)NativeMemory.AlignedAlloc(bytes, 64);
    }

    public static KvCache For(ModelManifest m, int batch, int capacity) =>
        new(m.NumLayers, batch, m.NumKvHeads, m.HeadDim, capacity, m.KvDtype == "float16" ? 2 : 4);

    /// <summary>Buffer the graph reads as past_key_values.{layer}.key / .value.</summary>
    internal nint Past(int layer, bool value) => _buffers[_bank, layer * 2 + (value ? 1 : 0)];

    /// <summary>Buffer the graph writes as present.{layer}.key / .value.</summary>
    internal nint Present(int layer, bool value) => _buffers[1 - _bank, layer * 2 + (value ? 1 : 0)];

    /// <summary>After a run: the present becomes the past.</summary>
    internal void Advance(ReadOnlySpan<int> tokens, int positions)
    {
        _bank = 1 - _bank;
        Length += positions;
        if (Batch == 1) _tokens.AddRange(tokens);
    }

    /// <summary>
    /// Keeps the first <paramref name="length"/> positions. The graph lays a layer out as
    /// (batch, kv_heads, Length, head_dim), so a shorter length moves every head but the first:
    /// one memmove per head, front to back (destinations never overtake sources).
    /// </summary>
    public void Truncate(int length)
    {
        if (length >= Length) return;
        long row = (long)HeadDim * ElementSize;
        for (int i = 0; i < Layers * 2; i++)
        {
            byte* buffer = (byte*)_buffers[_bank, i];
            for (int h = 1; h < Batch * KvHeads; h++)
                Buffer.MemoryCopy(buffer + h * Length * row, buffer + h * length * row, length * row, length * row);
        }
        Length = length;
        if (_tokens.Count > length) _tokens.RemoveRange(length, _tokens.Count - length);
    }

    public void Clear()
    {
        Length = 0;
        _tokens.Clear();
    }

    /// <summary>Fills every row of this (batch B) cache with row 0 of a batch-1 cache: beams start from one prompt.</summary>
    internal void BroadcastFrom(KvCache source)
    {
        if (source.Batch != 1 || source.Length > Capacity) throw new InvalidOperationException("Broadcast needs a batch-1 source that fits.");
        long rowBytes = (long)KvHeads * source.Length * HeadDim * ElementSize; // one batch row: (kv_heads, Length, head_dim)
        for (int i = 0; i < Layers * 2; i++)
            for (int b = 0; b < Batch; b++)
                Buffer.MemoryCopy((void*)source._buffers[source._bank, i], (byte*)_buffers[_bank, i] + b * rowBytes, rowBytes, rowBytes);
        Length = source.Length;
    }

    /// <summary>Row b of the new past is row parents[b] of the old one (beam search reorders hypotheses).</summary>
    internal void Reorder(ReadOnlySpan<int> parents)
    {
        bool identity = true;
        for (int b = 0; b < parents.Length; b++) identity &= parents[b] == b;
        if (identity) return;
        long rowBytes = (long)KvHeads * Length * HeadDim * ElementSize;
        for (int i = 0; i < Layers * 2; i++)
            for (int b = 0; b < Batch; b++)
                Buffer.MemoryCopy((byte*)_buffers[_bank, i] + parents[b] * rowBytes, (byte*)_buffers[1 - _bank, i] + b * rowBytes, rowBytes, rowBytes);
        _bank = 1 - _bank;
    }

    public void Dispose()
    {
        for (int bank = 0; bank < 2; bank++)
            for (int i = 0; i < Layers * 2; i++)
            {
                NativeMemory.AlignedFree((void*)_buffers[bank, i]);
                _buffers[bank, i] = 0;
            }
    }
}
