using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// End-to-end tests start the real server process (dotnet NanoLsp.dll --stdio). They run one at a
/// time: each server loads a project with MSBuild, and the fixtures are restored in place.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcessCollection
{
    public const string Name = "Server process";
}

internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(ServerLocator.RepositoryRoot(), "tests", "fixtures", name);

    /// <summary>A scratch copy of a fixture (without build output), for tests that change files on disk.</summary>
    public static string Copy(string name)
    {
        var target = ScratchFolder.PathFor(name);
        var source = Path(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
                continue;
            var destination = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        // The fixtures' Directory.Build.props keeps the repository's build settings out; the copy needs its own.
        File.WriteAllText(System.IO.Path.Combine(target, "Directory.Build.props"), "<Project />");
        File.WriteAllText(System.IO.Path.Combine(target, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        return target;
    }
}

internal static class Lsp
{
    public static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Waits for a publishDiagnostics for the file that satisfies the condition; returns its diagnostics.</summary>
    public static async Task<List<JsonElement>> DiagnosticsAsync(LspClient client, string path, Func<List<JsonElement>, bool>? condition = null)
    {
        var uri = LspClient.ToUri(path);
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == uri && (condition is null || condition(p.GetProperty("diagnostics").EnumerateArray().ToList())),
            LoadTimeout);
        return published.GetProperty("diagnostics").EnumerateArray().ToList();
    }

    public static string Code(JsonElement diagnostic) => diagnostic.GetProperty("code").GetString()!;

    /// <summary>A hover just inside the first occurrence of <paramref name="near"/> in the file as it is on disk.</summary>
    public static async Task<JsonElement> HoverAsync(LspClient client, string path, string near)
    {
        var text = File.ReadAllText(path);
        var at = Workbench.ToPosition(text, text.IndexOf(near, StringComparison.Ordinal) + 1);
        return await client.RequestAsync("textDocument/hover", Workbench.TextDocumentPosition(path, at.Line, at.Character)).WaitAsync(LoadTimeout);
    }

    /// <summary>workspace/didChangeWatchedFiles for one file (1 created, 2 changed, 3 deleted).</summary>
    public static Task FileChangedOnDiskAsync(LspClient client, string path, int type = 2) =>
        client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.ToUri(path), ["type"] = type }),
        });

    public static IEnumerable<string> Codes(IEnumerable<JsonElement> diagnostics) => diagnostics.Select(Code);
}
