using System.Text;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver.Fuzz;

/// <summary>
/// Random values for the traffic generator: JSON of any shape, positions (good and bad), text with the
/// characters editors do send (tabs, CRLF, emoji) and ones they should not (NUL, lone surrogates, invalid
/// UTF-8). Everything comes from one seeded <see cref="Random"/>, so a run replays.
/// </summary>
public sealed class FuzzValues(Random random)
{
    /// <summary>Placeholders the generator writes into JSON text and <see cref="Corrupt"/> swaps for bytes no
    /// JSON serialiser would write: a lone surrogate escape and invalid UTF-8 sequences.</summary>
    public const string LoneSurrogateMark = "\u00a7SURROGATE\u00a7";
    public const string InvalidUtf8Mark = "\u00a7BADUTF8\u00a7";

    private static readonly string[] Fragments =
    [
        "x", " ", "\n", "\r\n", "\t", ".", ";", "{", "}", "(", ")", "Console.", "var ", "return ", "public ", "class C { }",
        "\"", "'", "//", "/*", "@\"", "$\"{", "#if", "é", "€", "😀", "\u0000", "\u001b", "\u2028", "<", "=>", "?.", "new(",
        LoneSurrogateMark, InvalidUtf8Mark,
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80],
    ];

    private static readonly string[] LoneSurrogates = ["\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud83d"];

    public Random Random => random;

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A short run of editor-like characters, sometimes with a mark for a lone surrogate or bad UTF-8.</summary>
    public string Text(int maxFragments = 6)
    {
        var builder = new StringBuilder();
        var count = random.Next(maxFragments + 1);
        for (var i = 0; i < count; i++)
        {
            var fragment = Pick(Fragments);
            // The marks make the message itself invalid: keep them rare so most edits are applied.
            if (fragment is LoneSurrogateMark or InvalidUtf8Mark && !Chance(0.15))
                fragment = "y";
            builder.Append(fragment);
        }
        return builder.ToString();
    }

    /// <summary>Characters as in typing: mostly one, sometimes a pasted block.</summary>
    public string Typed() => Chance(0.9) ? Pick(["a", "b", ".", "(", ")", ";", " ", "\n", "x", "1", "\"", "{", "}"]) : Text(12);

    /// <summary>A large payload: megabytes of code-like or binary-looking text.</summary>
    public string Huge()
    {
        var size = random.Next(256 * 1024, 3 * 1024 * 1024);
        var builder = new StringBuilder(size);
        var binary = Chance(0.5);
        while (builder.Length < size)
        {
            if (binary)
                builder.Append((char)random.Next(0, 256));
            else
                builder.Append("    public int Field").Append(builder.Length).Append(" = ").Append(random.Next()).Append(";\n");
        }
        return builder.ToString();
    }

    /// <summary>Any JSON value (depth-limited): the wrong type wherever it lands.</summary>
    public JsonNode? AnyJson(int depth = 0)
    {
        switch (random.Next(depth >= 2 ? 6 : 8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(Chance(0.5));
            case 2: return JsonValue.Create(Pick(new long[] { 0, -1, 1, int.MaxValue, int.MinValue, long.MaxValue, 65536 }));
            case 3: return JsonValue.Create(Pick(new double[] { 1.5, -0.0, 1e300, 3.14 }));
            case 4: return JsonValue.Create(Text(3));
            case 5: return JsonValue.Create(Pick(["", "file:///", "untitled:1", "../../etc/passwd", "💥", "null"]));
            case 6:
            {
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                    array.Add(AnyJson(depth + 1));
                return array;
            }
            default:
            {
                var obj = new JsonObject();
                for (var i = random.Next(4); i > 0; i--)
                    obj[Pick(["uri", "line", "character", "textDocument", "position", "range", "text", "x", "items", "data"]) + (i > 2 ? i : "")] = AnyJson(depth + 1);
                return obj;
            }
        }
    }

    /// <summary>A position in the text: usually inside it, sometimes just past a line's end.</summary>
    public JsonObject Position(string text)
    {
        var lines = text.Split('\n');
        var line = random.Next(lines.Length);
        var character = random.Next(lines[line].Length + (Chance(0.1) ? 5 : 1));
        return Position(line, character);
    }

    public static JsonObject Position(long line, long character) => new() { ["line"] = line, ["character"] = character };

    /// <summary>A position no document has: past the end, negative, beyond int, or not numbers at all.</summary>
    public JsonNode? BadPosition(string text)
    {
        var lineCount = text.Split('\n').Length;
        return random.Next(8) switch
        {
            0 => Position(lineCount + random.Next(1, 1000), 0),
            1 => Position(lineCount, 5),
            2 => Position(-1, 0),
            3 => Position(0, -7),
            4 => Position(int.MaxValue, int.MaxValue),
            5 => new JsonObject { ["line"] = 1.5, ["character"] = "three" },
            6 => Position(long.MaxValue, 0),
            _ => AnyJson(),
        };
    }

    /// <summary>The JSON text with each mark replaced: a lone surrogate escape, or raw invalid UTF-8 bytes.</summary>
    public byte[] Corrupt(string json)
    {
        if (!json.Contains('\u00a7'))
            return Encoding.UTF8.GetBytes(json);
        var output = new List<byte>(json.Length + 16);
        var parts = json.Split(["\\u00A7SURROGATE\\u00A7", "\\u00a7SURROGATE\\u00a7", LoneSurrogateMark], StringSplitOptions.None);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
                output.AddRange(Encoding.ASCII.GetBytes(Pick(LoneSurrogates)));
            var pieces = parts[i].Split(["\\u00A7BADUTF8\\u00A7", "\\u00a7BADUTF8\\u00a7", InvalidUtf8Mark], StringSplitOptions.None);
            for (var j = 0; j < pieces.Length; j++)
            {
                if (j > 0)
                    output.AddRange(Pick(BadUtf8));
                output.AddRange(Encoding.UTF8.GetBytes(pieces[j]));
            }
        }
        return [.. output];
    }
}
