using System.Text.Json;
using System.Text.Json.Serialization;
using NanoLsp.Model;

namespace NanoLsp.Eval;

/// <summary>One case of the evaluation contract (docs/architecture.md), as the eval commands read it.</summary>
internal sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("workspace")] string Workspace,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expected")] string? Expected);

internal static class EvalCases
{
    /// <summary>The cases of a JSON-lines file, blank lines skipped.</summary>
    /// <exception cref="JsonException">A line is not a case.</exception>
    public static IEnumerable<EvalCase> Read(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0)
            .Select((line, n) => JsonSerializer.Deserialize<EvalCase>(line) ?? throw new JsonException($"line {n + 1} is null"));

    /// <summary>The model an eval command runs (the shipped one unless a folder is named); null, with the reason, when
    /// there is none.</summary>
    public static LanguageModel? LoadModel(string? modelDir, out string? problem)
    {
        try
        {
            problem = null;
            return LanguageModel.Load(ModelLocator.Locate(modelDir));
        }
        catch (ModelException e)
        {
            problem = $"no model: {e.Message}";
            return null;
        }
    }
}
