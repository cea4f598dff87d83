using System.Text.Json;

namespace NanoLsp.Server;

/// <summary>
/// The client's capabilities from initialize, kept as JSON: each feature asks for the path it cares
/// about, e.g. <c>Supports("textDocument", "diagnostic")</c>, instead of this file mirroring the
/// whole (large, sparse) LSP structure.
/// </summary>
public sealed class ClientCapabilities(JsonElement? root)
{
    public static ClientCapabilities None { get; } = new(null);

    public JsonElement? Get(params string[] path)
    {
        if (root is not { ValueKind: JsonValueKind.Object } current)
            return null;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current;
    }

    /// <summary>True when the path is there and is <c>true</c> or an object (a capability section).</summary>
    public bool Supports(params string[] path) =>
        Get(path) is { } e && (e.ValueKind == JsonValueKind.True || e.ValueKind == JsonValueKind.Object);

    private IReadOnlySet<string>? _completionItemDefaults;

    /// <summary>The list's item defaults the client applies (textDocument.completion.completionList.itemDefaults:
    /// "editRange", "data", ...); empty when it names none. Read once: every completion request asks.</summary>
    public IReadOnlySet<string> CompletionItemDefaults => _completionItemDefaults ??=
        Get("textDocument", "completion", "completionList", "itemDefaults") is { ValueKind: JsonValueKind.Array } names
            ? names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    public bool SupportsPullDiagnostics => Supports("textDocument", "diagnostic");
    public bool SupportsPullDiagnosticsRegistration => Supports("textDocument", "diagnostic", "dynamicRegistration");
    public bool SupportsWorkDoneProgress => Supports("window", "workDoneProgress");
    public bool SupportsWatchedFilesRegistration => Supports("workspace", "didChangeWatchedFiles", "dynamicRegistration");
}
