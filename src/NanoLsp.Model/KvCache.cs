using System.Runtime.InteropServices;

namespace NanoLsp.Model;

/// <summary>
/// The key/value cache of every layer in native memory, allocated once at full capacity.
/// Two banks: the graph reads the past from one and writes the present (past + new positions)
/// into the other, which then becomes the past of the next step. So the cache moves from step to
/// step without a copy on our side and without an allocation per token.
/// <para>
/// <see cref="Shared"/> (a graph whose GroupQueryAttention writes the new positions into the past's own buffer,
/// the manifest's <c>past_present_share_buffer</c>): one bank, each head's positions at a stride of
/// <see cref="Capacity"/>, past and present bound to the same memory; nothing is copied per run and a cut is
/// only a shorter <see cref="Length"/>. The second bank is made only if beams are reordered.
/// </para>
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

    /// <summary>Past and present in one buffer, each head's positions <see cref="Capacity"/> apart.</summary>
    public bool Shared { get; }

    /// <summary>Positions held (per batch row).</summary>
    public int Length { get; private set; }

    /// <summary>The tokens whose keys and values are held (batch 1 only; the prefix cache compares them).</summary>
    public IReadOnlyList<int> Tokens => _tokens;

    public KvCache(int layers, int batch, int kvHeads, int headDim, int capacity, int elementSize, bool shared = false)
    {
        (Layers, Batch, KvHeads, HeadDim, Capacity, ElementSize, Shared) = (layers, batch, kvHeads, headDim, capacity, elementSize, shared);
        _buffers = new nint[2, layers * 2];
        AllocateBank(0);
        if (!shared) AllocateBank(1);
    }

    public static KvCache For(ModelManifest m, int batch, int capacity) =>
        new(m.NumLayers, batch, m.NumKvHeads, m.HeadDim, capacity, m.KvDtype == "float16" ? 2 : 4, m.PastPresentShareBuffer);

    private void AllocateBank(int bank)
    {
        nuint bytes = (nuint)((long)Batch * KvHeads * Capacity * HeadDim * ElementSize);
        for (int i = 0; i < Layers * 2; i++)
            _buffers[bank, i] = (nint)NativeMemory.AlignedAlloc(bytes, 64);
    }

    /// <summary>Positions between one head's start and the next's in the buffers the graph reads and writes
    /// (<paramref name="positions"/>: the past's or the present's length in the dense layout).</summary>
    internal int HeadStride(int positions) => Shared ? Capacity : positions;

    /// <summary>Buffer the graph reads as past_key_values.{layer}.key / .value.</summary>
    internal nint Past(int layer, bool value) => _buffers[_bank, layer * 2 + (value ? 1 : 0)];

    /// <summary>Buffer the graph writes as present.{layer}.key / .value (the past's own when <see cref="Shared"/>).</summary>
    internal nint Present(int layer, bool value) => _buffers[Shared ? _bank : 1 - _bank, layer * 2 + (value ? 1 : 0)];

    /// <summary>After a run: the present becomes the past.</summary>
    internal void Advance(ReadOnlySpan<int> tokens, int positions)
    {
        if (!Shared) _bank = 1 - _bank;
        Length += positions;
        if (Batch == 1) _tokens.AddRange(tokens);
    }

    /// <summary>
    /// Keeps the first <paramref name="length"/> positions. The dense layout is
    /// (batch, kv_heads, Length, head_dim), so a shorter length moves every head but the first:
    /// one memmove per head, front to back (destinations never overtake sources). Shared, the
    /// positions past the length are only ignored.
    /// </summary>
    public void Truncate(int length)
    {
        if (length >= Length) return;
        if (!Shared)
        {
            long row = (long)HeadDim * ElementSize;
            for (int i = 0; i < Layers * 2; i++)
            {
                byte* buffer = (byte*)_buffers[_bank, i];
                for (int h = 1; h < Batch * KvHeads; h++)
                    Buffer.MemoryCopy(buffer + h * Length * row, buffer + h * length * row, length * row, length * row);
            }
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
        if (source.Batch != 1 || source.Length > Capacity || source.Shared != Shared)
            throw new InvalidOperationException("Broadcast needs a batch-1 source of the same layout that fits.");
        int length = source.Length;
        for (int i = 0; i < Layers * 2; i++)
            for (int b = 0; b < Batch; b++)
                CopyRow((byte*)source._buffers[source._bank, i], source.HeadStride(length), Row(_bank, i, b, HeadStride(length)), HeadStride(length), length);
        Length = length;
    }

    /// <summary>Row b of the new past is row parents[b] of the old one (beam search reorders hypotheses).</summary>
    internal void Reorder(ReadOnlySpan<int> parents)
    {
        bool identity = true;
        for (int b = 0; b < parents.Length; b++) identity &= parents[b] == b;
        if (identity) return;
        if (_buffers[1 - _bank, 0] == 0) AllocateBank(1 - _bank);
        int stride = HeadStride(Length);
        for (int i = 0; i < Layers * 2; i++)
            for (int b = 0; b < Batch; b++)
                CopyRow(Row(_bank, i, parents[b], stride), stride, Row(1 - _bank, i, b, stride), stride, Length);
        _bank = 1 - _bank;
    }

    /// <summary>Where batch row <paramref name="row"/> of buffer <paramref name="buffer"/> starts in <paramref name="bank"/>,
    /// its heads <paramref name="stride"/> positions apart.</summary>
    private byte* Row(int bank, int buffer, int row, int stride) =>
        (byte*)_buffers[bank, buffer] + (long)row * KvHeads * stride * HeadDim * ElementSize;

    /// <summary>Copies the first <paramref name="length"/> positions of each head of one batch row to another; heads are
    /// <paramref name="fromStride"/> and <paramref name="toStride"/> positions apart.</summary>
    private void CopyRow(byte* from, int fromStride, byte* to, int toStride, int length)
    {
        long position = (long)HeadDim * ElementSize, bytes = length * position;
        if (fromStride == length && toStride == length)
        {
            Buffer.MemoryCopy(from, to, KvHeads * bytes, KvHeads * bytes); // dense: the row is one block
            return;
        }
        for (int h = 0; h < KvHeads; h++)
            Buffer.MemoryCopy(from + h * fromStride * position, to + h * toStride * position, bytes, bytes);
    }

    public void Dispose()
    {
        for (int bank = 0; bank < 2; bank++)
            for (int i = 0; i < Layers * 2; i++)
            {
                NativeMemory.AlignedFree((void*)_buffers[bank, i]); // a bank never made is 0: freeing null does nothing
                _buffers[bank, i] = 0;
            }
    }
}
