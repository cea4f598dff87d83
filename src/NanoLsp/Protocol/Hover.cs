using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

public sealed record HoverParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position) : ITextDocumentPositionParams;

public sealed record Hover(
    [property: JsonPropertyName("contents")] MarkupContent Contents,
    [property: JsonPropertyName("range")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Range? Range = null);
