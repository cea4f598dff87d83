using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

public sealed record CompletionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position,
    [property: JsonPropertyName("context")] CompletionContext? Context = null) : ITextDocumentPositionParams;

public sealed record CompletionContext(
    [property: JsonPropertyName("triggerKind")] int TriggerKind,
    [property: JsonPropertyName("triggerCharacter")] string? TriggerCharacter = null);

public static class CompletionTriggerKinds
{
    public const int Invoked = 1;
    public const int TriggerCharacter = 2;
    public const int TriggerForIncompleteCompletions = 3;
}

public sealed record CompletionList(
    [property: JsonPropertyName("isIncomplete")] bool IsIncomplete,
    [property: JsonPropertyName("items")] IReadOnlyList<CompletionItem> Items)
{
    /// <summary>What items leave out (LSP 3.17), for clients that take it: see <see cref="CompletionItemDefaults"/>.</summary>
    [JsonPropertyName("itemDefaults")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionItemDefaults? ItemDefaults { get; init; }
}

/// <summary>
/// CompletionList.itemDefaults (LSP 3.17): the edit range, the data and the commit characters every item shares, sent once instead of with
/// each of a statement start's 1,000 items (about two thirds of the list's JSON). An item without a textEdit inserts
/// its <see cref="CompletionItem.TextEditText"/> (else its label) over the default range; an item without data gets the
/// default's.
/// </summary>
public sealed record CompletionItemDefaults
{
    [JsonPropertyName("editRange")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Range? EditRange { get; init; }
    [JsonPropertyName("data")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CompletionItemData? Data { get; init; }
    [JsonPropertyName("commitCharacters")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? CommitCharacters { get; init; }
}

public sealed record CompletionItem
{
    [JsonPropertyName("label")] public required string Label { get; init; }
    [JsonPropertyName("labelDetails")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CompletionItemLabelDetails? LabelDetails { get; init; }
    [JsonPropertyName("kind")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Kind { get; init; }
    [JsonPropertyName("detail")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Detail { get; init; }
    [JsonPropertyName("documentation")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MarkupContent? Documentation { get; init; }
    [JsonPropertyName("sortText")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SortText { get; init; }
    [JsonPropertyName("filterText")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FilterText { get; init; }
    [JsonPropertyName("preselect")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Preselect { get; init; }
    [JsonPropertyName("textEdit")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TextEdit? TextEdit { get; init; }
    [JsonPropertyName("textEditText")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TextEditText { get; init; }
    [JsonPropertyName("additionalTextEdits")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TextEdit>? AdditionalTextEdits { get; init; }
    [JsonPropertyName("commitCharacters")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? CommitCharacters { get; init; }
    [JsonPropertyName("data")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CompletionItemData? Data { get; init; }
}

/// <summary>CompletionItemLabelDetails (LSP 3.17): shown beside the label, less prominently (the model's star).</summary>
public sealed record CompletionItemLabelDetails(
    [property: JsonPropertyName("description")] [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null);

/// <summary>Lets completionItem/resolve find the item again: the list it came from and its place in it (no place when
/// the list's default data stands in for the item's: the item is then found by what the client shows of it).</summary>
public sealed record CompletionItemData(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("position")] Position Position,
    [property: JsonPropertyName("resultId")] long ResultId,
    [property: JsonPropertyName("index")] [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index = null);

/// <summary>LSP CompletionItemKind values.</summary>
public static class CompletionItemKinds
{
    public const int Text = 1, Method = 2, Function = 3, Constructor = 4, Field = 5, Variable = 6, Class = 7,
        Interface = 8, Module = 9, Property = 10, Unit = 11, Value = 12, Enum = 13, Keyword = 14, Snippet = 15,
        Color = 16, File = 17, Reference = 18, Folder = 19, EnumMember = 20, Constant = 21, Struct = 22,
        Event = 23, Operator = 24, TypeParameter = 25;
}
