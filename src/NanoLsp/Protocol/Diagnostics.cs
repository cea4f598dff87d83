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

public sealed record PublishDiagnosticsParams(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    int? Version,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<Diagnostic> Diagnostics);

/// <summary><paramref name="Identifier"/>: the provider's, as it registered (DiagnosticRegistrationOptions); none for the
/// one declared in the initialize answer.</summary>
public sealed record DocumentDiagnosticParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("previousResultId")] string? PreviousResultId = null,
    [property: JsonPropertyName("identifier")] string? Identifier = null) : ITextDocumentParams;

/// <summary>A "full" report; "unchanged" is answered when the previous result id still matches.</summary>
public sealed record DocumentDiagnosticReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("resultId")] string ResultId,
    [property: JsonPropertyName("items")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Diagnostic>? Items);
