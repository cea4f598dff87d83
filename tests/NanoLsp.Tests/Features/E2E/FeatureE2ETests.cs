using System.Text.Json;
using NanoLsp.Driver;

using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>Hover, code actions and completion through the real server process over stdio.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class FeatureE2ETests(FeatureServerFixture server) : IClassFixture<FeatureServerFixture>
{
    private static object At(string uri, int line, int character) =>
        new { textDocument = new { uri }, position = new { line, character } };

    private async Task<(string Uri, string Text)> OpenGreeterAsync() => (server.Uri("Greeter.cs"), await server.OpenAsync("Greeter.cs"));

    private static (int Line, int Character) Find(string text, string needle, int offsetInNeedle = 0)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal) + offsetInNeedle;
        var before = text[..index];
        var line = before.Count(c => c == '\n');
        return (line, index - (before.LastIndexOf('\n') + 1));
    }

    [Fact]
    public void ServerDeclaresHoverCodeActionAndCompletionCapabilities()
    {
        var capabilities = server.Initialize.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("hoverProvider").GetBoolean());
        Assert.True(capabilities.GetProperty("codeActionProvider").GetProperty("resolveProvider").GetBoolean());
        var triggers = capabilities.GetProperty("completionProvider").GetProperty("triggerCharacters").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(".", triggers);
        Assert.Contains("#", triggers);
    }

    [Fact]
    public async Task HighlightsAreTheSymbolsDeclarationsReadsAndWritesInItsFile()
    {
        var uri = server.Uri("Counter.cs");
        var text = await server.OpenAsync("Counter.cs");
        Assert.True(server.Initialize.GetProperty("capabilities").GetProperty("documentHighlightProvider").GetBoolean());
        List<(int Line, int Character, int Kind)> Highlights(JsonElement result) => [.. result.EnumerateArray().Select(h =>
            (h.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(),
             h.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32(), h.GetProperty("kind").GetInt32()))];

        // `step` in `Count += step`: declared (1, text), then read (2).
        var (line, character) = Find(text, "+= step", 3);
        var step = Highlights(await server.RequestAsync("textDocument/documentHighlight", At(uri, line, character)));
        Assert.Equal([(Find(text, "step =").Line, Find(text, "step =").Character, 1), (line, character, 2)], step);

        // `Count` there: declared, then written by the compound assignment (3).
        var (countLine, countCharacter) = Find(text, "Count +=");
        var count = Highlights(await server.RequestAsync("textDocument/documentHighlight", At(uri, countLine, countCharacter)));
        Assert.Equal([(Find(text, "Count {").Line, Find(text, "Count {").Character, 1), (countLine, countCharacter, 3)], count);

        // Nothing to highlight on a keyword; past the end an error, and the server keeps serving.
        var (keywordLine, keywordCharacter) = Find(text, "public void");
        Assert.Empty(Highlights(await server.RequestAsync("textDocument/documentHighlight", At(uri, keywordLine, keywordCharacter + 1))));
        var error = await Assert.ThrowsAsync<LspResponseException>(() =>
            server.RequestAsync("textDocument/documentHighlight", At(uri, text.Split('\n').Length + 3, 0)));
        Assert.Equal(-32602, error.Code);
    }

    [Fact]
    public async Task HoverOnAnErrorExplainsItWithTheRealNames()
    {
        var (uri, text) = await OpenGreeterAsync();
        var (line, character) = Find(text, "new StringBuilder()", 6);
        var hover = await server.RequestAsync("textDocument/hover", At(uri, line, character));
        var markdown = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("CS0246", markdown);
        Assert.Contains("The type `StringBuilder` is not known here", markdown);
        Assert.Contains("using System.Text;", markdown);
    }

    [Fact]
    public async Task HoverOnAMethodShowsItsSignatureAndDocumentation()
    {
        var (uri, text) = await OpenGreeterAsync();
        var (line, character) = Find(text, "builder.Append(Greet())", 16);
        var hover = await server.RequestAsync("textDocument/hover", At(uri, line, character));
        var markdown = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("```csharp\nstring Greeter.Greet()", markdown);
        Assert.Contains("The greeting for the name given to the constructor.", markdown);
    }

    [Fact]
    public async Task HoverPastTheEndOfTheFileIsAnInvalidParamsError()
    {
        var (uri, text) = await OpenGreeterAsync();
        var lines = text.Split('\n').Length;
        var error = await Assert.ThrowsAsync<LspResponseException>(() =>
            server.RequestAsync("textDocument/hover", At(uri, lines + 5, 0)));
        Assert.Equal(-32602, error.Code);
        Assert.Contains("past the end", error.Message);
        // And the server keeps serving.
        var (line, character) = Find(text, "Greet()", 1);
        var hover = await server.RequestAsync("textDocument/hover", At(uri, line, character));
        Assert.Equal(JsonValueKind.Object, hover.ValueKind);
    }

    [Fact]
    public async Task AddUsingQuickFixForStringBuilderResolvesToUsingSystemText()
    {
        var (uri, text) = await OpenGreeterAsync();
        var (line, character) = Find(text, "new StringBuilder()", 4);
        var range = new { start = new { line, character }, end = new { line, character = character + 13 } };
        var actions = await server.RequestAsync("textDocument/codeAction",
            new { textDocument = new { uri }, range, context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix" } } });
        var addUsing = actions.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "using System.Text;");
        Assert.Equal("quickfix", addUsing.GetProperty("kind").GetString());
        Assert.False(addUsing.TryGetProperty("edit", out _));

        var resolved = await server.RequestAsync("codeAction/resolve", addUsing);
        var change = resolved.GetProperty("edit").GetProperty("documentChanges")[0];
        Assert.Equal(uri, change.GetProperty("textDocument").GetProperty("uri").GetString());
        Assert.Equal(1, change.GetProperty("textDocument").GetProperty("version").GetInt32());
        var inserted = string.Concat(change.GetProperty("edits").EnumerateArray().Select(e => e.GetProperty("newText").GetString()));
        Assert.Contains("using System.Text;", inserted);
    }

    [Fact]
    public async Task FileCreatingActionResolvesToCreateFileWithoutWritingIt()
    {
        var (uri, text) = await OpenGreeterAsync();
        var (line, character) = Find(text, "new StringBuilder()", 4);
        var range = new { start = new { line, character }, end = new { line, character } };
        var actions = await server.RequestAsync("textDocument/codeAction",
            new { textDocument = new { uri }, range, context = new { diagnostics = Array.Empty<object>() } });
        var generate = actions.EnumerateArray().Single(a => a.GetProperty("title").GetString()!.EndsWith("Generate class 'StringBuilder' in new file", StringComparison.Ordinal));

        var resolved = await server.RequestAsync("codeAction/resolve", generate);
        var changes = resolved.GetProperty("edit").GetProperty("documentChanges").EnumerateArray().ToList();
        var create = changes.Single(c => c.TryGetProperty("kind", out var k) && k.GetString() == "create");
        var newUri = create.GetProperty("uri").GetString()!;
        Assert.EndsWith("/StringBuilder.cs", newUri);
        var fill = changes.Single(c => c.TryGetProperty("textDocument", out var d) && d.GetProperty("uri").GetString() == newUri);
        Assert.Contains("class StringBuilder", fill.GetProperty("edits")[0].GetProperty("newText").GetString());
        // The client applies edits; the server never writes files.
        Assert.False(File.Exists(new Uri(newUri).LocalPath));
    }

    [Fact]
    public async Task CompletionAfterConsoleDotOffersWriteLineAndResolveGivesDocumentation()
    {
        var (uri, text) = await OpenGreeterAsync();
        var (line, character) = Find(text, "Console.WriteLine(builder", 8);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri }, position = new { line, character }, context = new { triggerKind = 2, triggerCharacter = "." } });
        var writeLine = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "WriteLine");
        Assert.Equal(2, writeLine.GetProperty("kind").GetInt32());

        var resolved = await server.RequestAsync("completionItem/resolve", writeLine);
        Assert.Contains("WriteLine", resolved.GetProperty("detail").GetString());
        Assert.Contains("line terminator", resolved.GetProperty("documentation").GetProperty("value").GetString());
    }
}
