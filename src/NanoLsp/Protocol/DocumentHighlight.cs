using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

public sealed record DocumentHighlightParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position) : ITextDocumentPositionParams;

/// <summary>A place of the symbol under the caret, and how it is used there (<see cref="DocumentHighlightKinds"/>).</summary>
public sealed record DocumentHighlight(
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("kind")] int Kind);

public static class DocumentHighlightKinds
{
    /// <summary>Neither read nor written: a declaration, a type named.</summary>
    public const int Text = 1;
    public const int Read = 2;
    public const int Write = 3;
}
