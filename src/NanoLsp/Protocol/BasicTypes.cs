using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

// The LSP base structures every area uses. No LSP types package is served here, so the
// types are ours: only what NanoLsp uses, System.Text.Json, camelCase on the wire.

/// <summary>Zero-based line and UTF-16 character offset, as LSP defines it.</summary>
public sealed record Position(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character);

public sealed record Range(
    [property: JsonPropertyName("start")] Position Start,
    [property: JsonPropertyName("end")] Position End);

public sealed record Location(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("range")] Range Range);

public sealed record TextDocumentIdentifier(
    [property: JsonPropertyName("uri")] string Uri);

public sealed record VersionedTextDocumentIdentifier(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] int Version);

public sealed record TextEdit(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("newText")] string NewText);

public sealed record MarkupContent(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
    public static MarkupContent PlainText(string value) => new("plaintext", value);
}

/// <summary>Params of every request that names a document (the request queue resolves the Roslyn document from it).</summary>
public interface ITextDocumentParams
{
    TextDocumentIdentifier TextDocument { get; }
}

/// <summary>Params of every request that names a document and a caret position.</summary>
public interface ITextDocumentPositionParams : ITextDocumentParams
{
    Position Position { get; }
}

public sealed record TextDocumentPositionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position) : ITextDocumentPositionParams;

public sealed record WorkspaceEdit(
    [property: JsonPropertyName("changes")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes = null,
    [property: JsonPropertyName("documentChanges")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<TextDocumentEdit>? DocumentChanges = null);

public sealed record TextDocumentEdit(
    [property: JsonPropertyName("textDocument")] OptionalVersionedTextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("edits")] IReadOnlyList<TextEdit> Edits);

public sealed record OptionalVersionedTextDocumentIdentifier(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("version")] int? Version);
