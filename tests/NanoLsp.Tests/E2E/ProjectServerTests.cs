using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;

namespace NanoLsp.Tests.E2E;

/// <summary>One server on tests/fixtures/ProjectFixture, shared by tests that do not disturb each other's documents.</summary>
public sealed class ProjectServer : IAsyncLifetime
{
    public LspClient Client { get; private set; } = null!;
    public string Folder { get; } = Fixtures.Path("ProjectFixture");
    public string Counter => Path.Combine(Folder, "Counter.cs");
    public string Greeter => Path.Combine(Folder, "Greeter.cs");
    public List<JsonElement> CounterDiagnosticsOnOpen { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Client = LspClient.Start();
        await Client.InitializeAsync(Folder);
        await Client.OpenAsync(Counter);
        CounterDiagnosticsOnOpen = await Lsp.DiagnosticsAsync(Client, Counter);
    }

    public async Task DisposeAsync()
    {
        if (!Client.HasExited)
            await Client.ShutdownAsync();
        await Client.DisposeAsync();
    }
}

[Collection(ServerProcessCollection.Name)]
public sealed class ProjectServerTests(ProjectServer server) : IClassFixture<ProjectServer>
{
    private LspClient Client => server.Client;

    private static JsonObject Document(string path) => new() { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(path) } };

    [Fact]
    public void DiagnosticsArriveOnOpenWithCodeRangeSeverityAndLink()
    {
        var error = Assert.Single(server.CounterDiagnosticsOnOpen, d => Lsp.Code(d) == "CS0029");
        Assert.Equal(1, error.GetProperty("severity").GetInt32());
        var range = error.GetProperty("range");
        Assert.Equal(9, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(19, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(24, range.GetProperty("end").GetProperty("character").GetInt32());
        Assert.Equal("https://learn.microsoft.com/dotnet/csharp/misc/cs0029", error.GetProperty("codeDescription").GetProperty("href").GetString());
    }

    [Fact]
    public async Task PullDiagnosticsGivesAFullReportThenUnchanged()
    {
        var full = await Client.RequestAsync("textDocument/diagnostic", Document(server.Counter));
        Assert.Equal("full", full.GetProperty("kind").GetString());
        Assert.Contains("CS0029", Lsp.Codes(full.GetProperty("items").EnumerateArray()));
        var resultId = full.GetProperty("resultId").GetString();
        var again = Document(server.Counter);
        again["previousResultId"] = resultId;
        var unchanged = await Client.RequestAsync("textDocument/diagnostic", again);
        Assert.Equal("unchanged", unchanged.GetProperty("kind").GetString());
        Assert.Equal(resultId, unchanged.GetProperty("resultId").GetString());
    }

    [Fact]
    public async Task DocumentNotOpenedButInTheProjectIsServedFromDisk()
    {
        var full = await Client.RequestAsync("textDocument/diagnostic", Document(server.Greeter));
        Assert.Contains("CS0246", Lsp.Codes(full.GetProperty("items").EnumerateArray()));
    }

    [Fact]
    public async Task MalformedJsonIsAnsweredWithParseErrorAndTheServerKeepsServing()
    {
        await Client.SendRawAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": "));
        var answer = await WaitForUnaddressedAsync(e => e.GetProperty("message").GetString()!.Contains("not valid JSON"));
        Assert.Equal(-32700, answer.GetProperty("code").GetInt32());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task MessageWithoutMethodIsAnsweredWithInvalidRequestForItsId()
    {
        await Client.SendRawAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":4242,"method":7}"""));
        var answer = await WaitForUnaddressedAsync(e => e.GetProperty("code").GetInt32() == -32600, id: 4242);
        Assert.Contains("'method'", answer.GetProperty("message").GetString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task FrameWithoutContentLengthIsAnsweredAndTheNextFrameServed()
    {
        await Client.SendBytesAsync(Encoding.ASCII.GetBytes("Content-Type: text/plain\r\n\r\n"));
        var answer = await WaitForUnaddressedAsync(e => e.GetProperty("message").GetString()!.Contains("Content-Length"));
        Assert.Equal(-32700, answer.GetProperty("code").GetInt32());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task UnknownMethodGetsMethodNotFound()
    {
        var error = await Assert.ThrowsAsync<LspResponseException>(() => Client.RequestAsync("nanolsp/noSuchThing", new JsonObject()));
        Assert.Equal(-32601, error.Code);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ParamsOfTheWrongShapeGetInvalidParams()
    {
        var error = await Assert.ThrowsAsync<LspResponseException>(() => Client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = 5 }));
        Assert.Equal(-32602, error.Code);
        await Client.NotifyAsync("$/setTrace", new JsonObject { ["value"] = "off" });
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task RequiredFieldMissingOrNullGetsInvalidParamsNamingIt()
    {
        var error = await Assert.ThrowsAsync<LspResponseException>(() => Client.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = null, ["position"] = Workbench.Position(0, 0) }));
        Assert.Equal(-32602, error.Code);
        Assert.Contains("params.textDocument is required", error.ServerMessage);
        var noParams = await Assert.ThrowsAsync<LspResponseException>(() => Client.RequestAsync("textDocument/codeAction", null));
        Assert.Equal(-32602, noParams.Code);
        // A notification cannot be answered: the log names what is missing, and the text is kept.
        await Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(server.Counter), ["version"] = 98 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = new JsonObject { ["start"] = Workbench.Position(0, 0), ["end"] = Workbench.Position(0, 0) } }),
        });
        var log = await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("params.contentChanges[0].text is required"));
        Assert.Equal(2, log.GetProperty("type").GetInt32());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ResponseToNoRequestIsIgnoredAndTheServerKeepsServing()
    {
        // StreamJsonRpc alone ends the connection on this (RemoteProtocolViolation); found by the fuzzer.
        await Client.SendRawAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":987654,"result":{"a":1}}"""));
        await Client.SendRawAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":"nobody","error":{"code":-1,"message":"x"}}"""));
        await AssertStillServingAsync();
        Assert.False(Client.HasExited);
    }

    [Fact]
    public async Task RequestForAnUnknownDocumentGetsInvalidParams()
    {
        var error = await Assert.ThrowsAsync<LspResponseException>(() => Client.RequestAsync("textDocument/diagnostic", Document("/nowhere/Ghost.cs")));
        Assert.Equal(-32602, error.Code);
        Assert.Contains("Ghost.cs", error.ServerMessage);
    }

    [Fact]
    public async Task EditPastTheEndOfTheFileIsReportedAndTheTextKept()
    {
        await Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(server.Counter), ["version"] = 99 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = Workbench.Position(500, 0), ["end"] = Workbench.Position(500, 0) },
                ["text"] = "garbage",
            }),
        });
        var log = await Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("past the end"));
        Assert.Equal(2, log.GetProperty("type").GetInt32());
        var full = await Client.RequestAsync("textDocument/diagnostic", Document(server.Counter));
        Assert.Equal(["CS0029"], Lsp.Codes(full.GetProperty("items").EnumerateArray()).Where(c => c.StartsWith("CS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IncrementalEditUpdatesTheDiagnostics()
    {
        // A new file (not on disk) under the project folder: it joins the project, and no other test uses it.
        var scratch = Path.Combine(server.Folder, "Scratch.cs");
        var uri = LspClient.ToUri(scratch);
        await Client.OpenAsync(scratch, "namespace ProjectFixture;\n\npublic class Scratch\n{\n    public StringBuilder Text { get; } = new();\n}\n");
        await Lsp.DiagnosticsAsync(Client, scratch, ds => Lsp.Codes(ds).Contains("CS0246"));
        await Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = Workbench.Position(0, 0), ["end"] = Workbench.Position(0, 0) },
                ["text"] = "using System.Text;\n",
            }),
        });
        var after = await Lsp.DiagnosticsAsync(Client, scratch, ds => !Lsp.Codes(ds).Contains("CS0246"));
        Assert.DoesNotContain(after, d => d.GetProperty("severity").GetInt32() == 1);
        await Client.NotifyAsync("textDocument/didClose", Document(scratch));
    }

    [Fact]
    public async Task EditInOneOpenFileRefreshesAnotherOpenFilesDiagnostics()
    {
        var user = Path.Combine(server.Folder, "GadgetUser.cs");
        var maker = Path.Combine(server.Folder, "GadgetMaker.cs");
        await Client.OpenAsync(user, "namespace ProjectFixture;\n\npublic class GadgetUser\n{\n    public Gadget? Current { get; set; }\n}\n");
        await Client.OpenAsync(maker, "namespace ProjectFixture;\n\npublic class Gizmo { }\n");
        await Lsp.DiagnosticsAsync(Client, user, ds => Lsp.Codes(ds).Contains("CS0246"));
        await Client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(maker), ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = "namespace ProjectFixture;\n\npublic class Gadget { }\n" }),
        });
        var after = await Lsp.DiagnosticsAsync(Client, user, ds => !Lsp.Codes(ds).Contains("CS0246"));
        Assert.DoesNotContain(after, d => d.GetProperty("severity").GetInt32() == 1);
        await Client.NotifyAsync("textDocument/didClose", Document(user));
        await Client.NotifyAsync("textDocument/didClose", Document(maker));
    }

    [Fact]
    public async Task BadSettingIsReportedToTheUser()
    {
        await Client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
        {
            ["settings"] = new JsonObject { ["nanolsp"] = new JsonObject { ["diagnostics"] = new JsonObject { ["debounceMs"] = "later" } } },
        });
        var shown = await Client.WaitForNotificationAsync("window/showMessage", p => p.GetProperty("message").GetString()!.Contains("debounceMs"));
        Assert.Equal(2, shown.GetProperty("type").GetInt32());
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var full = await Client.RequestAsync("textDocument/diagnostic", Document(server.Counter)).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("full", full.GetProperty("kind").GetString());
    }

    private async Task<JsonElement> WaitForUnaddressedAsync(Func<JsonElement, bool> errorMatches, int? id = null)
    {
        for (var i = 0; i < 500; i++)
        {
            foreach (var response in Client.UnaddressedResponses)
            {
                var error = response.GetProperty("error");
                var responseId = response.GetProperty("id");
                var idMatches = id is null ? responseId.ValueKind == JsonValueKind.Null : responseId.ValueKind == JsonValueKind.Number && responseId.GetInt32() == id;
                if (idMatches && errorMatches(error))
                    return error;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"No matching error answer. Server log:\n{Client.Stderr}");
    }
}
