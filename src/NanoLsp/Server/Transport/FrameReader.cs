using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace NanoLsp.Server.Transport;

/// <summary>One LSP base-protocol frame: its body, or why its header could not be read.</summary>
public readonly record struct Frame(byte[]? Body, string? HeaderError);

/// <summary>
/// Reads "Content-Length: N\r\n...\r\n\r\n" + N bytes frames. Hand-written (a few lines) rather than
/// taken from StreamJsonRpc because its reader gives up the whole connection on the first bad frame;
/// this one reports a bad header as a frame error and carries on with the next frame. After a frame whose
/// Content-Length lied, the next header arrives glued to the rest of the broken body: the reader finds the
/// last "Content-Length:" in that garbage and reads the frame it announces, so one bad frame costs one
/// message, not every message after it (found by the fuzzer, tools/NanoLsp.Driver/Fuzz).
/// </summary>
public sealed class FrameReader(PipeReader reader)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The guard against a header that never ends (a client writing garbage without CRLFs).</summary>
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>
    /// The largest body read. A 10 MB source file, JSON-escaped, is well under it; a Content-Length above it
    /// (int.MaxValue from a broken client) would otherwise have the server buffer gigabytes, or wait forever.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>A body length found by resynchronising inside a bad header: the next read takes that body.</summary>
    private int? _resumeLength;

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async Task<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        int length;
        if (_resumeLength is { } resumed)
        {
            _resumeLength = null;
            length = resumed;
        }
        else
        {
            var headerBytes = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (headerBytes is null)
                return null;
            var header = Encoding.ASCII.GetString(headerBytes);
            (length, var error) = ParseHeader(header);
            if (error is null && length > MaxBodyBytes)
                error = $"Content-Length {length} is over the limit of {MaxBodyBytes} bytes; what follows is skipped up to the next header.";
            if (error is not null)
            {
                _resumeLength = Resynchronise(header);
                return new Frame(null, _resumeLength is null ? error : error + " The next frame's header was found after it.");
            }
        }
        var body = await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        return body is null ? null : new Frame(body, null);
    }

    /// <summary>The length announced by the last "Content-Length:" inside a bad header, when that one parses.</summary>
    public static int? Resynchronise(string header)
    {
        var at = header.LastIndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
            return null;
        var (length, error) = ParseHeader(header[at..]);
        return error is null && length <= MaxBodyBytes ? length : null;
    }

    public static (int Length, string? Error) ParseHeader(string header)
    {
        int? length = null;
        foreach (var line in header.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                return (0, $"Malformed header line '{Truncate(line)}': expected 'Name: value'.");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, out var n) || n < 0)
                    return (0, $"Invalid Content-Length '{Truncate(value)}'.");
                length = n;
            }
        }
        return length is null ? (0, "The header has no Content-Length.") : (length.Value, null);
    }

    private async Task<byte[]?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var position = Find(buffer, HeaderEnd);
            if (position is not null)
            {
                var header = buffer.Slice(0, position.Value).ToArray();
                reader.AdvanceTo(buffer.GetPosition(HeaderEnd.Length, position.Value));
                return header;
            }
            if (buffer.Length > MaxHeaderBytes)
            {
                // Drop the garbage so the next frame can still be found; keep a tail that may hold the start of its header.
                reader.AdvanceTo(buffer.GetPosition(buffer.Length - 64));
                return Encoding.ASCII.GetBytes("X-Garbage: header too long");
            }
            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task<byte[]?> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var body = buffer.Slice(0, length).ToArray();
                reader.AdvanceTo(buffer.GetPosition(length));
                return body;
            }
            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SequencePosition? Find(ReadOnlySequence<byte> buffer, byte[] pattern)
    {
        var sequenceReader = new SequenceReader<byte>(buffer);
        if (sequenceReader.TryReadTo(out ReadOnlySequence<byte> _, pattern, advancePastDelimiter: false))
            return sequenceReader.Position;
        return null;
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
