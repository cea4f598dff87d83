using System.Globalization;
using System.Runtime.InteropServices;

namespace NanoLsp.Model;

/// <summary>
/// Gives back the pages of ONNX Runtime's library that only its start-up read. When the first session is made, its CPU
/// provider registers every kernel it has (a creation function each, spread over the library's 22 MB of code), and the
/// kernel maps the file's pages around each call: once the model has loaded, about 16 MB of the library is resident,
/// of which inference runs 6-7 MB (<c>/proc/PID/smaps</c> of the server at the end of <c>bench samples/Inventory</c>).
/// Those pages stay in the process for its whole life. After the sessions are made, the library's read-only mappings are
/// paged out (<c>madvise(MADV_PAGEOUT)</c>, Linux 5.4 and later). That never loses a page: the code's pages are the file's,
/// read back from it at their first use by inference (the few the dynamic linker relocated are private copies, which the
/// kernel keeps, or swaps). Writable mappings are left alone. On the sample bench the server's peak went 296-298 ->
/// 286-287 MiB, the first inline completion unchanged (docs/engine.md, "ONNX Runtime's start-up code"). No library does
/// this (it is one system call per mapping, a hint to the kernel like <see cref="NativeHeap"/>'s); elsewhere (Windows,
/// macOS, older kernels, a sandbox that refuses it) it does nothing.
/// </summary>
public static partial class OnnxRuntimeCode
{
    private const int MADV_PAGEOUT = 21;

    /// <summary>The file name ONNX Runtime's native library has on Linux (the NuGet package's).</summary>
    public const string LibraryFileName = "libonnxruntime.so";

    /// <summary>What <see cref="PageOut"/> did: the bytes of the mappings it advised, and how many the kernel refused.</summary>
    public readonly record struct Result(long Bytes, int Mappings, int Refused);

    /// <summary>Pages out the read-only mappings of ONNX Runtime's library in this process; a no-op off Linux.</summary>
    public static Result PageOut()
    {
        if (!OperatingSystem.IsLinux()) return default;
        long bytes = 0;
        int mappings = 0, refused = 0;
        try
        {
            foreach (var mapping in ReadOnlyMappings(File.ReadLines("/proc/self/maps")))
            {
                mappings++;
                bytes += mapping.Length;
                if (madvise((nint)mapping.Start, (nuint)mapping.Length, MADV_PAGEOUT) != 0) refused++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EntryPointNotFoundException or DllNotFoundException)
        {
            // Only memory is at stake: the library keeps working as it was.
        }
        return new Result(bytes, mappings, refused);
    }

    /// <summary>The library's mappings that are not writable, from lines of <c>/proc/PID/maps</c>
    /// (<c>start-end perms offset dev inode path</c>).</summary>
    internal static IEnumerable<(long Start, long Length)> ReadOnlyMappings(IEnumerable<string> maps)
    {
        foreach (var line in maps)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1].Contains('w')) continue;
            if (!Path.GetFileName(fields[5].Trim()).StartsWith(LibraryFileName, StringComparison.Ordinal)) continue;
            var range = fields[0].Split('-');
            if (range.Length != 2
                || !long.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long start)
                || !long.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long end)
                || end <= start) continue;
            yield return (start, end - start);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
