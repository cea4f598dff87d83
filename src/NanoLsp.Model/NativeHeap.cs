using System.Runtime.InteropServices;

namespace NanoLsp.Model;

/// <summary>
/// Keeps the C heap (glibc malloc) that ONNX Runtime and the model's native buffers live in from holding
/// memory nobody uses. Measured on a CsvHelper soak: the managed heap stayed near 190 MB live while the
/// process grew past 1.3 GB, nearly all of it in a dozen 64 MB glibc arenas (one per thread-pool thread that
/// ever ran the model) full of freed blocks; and glibc's dynamic mmap threshold moves large buffers (KV caches,
/// logits, ONNX Runtime's arena chunks) into those arenas after the first one is freed. No library covers this
/// (it is a process setting), so it is three libc calls:
/// <list type="bullet">
/// <item>at most two malloc arenas (threads share them instead of each keeping its own);</item>
/// <item>a fixed mmap threshold, so a buffer of 256 KiB or more is mapped and unmapped, never left in an arena;</item>
/// <item><see cref="Trim"/> (malloc_trim) gives free pages back after big frees: the workspace load, and
/// periodically while serving (<see cref="StartPeriodicTrim"/>).</item>
/// </list>
/// On anything but glibc (Windows, macOS, musl) every call is a no-op.
/// </summary>
public static partial class NativeHeap
{
    private const int M_MMAP_THRESHOLD = -3;
    private const int M_ARENA_MAX = -8;
    private const int MmapThresholdBytes = 256 * 1024;
    private const int ArenaMax = 2;

    private static readonly bool s_glibc = OperatingSystem.IsLinux() && HasGlibcMalloc();
    private static Timer? s_timer;

    /// <summary>Applies the arena and mmap settings; call first thing in the server process.</summary>
    public static void Configure()
    {
        if (!s_glibc) return;
        mallopt(M_ARENA_MAX, ArenaMax);
        mallopt(M_MMAP_THRESHOLD, MmapThresholdBytes);
    }

    /// <summary>Returns the heap's free pages to the system (a few milliseconds; holds each arena's lock while it walks it).</summary>
    public static void Trim()
    {
        if (s_glibc) malloc_trim(0);
    }

    /// <summary>Trims every <paramref name="period"/> on a timer thread, for the life of the process.</summary>
    public static void StartPeriodicTrim(TimeSpan period)
    {
        if (!s_glibc || s_timer is not null) return;
        s_timer = new Timer(static _ => Trim(), null, period, period);
    }

    private static bool HasGlibcMalloc()
    {
        // musl has mallopt as a stub and no malloc_trim: the export says which allocator this is.
        try
        {
            return NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out _);
        }
        catch (Exception)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6")]
    private static partial int mallopt(int param, int value);

    [LibraryImport("libc.so.6")]
    private static partial int malloc_trim(nuint pad);
}
