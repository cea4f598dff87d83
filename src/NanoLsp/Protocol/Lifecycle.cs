using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

// initialize / initialized / shutdown and the capability structures they carry.

public sealed record WorkspaceFolder(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("name")] string? Name);

public sealed record InitializeParams
{
    [JsonPropertyName("processId")] public int? ProcessId { get; init; }
    [JsonPropertyName("rootUri")] public string? RootUri { get; init; }
    [JsonPropertyName("rootPath")] public string? RootPath { get; init; }
    [JsonPropertyName("workspaceFolders")] public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }
    [JsonPropertyName("initializationOptions")] public JsonElement? InitializationOptions { get; init; }

    /// <summary>Kept as raw JSON: clients send large, sparse trees and each feature asks for its own bits.</summary>
    [JsonPropertyName("capabilities")] public JsonElement? Capabilities { get; init; }
}

public sealed record ServerInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record InitializeResult(
    [property: JsonPropertyName("capabilities")] ServerCapabilities Capabilities,
    [property: JsonPropertyName("serverInfo")] ServerInfo ServerInfo);

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}

public sealed record SaveOptions([property: JsonPropertyName("includeText")] bool IncludeText);

public sealed record TextDocumentSyncOptions(
    [property: JsonPropertyName("openClose")] bool OpenClose,
    [property: JsonPropertyName("change")] int Change,
    [property: JsonPropertyName("save")] SaveOptions Save);

public sealed record DiagnosticOptions(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("interFileDependencies")] bool InterFileDependencies,
    [property: JsonPropertyName("workspaceDiagnostics")] bool WorkspaceDiagnostics);

/// <summary>
/// What the server offers. Filled only by <c>ServerCapabilitiesBuilder</c> and the
/// <c>ICapabilityProvider</c>s; feature-owned options are typed <see cref="object"/> so an area can
/// put its own option record here without this file knowing the type (serialised by runtime type).
/// </summary>
public sealed class ServerCapabilities
{
    [JsonPropertyName("positionEncoding")] public string PositionEncoding { get; set; } = "utf-16";
    [JsonPropertyName("textDocumentSync")] public TextDocumentSyncOptions? TextDocumentSync { get; set; }
    [JsonPropertyName("diagnosticProvider")] public DiagnosticOptions? DiagnosticProvider { get; set; }
    [JsonPropertyName("hoverProvider")] public object? HoverProvider { get; set; }
    [JsonPropertyName("documentHighlightProvider")] public object? DocumentHighlightProvider { get; set; }
    [JsonPropertyName("completionProvider")] public object? CompletionProvider { get; set; }
    [JsonPropertyName("codeActionProvider")] public object? CodeActionProvider { get; set; }
    [JsonPropertyName("inlineCompletionProvider")] public object? InlineCompletionProvider { get; set; }
    [JsonPropertyName("workspace")] public WorkspaceServerCapabilities? Workspace { get; set; }

    /// <summary>Anything else a provider adds (e.g. signatureHelpProvider), by its LSP name.</summary>
    [JsonExtensionData] public Dictionary<string, object?> Other { get; } = new();
}

public sealed record WorkspaceServerCapabilities(
    [property: JsonPropertyName("workspaceFolders")] WorkspaceFoldersServerCapabilities WorkspaceFolders);

public sealed record WorkspaceFoldersServerCapabilities(
    [property: JsonPropertyName("supported")] bool Supported,
    [property: JsonPropertyName("changeNotifications")] bool ChangeNotifications);

public sealed record WorkspaceFoldersChangeEvent(
    [property: JsonPropertyName("added")] IReadOnlyList<WorkspaceFolder> Added,
    [property: JsonPropertyName("removed")] IReadOnlyList<WorkspaceFolder> Removed);

public sealed record DidChangeWorkspaceFoldersParams(
    [property: JsonPropertyName("event")] WorkspaceFoldersChangeEvent Event);

/// <summary>A pull diagnostics provider registered after initialize; the client sends its identifier with each pull.
/// No document selector (null): the client's own applies.</summary>
public sealed record DiagnosticRegistrationOptions(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("interFileDependencies")] bool InterFileDependencies,
    [property: JsonPropertyName("workspaceDiagnostics")] bool WorkspaceDiagnostics)
{
    [JsonPropertyName("documentSelector")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? DocumentSelector => null;
}

public sealed record Registration(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("registerOptions")] object? RegisterOptions);

public sealed record RegistrationParams(
    [property: JsonPropertyName("registrations")] IReadOnlyList<Registration> Registrations);

public sealed record FileSystemWatcher(
    [property: JsonPropertyName("globPattern")] string GlobPattern);

public sealed record DidChangeWatchedFilesRegistrationOptions(
    [property: JsonPropertyName("watchers")] IReadOnlyList<FileSystemWatcher> Watchers);

/// <summary>Params of requests that carry none (shutdown); clients send null or omit them.</summary>
public sealed record NoParams;
