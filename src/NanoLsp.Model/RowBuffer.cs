using System.Buffers;

namespace NanoLsp.Model;

/// <summary>
/// Logits rows copied out of the decoder's buffer into a pooled array (it may be longer than asked: readers slice it by
/// the vocabulary). Rows of three tokens or more pass the large-object threshold (85,000 bytes at a vocabulary of 8,192),
/// and the scorer's passes and beam steps made such arrays anew each time: they piled up in the large-object heap between
/// full collections, about 6 MB of the server's peak (docs/engine.md, "Logits rows without garbage").
/// </summary>
internal readonly struct RowBuffer : IDisposable
{
    public float[] Array { get; }

    private RowBuffer(float[] array) => Array = array;

    public static RowBuffer Rent(int floats) => new(ArrayPool<float>.Shared.Rent(floats));

    /// <summary>A pooled copy of <paramref name="logits"/>; give it back with <see cref="Return"/>.</summary>
    public static float[] CopyOf(ReadOnlySpan<float> logits)
    {
        var rows = ArrayPool<float>.Shared.Rent(logits.Length);
        logits.CopyTo(rows);
        return rows;
    }

    public static void Return(float[]? rows)
    {
        if (rows is not null) ArrayPool<float>.Shared.Return(rows);
    }

    public void Dispose() => Return(Array);
}
