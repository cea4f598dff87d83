using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NanoLsp.Driver;

/// <summary>What demo and bench share: open a folder, find its C# files, and pick interesting caret positions.</summary>
public static partial class Workbench
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", "node_modules"];

    /// <summary>Replaces columns <paramref name="from"/>..<paramref name="to"/> of one line, as an editor's incremental didChange.</summary>
    public static Task ReplaceAsync(LspClient client, string uri, int version, int line, int from, int to, string text) =>
        client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = Position(line, from), ["end"] = Position(line, to) },
                ["text"] = text,
            }),
        });

    public static List<string> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => Skipped.Contains(part)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Zero-based (line, character) of each match's group 1 end (after the dot) in the text.</summary>
    public static List<(int Line, int Character)> MemberAccessPositions(string text) =>
        MemberAccess().Matches(text)
            .Where(m => !IsUsingOrNamespaceLine(text, m.Index))
            .Select(m => ToPosition(text, m.Index + m.Length))
            .ToList();

    /// <summary>The first character of each statement line that starts with a name (`item.Add(units);`, `var x = ...;`):
    /// where an editor asks for a list as a word starts, and where Roslyn offers every type of every namespace.</summary>
    public static List<(int Line, int Character)> StatementStartPositions(string text)
    {
        var positions = new List<(int, int)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && char.IsLetter(trimmed[0]) && trimmed.EndsWith(';') && line.Length - trimmed.Length >= 8
                && !trimmed.StartsWith("using ", StringComparison.Ordinal) && !trimmed.StartsWith("namespace ", StringComparison.Ordinal))
                positions.Add((i, line.Length - trimmed.Length));
        }
        return positions;
    }

    /// <summary>Dotted names in using and namespace lines are namespaces, not member accesses.</summary>
    private static bool IsUsingOrNamespaceLine(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var line = text.AsSpan(lineStart, index - lineStart).TrimStart();
        return line.StartsWith("using ") || line.StartsWith("namespace ") || line.StartsWith("global using ");
    }

    /// <summary>Positions inside identifiers that look like type or member names (for hover).</summary>
    public static List<(int Line, int Character)> IdentifierPositions(string text) =>
        PascalIdentifier().Matches(text)
            .Where(m => !IsUsingOrNamespaceLine(text, m.Index) && !IsCommentLine(text, m.Index))
            .Select(m => ToPosition(text, m.Index + 1))
            .ToList();

    private static bool IsCommentLine(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.AsSpan(lineStart, index - lineStart).TrimStart().StartsWith("//");
    }

    public static (int Line, int Character) ToPosition(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject TextDocumentPosition(string path, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(path) },
        ["position"] = Position(line, character),
    };

    /// <summary>Hover contents as plain text, whichever of the LSP shapes the server used.</summary>
    public static string HoverText(JsonElement hover)
    {
        if (hover.ValueKind != JsonValueKind.Object || !hover.TryGetProperty("contents", out var contents))
            return "(no hover)";
        return contents.ValueKind switch
        {
            JsonValueKind.String => contents.GetString()!,
            JsonValueKind.Object => contents.GetProperty("value").GetString()!,
            JsonValueKind.Array => string.Join("\n", contents.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetProperty("value").GetString())),
            _ => "(no hover)",
        };
    }

    /// <summary>Completion items from a CompletionList or a bare array.</summary>
    public static List<JsonElement> CompletionItems(JsonElement result) => result.ValueKind switch
    {
        JsonValueKind.Array => result.EnumerateArray().ToList(),
        JsonValueKind.Object when result.TryGetProperty("items", out var items) => items.EnumerateArray().ToList(),
        _ => [],
    };

    /// <summary>Whether a completion list came with the model's stars (its ranking was ready when it went out).</summary>
    public static bool Starred(JsonElement result) =>
        CompletionItems(result).Any(i => i.TryGetProperty("labelDetails", out var details)
            && details.TryGetProperty("description", out var mark) && mark.GetString() == "\u2605");

    [GeneratedRegex(@"\b[A-Za-z_]\w*\.(?=[A-Za-z_])")]
    private static partial Regex MemberAccess();

    [GeneratedRegex(@"(?<![\w""])[A-Z][A-Za-z0-9]{2,}\b")]
    private static partial Regex PascalIdentifier();

    /// <summary>The nearest-rank percentile (0 for none).</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
