using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

// LSP diagnostic types (publish, pull and the code-action context all carry them).

public enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

public enum DiagnosticTag
{
    Unnecessary = 1,
    Deprecated = 2,
}

public sealed record CodeDescription(
    [property: JsonPropertyName("href")] string Href);

public sealed record Diagnostic(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("severity")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    DiagnosticSeverity? Severity = null,
    [property: JsonPropertyName("code")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Code = null,
    [property: JsonPropertyName("codeDescription")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    CodeDescription? CodeDescription = null,
    [property: JsonPropertyName("source")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Source = null,
    [property: JsonPropertyName("tags")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<DiagnosticTag>? Tags = null);
