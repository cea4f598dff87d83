using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// One <see cref="AssemblyMetadata"/> per reference assembly for the whole process. The compiler keeps the symbols it
/// reads from an assembly on its metadata object, so a project whose references share metadata with a project
/// compiled before starts warm. The loose and provisional projects make theirs here, and the loaded solution's
/// references take the same metadata for the same files (<see cref="LoadedReferences"/>): the first requests
/// after MSBuild's load no longer read the framework's metadata and symbols again, and the two copies are not alive
/// at once.
/// </summary>
public static class SharedMetadata
{
    private sealed record Entry(DateTime WriteTimeUtc, long Length, AssemblyMetadata Metadata);

    private static readonly ConcurrentDictionary<string, Entry> Made = new(StringComparer.Ordinal);

    /// <summary>The metadata of <paramref name="path"/>, made on the first call and kept (made again if the file changed).</summary>
    public static AssemblyMetadata For(string path)
    {
        path = Path.GetFullPath(path);
        if (Known(path) is { } known)
            return known;
        var file = new FileInfo(path);
        var made = new Entry(file.LastWriteTimeUtc, file.Length, AssemblyMetadata.CreateFromFile(path));
        Made[path] = made;
        return made.Metadata;
    }

    /// <summary>The metadata made for <paramref name="path"/> before, if the file is unchanged since; never makes one.</summary>
    public static AssemblyMetadata? Known(string path)
    {
        if (!Made.TryGetValue(Path.GetFullPath(path), out var entry))
            return null;
        var file = new FileInfo(path);
        return file.Exists && entry.WriteTimeUtc == file.LastWriteTimeUtc && entry.Length == file.Length ? entry.Metadata : null;
    }
}
