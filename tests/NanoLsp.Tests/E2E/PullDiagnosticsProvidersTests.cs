using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>
/// Pull diagnostics as two providers where the client registers them (VS Code): the compiler's report does not wait
/// for the analyzers'. Any other pull client gets both in one report. The real server over stdio, on a project whose
/// SDK analyzers (CA2200 here) run once it is loaded.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class PullDiagnosticsProvidersTests
{
    private const string Source = """
        namespace ProjectFixture;

        public class Rethrow
        {
            public static int Broken() => Missing;

            public static void Run(System.Action action)
            {
                try { action(); }
                catch (System.Exception e) { throw e; }
            }
        }
        """;

    [Fact]
    public async Task ClientThatRegistersProvidersGetsCompilerAndAnalyzerDiagnosticsApart()
    {
        await using var client = LspClient.Start();
        var (file, initialized) = await InitializeAsync(client, registers: true);
        Assert.False(initialized.GetProperty("capabilities").TryGetProperty("diagnosticProvider", out _));
        var registration = await client.WaitForNotificationAsync("client/registerCapability", r => Pulls(r).Any());
        var identifiers = Pulls(registration).Select(r => r.GetProperty("registerOptions").GetProperty("identifier").GetString()).ToList();
        Assert.Equal(["nanolsp-compiler", "nanolsp-analyzers"], identifiers);

        await client.OpenAsync(file);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        var compiler = await PullAsync(client, file, identifiers[0]);
        var analyzers = await PullAsync(client, file, identifiers[1]);
        Assert.Equal(["CS0103"], Lsp.Codes(compiler));
        Assert.All(compiler, d => Assert.Equal("csharp", d.GetProperty("source").GetString()));
        Assert.Contains("CA2200", Lsp.Codes(analyzers));
        Assert.All(analyzers, d => Assert.Equal("csharp-analyzer", d.GetProperty("source").GetString()));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ClientWithoutRegistrationsGetsBothInOneReport()
    {
        await using var client = LspClient.Start();
        var (file, initialized) = await InitializeAsync(client, registers: false);
        Assert.Equal("nanolsp", initialized.GetProperty("capabilities").GetProperty("diagnosticProvider").GetProperty("identifier").GetString());

        await client.OpenAsync(file);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        var codes = Lsp.Codes(await PullAsync(client, file, identifier: null)).ToList();
        Assert.Contains("CS0103", codes);
        Assert.Contains("CA2200", codes);
        Assert.DoesNotContain(client.Messages, m => m.GetProperty("method").GetString() == "client/registerCapability"
            && Pulls(m.GetProperty("params")).Any());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    /// <summary>A scratch copy of the project with the file, opened by a client that does or does not register pull
    /// providers; the file and the initialize answer.</summary>
    private static async Task<(string File, JsonElement Initialized)> InitializeAsync(LspClient client, bool registers, JsonNode? settings = null)
    {
        var folder = Fixtures.Copy("ProjectFixture");
        var file = Path.Combine(folder, "Rethrow.cs");
        File.WriteAllText(file, Source);
        var capabilities = LspClient.DefaultCapabilities();
        capabilities["textDocument"]!["diagnostic"] = new JsonObject { ["dynamicRegistration"] = registers };
        return (file, await client.InitializeAsync(folder, capabilities, settings));
    }

    [Fact]
    public async Task TheAnalyzersReportWaitsTheDebounceSoThatAPullCancelledByTheNextChangeRunsNothing()
    {
        await using var client = LspClient.Start();
        var (file, _) = await InitializeAsync(client, registers: true,
            JsonNode.Parse("""{"nanolsp":{"diagnostics":{"debounceMs":10000}}}"""));
        await client.OpenAsync(file);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        // Both reports computed once without the wait (a pull without an identifier): the analyzers are loaded and warm.
        Assert.Contains("CA2200", Lsp.Codes(await PullAsync(client, file, identifier: null)));

        Assert.Equal(["CS0103"], Lsp.Codes(await PullAsync(client, file, "nanolsp-compiler"))); // not held back
        var (id, analyzers) = await client.SendRequestAsync("textDocument/diagnostic", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file) },
            ["identifier"] = "nanolsp-analyzers",
        });
        await Task.Delay(TimeSpan.FromSeconds(2)); // ample for warm analyzers on one small file
        Assert.False(analyzers.IsCompleted);
        await client.CancelAsync(id); // as VS Code does when the next change is sent
        var cancelled = await Assert.ThrowsAsync<LspResponseException>(() => analyzers.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(-32800, cancelled.Code);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AnErrorTypedInsideAMethodBodyIsReportedToAClientThatSendsItsLastResultId()
    {
        await using var client = LspClient.Start();
        var (file, _) = await InitializeAsync(client, registers: true);
        await client.OpenAsync(file);
        await client.WaitForNotificationAsync("nanolsp/workspaceStatus", timeout: Lsp.LoadTimeout);
        var first = await client.RequestAsync("textDocument/diagnostic", DiagnosticsPuller.Params(LspClient.ToUri(file), "nanolsp-compiler"));
        Assert.Equal(["CS0103"], Lsp.Codes(first.GetProperty("items").EnumerateArray()));

        // An edit inside a method's body: no declaration changes (Roslyn's semantic version stays), the diagnostics do.
        var text = Source.Replace("try { action(); }", "try { action(); Undefined(); }");
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file), ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
        var second = await client.RequestAsync("textDocument/diagnostic",
            DiagnosticsPuller.Params(LspClient.ToUri(file), "nanolsp-compiler", first.GetProperty("resultId").GetString()));
        Assert.Equal("full", second.GetProperty("kind").GetString());
        Assert.Equal(["CS0103", "CS0103"], Lsp.Codes(second.GetProperty("items").EnumerateArray()));

        // Asked again with nothing changed: unchanged.
        var third = await client.RequestAsync("textDocument/diagnostic",
            DiagnosticsPuller.Params(LspClient.ToUri(file), "nanolsp-compiler", second.GetProperty("resultId").GetString()));
        Assert.Equal("unchanged", third.GetProperty("kind").GetString());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    private static IEnumerable<JsonElement> Pulls(JsonElement registration) =>
        registration.GetProperty("registrations").EnumerateArray().Where(r => r.GetProperty("method").GetString() == "textDocument/diagnostic");

    private static async Task<List<JsonElement>> PullAsync(LspClient client, string file, string? identifier)
    {
        var report = await client.RequestAsync("textDocument/diagnostic", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(file) },
            ["identifier"] = identifier,
        }).WaitAsync(Lsp.LoadTimeout);
        return report.GetProperty("items").EnumerateArray().ToList();
    }
}
