using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>The server on the fixture with a .csproj (MSBuildWorkspace).</summary>
public sealed class FeatureServerFixture() : FeatureServer("ProjectFixture");

/// <summary>The server on the loose-file folder (no project: served through a generated one).</summary>
public sealed class LooseFilesServerFixture() : FeatureServer("LooseFiles");

/// <summary>The server on the project fixture for a client like Eglot 1.9: no codeAction/resolve, plain workspace edits.</summary>
public sealed class NoResolveServerFixture() : FeatureServer("ProjectFixture")
{
    protected override void Configure(JsonObject capabilities)
    {
        capabilities["textDocument"]!.AsObject().Remove("codeAction");
        capabilities["workspace"]!.AsObject().Remove("workspaceEdit");
    }
}

/// <summary>The server on the project fixture for a client that takes completion lists' item defaults (LSP 3.17), as
/// VS Code's language client 11 does.</summary>
public sealed class ItemDefaultsServerFixture() : FeatureServer("ProjectFixture")
{
    protected override void Configure(JsonObject capabilities)
    {
        var completion = capabilities["textDocument"]!["completion"]!.AsObject();
        completion["completionItem"]!["commitCharactersSupport"] = true;
        completion["completionList"] = new JsonObject { ["itemDefaults"] = new JsonArray("commitCharacters", "editRange", "insertTextFormat", "data") };
    }
}

/// <summary>
/// The real NanoLsp process over stdio (the Driver's LspClient), opened on a scratch copy of a
/// fixture folder and shared by the tests of one class: one workspace load, one MEF composition.
/// The client declares versioned document changes and file creation, as VS Code does.
/// </summary>
public abstract class FeatureServer(string fixtureName) : IAsyncLifetime
{
    private readonly HashSet<string> _opened = [];

    public LspClient Client { get; private set; } = null!;
    public string Folder { get; } = Fixtures.Copy(fixtureName);
    public JsonElement Initialize { get; private set; }

    public string Uri(string file) => LspClient.ToUri(Path.Combine(Folder, file));
    public string ReadFixture(string file) => File.ReadAllText(Path.Combine(Folder, file));

    public async Task InitializeAsync()
    {
        Client = LspClient.Start();
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["workspace"]!["workspaceEdit"] = new JsonObject
        {
            ["documentChanges"] = true,
            ["resourceOperations"] = new JsonArray("create", "rename", "delete"),
        };
        Configure(capabilities);
        Initialize = await Client.InitializeAsync(Folder, capabilities);
        // The features are tested on the loaded workspace; the provisional solution served before has its own tests.
        await Client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
    }

    /// <summary>A fixture for another kind of client changes the capabilities it declares here.</summary>
    protected virtual void Configure(JsonObject capabilities)
    {
    }

    /// <summary>Opens a fixture file once (its text as on disk) and waits until its diagnostics arrive: the workspace has it.</summary>
    public async Task<string> OpenAsync(string file)
    {
        var path = Path.Combine(Folder, file);
        lock (_opened)
        {
            if (!_opened.Add(file))
                return File.ReadAllText(path);
        }
        await Client.OpenAsync(path);
        await Lsp.DiagnosticsAsync(Client, path);
        return File.ReadAllText(path);
    }

    public Task<JsonElement> RequestAsync(string method, object parameters) =>
        Client.RequestAsync(method, parameters as JsonNode ?? JsonSerializer.SerializeToNode(parameters));

    public async Task DisposeAsync()
    {
        if (!Client.HasExited)
            await Client.ShutdownAsync();
        await Client.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in /tmp is harmless.
        }
    }
}
