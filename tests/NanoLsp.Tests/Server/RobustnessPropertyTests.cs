using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Server.Transport;
using LspRange = NanoLsp.Protocol.Range;

namespace NanoLsp.Tests.Server;

/// <summary>
/// Property tests (CsCheck, seeded and shrinking) of the code every byte from the client goes through:
/// framing, settings, positions and edits. Each property is what the fuzzer (tools/NanoLsp.Driver/Fuzz)
/// relies on the whole server to do: answer or refuse, never throw anything else, never lose sync.
/// CsCheck draws a new seed each run and prints the failing one (with the shrunk case) to replay it.
/// </summary>
public class RobustnessPropertyTests
{
    /// <summary>JSON-like bodies that hold no header text (so a test knows which frame each byte belongs to).</summary>
    private static readonly Gen<byte[]> Body =
        Gen.Char["a-z0-9{}\":, é"].Array[1, 60].Select(chars => Encoding.UTF8.GetBytes(new string(chars)));

    private static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    private static async Task<List<Frame>> ReadAllAsync(byte[] stream, int[] cuts)
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var writer = Task.Run(async () =>
        {
            var start = 0;
            foreach (var cut in cuts.Where(c => c > 0 && c < stream.Length).Order().Append(stream.Length))
            {
                await pipe.Writer.WriteAsync(stream.AsMemory(start, cut - start));
                start = cut;
            }
            await pipe.Writer.CompleteAsync();
        });
        var frames = new List<Frame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
            frames.Add(frame);
        await writer;
        return frames;
    }

    [Fact]
    public async Task FramesReadTheSameHoweverTheStreamIsChunked()
    {
        await Gen.Select(Body.List[1, 8], Gen.Int[0, 2000].Array[0, 12]).SampleAsync(async (bodies, cuts) =>
        {
            var frames = await ReadAllAsync([.. bodies.SelectMany(Frame)], cuts);
            Assert.Equal(bodies.Select(Convert.ToHexString), frames.Select(f => Convert.ToHexString(f.Body!)));
        }, iter: 300);
    }

    /// <summary>A frame whose header or length lies costs that frame (and, when it claims too many bytes, the one
    /// it swallows): every frame after those is still read, in order.</summary>
    [Fact]
    public async Task OneBrokenFrameCostsAtMostTheNextFrame()
    {
        await Gen.Select(Body.List[2, 8], Gen.Int[0, 100], Gen.Int[0, 5], Gen.Int[0, 2000].Array[0, 8]).SampleAsync(async (drawn, at, kind, cuts) =>
        {
            // Each body starts with its index, so a broken frame's remainder never equals another frame.
            var bodies = drawn.Select((b, i) => (byte[])[.. Encoding.ASCII.GetBytes($"{i}#"), .. b]).ToList();
            var broken = at % bodies.Count;
            var stream = new List<byte>();
            var lost = new HashSet<int> { broken };
            for (var i = 0; i < bodies.Count; i++)
            {
                var body = bodies[i];
                if (i != broken)
                {
                    stream.AddRange(Frame(body));
                    continue;
                }
                switch (kind)
                {
                    case 0: stream.AddRange([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length / 2}\r\n\r\n"), .. body]); break;
                    case 1:
                        // Claims more than it has: the next frame's first bytes complete it, so that frame goes too.
                        stream.AddRange([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length + 5}\r\n\r\n"), .. body]);
                        lost.Add(i + 1);
                        break;
                    case 2: stream.AddRange([.. Encoding.ASCII.GetBytes("Content-Type: x\r\n\r\n"), .. body]); break;
                    case 3: stream.AddRange([.. Encoding.ASCII.GetBytes($"Content-Length: {int.MaxValue}\r\n\r\n"), .. body]); break;
                    case 4: stream.AddRange(Encoding.ASCII.GetBytes("garbage without a colon\r\n\r\n")); break;
                    default: stream.AddRange([.. Encoding.ASCII.GetBytes("Content-Length: -3\r\n\r\n"), .. body]); break;
                }
            }
            var read = (await ReadAllAsync([.. stream], cuts)).Where(f => f.Body is not null).Select(f => Convert.ToHexString(f.Body!)).ToList();
            var expected = bodies.Where((_, i) => !lost.Contains(i)).Select(Convert.ToHexString).ToList();
            // Every frame not lost is read, in order; a read body that is none of them is a broken frame's remainder.
            Assert.Equal(expected, read.Where(expected.Contains).ToList());
        }, iter: 400);
    }

    private static readonly Gen<string> SourceTexts =
        Gen.Char["ab \n\r\t{}.;é😀\u2028"].Array[0, 80].Select(c => new string(c));

    private static readonly Gen<Position> Positions =
        Gen.Select(Gen.Int[-2, 12].Select(i => i == 12 ? int.MaxValue : i), Gen.Int[-2, 30].Select(i => i == 30 ? int.MaxValue : i), (l, c) => new Position(l, c));

    [Fact]
    public void AnyPositionIsAnOffsetInTheTextOrInvalidParams()
    {
        Gen.Select(SourceTexts, Positions).Sample((source, position) =>
        {
            var text = SourceText.From(source);
            try
            {
                var offset = ProtocolConversions.ToOffset(text, position);
                Assert.InRange(offset, 0, text.Length);
                // Round trip: the offset's own position maps back onto it.
                Assert.Equal(offset, ProtocolConversions.ToOffset(text, ProtocolConversions.ToPosition(text, offset)));
            }
            catch (LspException e)
            {
                Assert.Equal(LspErrorCodes.InvalidParams, e.Code);
            }
        }, iter: 2000);
    }

    [Fact]
    public void AnyEditIsAppliedOrRefusedWithInvalidParams()
    {
        var changes = Gen.Select(Positions, Positions, Gen.String[0, 5], Gen.Bool)
            .Select((s, e, t, whole) => new TextDocumentContentChangeEvent(whole ? null : new LspRange(s, e), t)).List[1, 4];
        Gen.Select(SourceTexts, changes).Sample((source, edits) =>
        {
            try
            {
                var result = ProtocolConversions.Apply(SourceText.From(source), edits);
                Assert.NotNull(result.ToString());
            }
            catch (LspException e)
            {
                Assert.Equal(LspErrorCodes.InvalidParams, e.Code);
            }
        }, iter: 2000);
    }

    private static Gen<string> JsonValues(int depth) => depth >= 2
        ? Gen.OneOf<string>("null", "true", "0", "-1", "1.5", "1e400", "\"\"", "\"debug\"", "\"x\"", "2147483648", "[]", "{}")
        : Gen.OneOf<string>(
            JsonValues(depth + 1),
            JsonValues(depth + 1).Array[0, 3].Select(a => "[" + string.Join(",", a) + "]"),
            Gen.Select(Gen.OneOf<string>("logLevel", "diagnostics", "debounceMs", "analyzers", "inlineCompletion", "enabled", "deadlineMs",
                "maxLength", "cutBelowLogProb", "memory", "model", "path", "nanolsp", "nanolsp.logLevel", "nanolsp.inlineCompletion.deadlineMs"),
                JsonValues(depth + 1)).Array[0, 4].Select(a => "{" + string.Join(",", a.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"));

    [Fact]
    public void AnySettingsPayloadGivesSettingsAndNamesEachValueItRefused()
    {
        JsonValues(0).Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            var problems = new List<string>();
            var settings = ServerSettings.Default.Apply(document.RootElement, problems);
            Assert.NotNull(settings);
            Assert.InRange(settings.DiagnosticsDebounceMs, 0, int.MaxValue);
            Assert.InRange(settings.InlineDeadlineMs, 0, int.MaxValue);
            Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        }, iter: 2000);
    }
}
