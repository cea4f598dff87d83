using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// The XML documentation beside a reference assembly, read one member at a time. Roslyn's XmlDocumentationProvider
/// parses the whole file into an XDocument on its first question and keeps every member's text: for the framework's
/// System.Runtime.xml (7.6 MB) the first hover over a framework type took 147 ms, allocated 87 MB and kept 17 MB.
/// Here the first question scans the file for where each member starts (about 10 ms, an offset and a hash per
/// member: under 1 MB for that file) and each answer reads only its member's element. No library reads one element
/// of an XML file by key, hence the scan by hand.
/// </summary>
public sealed class IndexedXmlDocumentation : DocumentationProvider
{
    private static readonly byte[] MemberStart = "<member name=\""u8.ToArray();
    private static readonly byte[] MemberEnd = "</member>"u8.ToArray();

    /// <summary>Members read so far (hover and completion ask for the same few again and again); cleared when full.</summary>
    private const int RecentCapacity = 2048;

    /// <summary>A member's element larger than this is not read (the framework's largest are a few kilobytes).</summary>
    private const int MaxMemberBytes = 1 << 20;

    private readonly string _path;
    private readonly Lazy<MemberIndex> _index;
    private readonly ConcurrentDictionary<string, string> _recent = new(StringComparer.Ordinal);

    public IndexedXmlDocumentation(string xmlPath)
    {
        _path = Path.GetFullPath(xmlPath);
        _index = new Lazy<MemberIndex>(() => MemberIndex.Scan(_path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The provider for the XML file beside <paramref name="assemblyPath"/>, or null when there is none. The
    /// scan looks for UTF-8 bytes: a file in UTF-16 or UTF-32 (a byte order mark says so) gets Roslyn's provider.</summary>
    public static DocumentationProvider? Beside(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        if (!File.Exists(xml))
            return null;
        return IsUtf16Or32(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : new IndexedXmlDocumentation(xml);
    }

    private static bool IsUtf16Or32(string path)
    {
        try
        {
            Span<byte> start = stackalloc byte[2];
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && (start[0], start[1]) is (0xFF, 0xFE) or (0xFE, 0xFF) or (0x00, 0x00);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public string FilePath => _path;

    /// <summary>How many members the file documents (scans it if not yet done).</summary>
    public int MemberCount => _index.Value.Count;

    protected override string GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default)
    {
        if (_recent.TryGetValue(documentationMemberID, out var known))
            return known;
        var text = Read(documentationMemberID) ?? "";
        if (_recent.Count >= RecentCapacity)
            _recent.Clear();
        _recent[documentationMemberID] = text;
        return text;
    }

    private string? Read(string id)
    {
        var index = _index.Value;
        var hash = MemberIndex.Hash(id);
        foreach (var offset in index.OffsetsOf(hash))
        {
            try
            {
                if (ReadMember(offset) is { } member && member.Name == id)
                    return member.Xml;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
            {
                return null; // the file changed or went away since the scan: no documentation, as Roslyn's provider does
            }
        }
        return null;
    }

    private (string Name, string Xml)? ReadMember(long offset)
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        stream.Position = offset;
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
                return null;
            var searchFrom = Math.Max(0, length - MemberEnd.Length);
            length += read;
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf(MemberEnd);
            if (end >= 0)
                return Parse(Encoding.UTF8.GetString(buffer, 0, searchFrom + end + MemberEnd.Length));
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxMemberBytes)
                    return null;
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>The element's name and the element itself, as Roslyn's provider answers (the whole member element).</summary>
    private static (string Name, string Xml)? Parse(string element)
    {
        using var reader = XmlReader.Create(new StringReader(element), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        if (reader.MoveToContent() != XmlNodeType.Element || reader.GetAttribute("name") is not { } name)
            return null;
        reader.Skip(); // the element must be well-formed: a broken one is no documentation
        return (name, element);
    }

    public override bool Equals(object? obj) => obj is IndexedXmlDocumentation other && other._path == _path;

    public override int GetHashCode() => _path.GetHashCode(StringComparison.Ordinal);

    /// <summary>Where each member's element starts, by a 64-bit hash of its name (sorted: a binary search finds it).</summary>
    private sealed class MemberIndex(ulong[] hashes, long[] offsets)
    {
        public int Count => hashes.Length;

        public IEnumerable<long> OffsetsOf(ulong hash)
        {
            var i = Array.BinarySearch(hashes, hash);
            if (i < 0)
                yield break;
            while (i > 0 && hashes[i - 1] == hash)
                i--;
            for (; i < hashes.Length && hashes[i] == hash; i++)
                yield return offsets[i];
        }

        /// <summary>FNV-1a over the name's UTF-16 code units (names are compared in full after the read, so a clash only costs a read).</summary>
        public static ulong Hash(ReadOnlySpan<char> name)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in name)
                hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }

        public static MemberIndex Scan(string path)
        {
            var hashes = new List<ulong>();
            var offsets = new List<long>();
            // Read in pooled chunks, not whole: the scan leaves neither a copy of the file nor garbage behind.
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ScanChunk);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
                long bufferStart = 0; // the file offset of buffer[0]
                var length = 0;
                while (true)
                {
                    var read = stream.Read(buffer, length, buffer.Length - length);
                    length += read;
                    var keepFrom = ScanChunkFor(buffer.AsSpan(0, length), bufferStart, hashes, offsets, last: read == 0);
                    if (read == 0)
                        break;
                    // An element start cut by the chunk's end is scanned again with the next chunk.
                    buffer.AsSpan(keepFrom, length - keepFrom).CopyTo(buffer);
                    bufferStart += keepFrom;
                    length -= keepFrom;
                    if (length == buffer.Length)
                        break; // a name longer than a chunk: not documentation
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new MemberIndex([], []); // unreadable: no documentation, never a failed hover
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
            var hashArray = hashes.ToArray();
            var offsetArray = offsets.ToArray();
            Array.Sort(hashArray, offsetArray);
            return new MemberIndex(hashArray, offsetArray);
        }

        private const int ScanChunk = 256 * 1024;

        /// <summary>Indexes the members whose start and name lie wholly in <paramref name="bytes"/>; returns where the
        /// next chunk must resume (the start of a cut element, or the last bytes that could begin one).</summary>
        private static int ScanChunkFor(ReadOnlySpan<byte> bytes, long bufferStart, List<ulong> hashes, List<long> offsets, bool last)
        {
            var position = 0;
            while (true)
            {
                var found = bytes[position..].IndexOf(MemberStart);
                if (found < 0)
                    return last ? bytes.Length : Math.Max(position, bytes.Length - MemberStart.Length + 1);
                var at = position + found;
                var nameStart = at + MemberStart.Length;
                var nameLength = bytes[nameStart..].IndexOf((byte)'"');
                if (nameLength < 0)
                    return at;
                var name = Encoding.UTF8.GetString(bytes.Slice(nameStart, nameLength));
                if (name.Contains('&'))
                    name = Unescape(name);
                hashes.Add(Hash(name));
                offsets.Add(bufferStart + at);
                position = nameStart + nameLength;
            }
        }

        private static string Unescape(string attribute)
        {
            using var reader = XmlReader.Create(new StringReader($"<m n=\"{attribute}\"/>"));
            reader.MoveToContent();
            return reader.GetAttribute("n") ?? attribute;
        }
    }
}
