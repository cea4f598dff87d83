using System.Text.Json;

namespace NanoLsp.Workspace;

/// <summary>The SDK a global.json asks for (sdk.version, sdk.rollForward) and the file that asks.</summary>
public sealed record SdkPin(string GlobalJsonPath, string Version, string RollForward)
{
    /// <summary>The nearest global.json at or above the folder that names an SDK version, as `dotnet` finds it.</summary>
    public static SdkPin? Find(string folder)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(folder)); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "global.json");
            if (!File.Exists(path))
                continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.TryGetProperty("sdk", out var sdk) && sdk.ValueKind == JsonValueKind.Object
                    && sdk.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String)
                {
                    var rollForward = sdk.TryGetProperty("rollForward", out var roll) && roll.ValueKind == JsonValueKind.String ? roll.GetString()! : "latestPatch";
                    return new SdkPin(path, version.GetString()!, rollForward);
                }
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // hostfxr stops at the first global.json too; an unreadable one pins nothing we can honour.
            }
            return null;
        }
        return null;
    }

    /// <summary>
    /// The installed SDK to use instead of a missing pinned one: the newest of the pinned major version
    /// (what rollForward latestMinor would take), else the newest installed.
    /// </summary>
    public static Version? ChooseFallback(string pinned, IEnumerable<Version> installed)
    {
        var all = installed.OrderDescending().ToList();
        if (all.Count == 0)
            return null;
        var major = System.Version.TryParse(pinned.Split('-')[0], out var wanted) ? wanted.Major : -1;
        return all.FirstOrDefault(v => v.Major == major) ?? all[0];
    }
}
