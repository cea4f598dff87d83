using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

// LSP 3.18 inline completion (textDocument/inlineCompletion, and the same shape as
// nanolsp/inlineCompletion for older clients), plus NanoLsp's nanolsp/modelStatus notification.

public sealed record InlineCompletionParams(
    [property: JsonPropertyName("textDocument")] TextDocumentIdentifier TextDocument,
    [property: JsonPropertyName("position")] Position Position,
    [property: JsonPropertyName("context")] InlineCompletionContext? Context = null) : ITextDocumentPositionParams;

public sealed record InlineCompletionContext(
    [property: JsonPropertyName("triggerKind")] int TriggerKind);

public static class InlineCompletionTriggerKinds
{
    /// <summary>The user asked (a keyboard shortcut): up to three alternatives, a longer deadline.</summary>
    public const int Invoked = 1;
    /// <summary>Typing: one suggestion within the automatic deadline.</summary>
    public const int Automatic = 2;
}

public sealed record InlineCompletionList(
    [property: JsonPropertyName("items")] IReadOnlyList<InlineCompletionItem> Items)
{
    public static InlineCompletionList Empty { get; } = new([]);
}

public sealed record InlineCompletionItem(
    [property: JsonPropertyName("insertText")] string InsertText,
    [property: JsonPropertyName("range")] Range? Range = null,
    [property: JsonPropertyName("filterText")] string? FilterText = null);

/// <summary>The inlineCompletionProvider capability (an empty options object).</summary>
public sealed record InlineCompletionProviderOptions;

public static class ModelStates
{
    public const string Loading = "loading";
    public const string Ready = "ready";
    public const string Missing = "missing";
    public const string Error = "error";
}

/// <summary>
/// nanolsp/modelStatus: sent when the model's state changes and after every inline completion
/// (then with that completion's figures, which the typing benchmark and the status bar read).
/// </summary>
public sealed record ModelStatusParams(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("lastLatencyMs")] double? LastLatencyMs = null,
    [property: JsonPropertyName("lastCompletion")] CompletionReport? LastCompletion = null);

/// <summary>How the last inline completion was answered (docs/protocol.md, nanolsp/modelStatus).</summary>
public sealed record CompletionReport(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("promptTokens")] int PromptTokens,
    [property: JsonPropertyName("reusedPromptTokens")] int ReusedPromptTokens,
    [property: JsonPropertyName("generatedTokens")] int GeneratedTokens,
    [property: JsonPropertyName("stopReason")] string? StopReason,
    [property: JsonPropertyName("verdict")] string? Verdict,
    [property: JsonPropertyName("monitorSteps")] int MonitorSteps,
    [property: JsonPropertyName("monitorArgmaxChanges")] int MonitorArgmaxChanges,
    [property: JsonPropertyName("rawCompletion")] string? RawCompletion,
    [property: JsonPropertyName("stageMs")] IReadOnlyDictionary<string, double>? StageMs = null)
{
    /// <summary>Which of nanolsp.backends answered ("local" for the nano model); absent when no backend did (typing along, cancelled, late).</summary>
    [JsonPropertyName("backend"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Backend { get; init; }
}
