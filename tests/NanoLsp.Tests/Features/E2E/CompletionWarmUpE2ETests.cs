using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>
/// A list asked for as soon as the file opens, through the real server process: the completion warm-up, which would
/// make the same list and ranking beside it, stands down (the server says so in its log).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CompletionWarmUpE2ETests : IAsyncLifetime
{
    private readonly string _folder = Fixtures.Copy("ProjectFixture");
    private LspClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = LspClient.Start();
        await _client.InitializeAsync(_folder, initializationOptions: JsonNode.Parse("""{"nanolsp":{"logLevel":"debug"}}"""));
    }

    public async Task DisposeAsync() => await _client.DisposeAsync(); // the fixture copy goes with the test run's scratch folder

    [Fact]
    public async Task AListAskedForRightAfterOpeningSupersedesTheWarmUp()
    {
        var path = Path.Combine(_folder, "Greeter.cs");
        var text = await File.ReadAllTextAsync(path);
        await _client.OpenAsync(path, text);
        var dot = text.IndexOf("Console.WriteLine", StringComparison.Ordinal) + "Console.".Length;
        var line = text[..dot].Count(c => c == '\n');
        var request = Workbench.TextDocumentPosition(path, line, dot - (text[..dot].LastIndexOf('\n') + 1));
        request["context"] = new JsonObject { ["triggerKind"] = 2, ["triggerCharacter"] = "." };

        var items = Workbench.CompletionItems(await _client.RequestAsync("textDocument/completion", request).WaitAsync(Lsp.LoadTimeout));

        Assert.Contains(items, i => i.GetProperty("label").GetString() == "WriteLine");
        // The warm-up starts once the first diagnostics are in, after this list was asked for: it does nothing.
        var said = await _client.WaitForNotificationAsync("window/logMessage", m => m.GetProperty("message").GetString() is { } message
            && (message.StartsWith("Completion warm-up superseded", StringComparison.Ordinal) || message.StartsWith("Completion warmed up", StringComparison.Ordinal)),
            Lsp.LoadTimeout);
        Assert.StartsWith("Completion warm-up superseded", said.GetProperty("message").GetString());
    }
}
