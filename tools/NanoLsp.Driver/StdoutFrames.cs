using System.Text;
using System.Text.Json;

namespace NanoLsp.Driver;

/// <summary>
/// Checks a server's raw stdout: it must be LSP frames back to back ("Content-Length: N" header,
/// CRLF CRLF, N bytes of JSON) and nothing else. A stray byte (a native library's printf, a child
/// process inheriting fd 1) corrupts the client's stream, so one is a failure wherever it is.
/// </summary>
public static class StdoutFrames
{
    /// <summary>Null when the bytes are frames only; else where the first foreign byte is and what surrounds it.</summary>
    public static string? FirstForeignBytes(byte[] output, out int frames)
    {
        frames = 0;
        var position = 0;
        while (position < output.Length)
        {
            var headerEnd = IndexOf(output, "\r\n\r\n"u8, position);
            if (headerEnd < 0)
                return Describe(output, position, "bytes that are no frame header");
            var header = Encoding.ASCII.GetString(output, position, headerEnd - position);
            int? length = null;
            foreach (var line in header.Split("\r\n"))
            {
                var colon = line.IndexOf(':');
                var name = colon > 0 ? line[..colon] : "";
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && int.TryParse(line[(colon + 1)..].Trim(), out var n))
                    length = n;
                else if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    return Describe(output, position, "a header line that is not Content-Length/Content-Type");
            }
            if (length is null)
                return Describe(output, position, "a header without Content-Length");
            var body = headerEnd + 4;
            if (body + length.Value > output.Length)
                return Describe(output, position, "a frame cut short");
            try
            {
                using var _ = JsonDocument.Parse(output.AsMemory(body, length.Value));
            }
            catch (JsonException e)
            {
                return Describe(output, body, $"a frame body that is not JSON ({e.Message})");
            }
            frames++;
            position = body + length.Value;
        }
        return null;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int start)
    {
        var found = haystack.AsSpan(start).IndexOf(needle);
        return found < 0 ? -1 : start + found;
    }

    private static string Describe(byte[] output, int position, string what)
    {
        var shown = Encoding.UTF8.GetString(output, position, Math.Min(200, output.Length - position));
        return $"{what} at byte {position}: \"{shown.Replace("\r", "\\r").Replace("\n", "\\n")}\"";
    }
}
