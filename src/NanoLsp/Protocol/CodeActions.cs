using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

public sealed record CodeActionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("context")] CodeActionContext? Context = null) : ITextDocumentParams;

public sealed record CodeActionContext(
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<JsonElement>? Diagnostics = null,
    [property: JsonPropertyName("only")] IReadOnlyList<string>? Only = null,
    [property: JsonPropertyName("triggerKind")] int? TriggerKind = null);

/// <summary>CodeActionTriggerKind (LSP 3.17): the user asked, or the editor asked on its own (the lightbulb).</summary>
public static class CodeActionTriggerKinds
{
    public const int Invoked = 1;
    public const int Automatic = 2;
}

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string Refactor = "refactor";
    public const string RefactorExtract = "refactor.extract";
    public const string RefactorInline = "refactor.inline";
    public const string RefactorRewrite = "refactor.rewrite";
    public const string Source = "source";
    public const string SourceOrganizeImports = "source.organizeImports";
}

/// <summary>A code action as listed: no edit yet; <see cref="Data"/> lets codeAction/resolve recompute it.</summary>
public sealed record CodeAction(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("data")] CodeActionData? Data = null,
    [property: JsonPropertyName("isPreferred")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    bool IsPreferred = false,
    [property: JsonPropertyName("edit")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    ResourceWorkspaceEdit? Edit = null);

/// <summary>What resolve needs to find the same action again: the document and range, the provider, and the action's place in its list.</summary>
public sealed record CodeActionData(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("range")] Range Range,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("title")] string Title);

/// <summary>
/// A WorkspaceEdit whose documentChanges may mix text edits with file operations (LSP's
/// TextDocumentEdit | CreateFile | RenameFile | DeleteFile union); entries are serialised by
/// their runtime type.
/// </summary>
public sealed record ResourceWorkspaceEdit(
    [property: JsonPropertyName("changes")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes = null,
    [property: JsonPropertyName("documentChanges")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<object>? DocumentChanges = null);

public sealed record CreateFile(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("options")] CreateFileOptions? Options = null)
{
    [JsonPropertyName("kind")]
    public string Kind => "create";
}

public sealed record CreateFileOptions(
    [property: JsonPropertyName("overwrite")] bool Overwrite = false,
    [property: JsonPropertyName("ignoreIfExists")] bool IgnoreIfExists = false);

public sealed record DeleteFile(
    [property: JsonPropertyName("uri")] string Uri)
{
    [JsonPropertyName("kind")]
    public string Kind => "delete";
}
