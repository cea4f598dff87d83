using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using StreamJsonRpc;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>The server on the fixture with a .csproj (MSBuildWorkspace).</summary>
public sealed class FeatureServerFixture() : FeatureServer("ProjectFixture");

/// <summary>The server on the loose-file folder (no project: served through a generated one).</summary>
public sealed class LooseFilesServerFixture() : FeatureServer("LooseFiles");

/// <summary>
/// The real NanoLsp process over stdio, opened on a private copy of a folder under tests/fixtures,
/// shared by the tests of one class (one workspace load, one MEF composition). It answers the
/// server's own requests the way a plain client does and collects published diagnostics.
/// </summary>
public abstract class FeatureServer(string fixtureName) : IAsyncLifetime
{
    private Process? _process;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _diagnostics = new();

    public JsonRpc Rpc { get; private set; } = null!;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "nanolsp-features-e2e", Guid.NewGuid().ToString("N"));
    public string Uri(string file) => new Uri(Path.Combine(Root, fixtureName, file)).AbsoluteUri;
    public string ReadFixture(string file) => File.ReadAllText(Path.Combine(Root, fixtureName, file));

    public async Task InitializeAsync()
    {
        var repo = RepositoryRoot();
        CopyFixture(Path.Combine(repo, "tests", "fixtures"), fixtureName, Root);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var server = Path.Combine(repo, "src", "NanoLsp", "bin", configuration, "net10.0", "NanoLsp.dll");
        var start = new ProcessStartInfo("dotnet", [server, "--stdio"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start NanoLsp.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();

        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(_process.StandardInput.BaseStream, _process.StandardOutput.BaseStream, formatter));
        Rpc.AddLocalRpcTarget(new ClientSide(this));
        Rpc.StartListening();

        var folder = new Uri(Path.Combine(Root, fixtureName)).AbsoluteUri;
        Capabilities = await Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = folder,
            workspaceFolders = new[] { new { uri = folder, name = fixtureName } },
            capabilities = new
            {
                workspace = new { workspaceEdit = new { documentChanges = true, resourceOperations = new[] { "create", "rename", "delete" } } },
                textDocument = new { hover = new { contentFormat = new[] { "markdown" } } },
            },
        });
        await Rpc.NotifyWithParameterObjectAsync("initialized", new { });
    }

    public JsonElement Capabilities { get; private set; }

    /// <summary>Opens a document with the given text and waits until its first diagnostics arrive (the workspace has it).</summary>
    public async Task<JsonElement> OpenAsync(string file, string text, TimeSpan? timeout = null)
    {
        var uri = Uri(file);
        var published = _diagnostics.GetOrAdd(uri, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        return await published.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>What the client answers and receives: diagnostics are recorded, progress and registrations accepted.</summary>
    private sealed class ClientSide(FeatureServer fixture)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement notification) => fixture.OnDiagnostics(notification);

        [JsonRpcMethod("window/workDoneProgress/create", UseSingleObjectParameterDeserialization = true)]
        public object? CreateProgress(JsonElement request) => null;

        [JsonRpcMethod("client/registerCapability", UseSingleObjectParameterDeserialization = true)]
        public object? RegisterCapability(JsonElement request) => null;
    }

    private void OnDiagnostics(JsonElement notification)
    {
        var uri = notification.GetProperty("uri").GetString()!;
        _diagnostics.GetOrAdd(uri, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(notification);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Rpc.InvokeAsync<JsonElement?>("shutdown").WaitAsync(TimeSpan.FromSeconds(10));
            await Rpc.NotifyAsync("exit");
            await _process!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception) when (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            Rpc.Dispose();
            _process?.Dispose();
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoLsp.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("NanoLsp.sln not found above the test binaries.");
    }

    // The fixture project and the props that keep the repository's build settings away from it;
    // a private copy so restore output and parallel test classes never collide.
    private static void CopyFixture(string fixtures, string fixtureName, string target)
    {
        Directory.CreateDirectory(Path.Combine(target, fixtureName));
        foreach (var props in Directory.GetFiles(fixtures, "Directory.*.props"))
            File.Copy(props, Path.Combine(target, Path.GetFileName(props)));
        foreach (var file in Directory.GetFiles(Path.Combine(fixtures, fixtureName)))
            File.Copy(file, Path.Combine(target, fixtureName, Path.GetFileName(file)));
    }
}
