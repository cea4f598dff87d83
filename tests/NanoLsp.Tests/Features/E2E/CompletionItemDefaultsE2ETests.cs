using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>
/// A client that takes completion lists' item defaults (VS Code) gets the range, the data and the commit characters
/// once per list, and resolve still finds each item from the data the client fills in (the list's default, with no
/// index).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CompletionItemDefaultsE2ETests(ItemDefaultsServerFixture server) : IClassFixture<ItemDefaultsServerFixture>
{
    private async Task<(string Uri, int Line, int Character)> FindAsync(string needle, int offsetInNeedle)
    {
        var text = await server.OpenAsync("Greeter.cs");
        var index = text.IndexOf(needle, StringComparison.Ordinal) + offsetInNeedle;
        var line = text[..index].Count(c => c == '\n');
        return (server.Uri("Greeter.cs"), line, index - (text[..index].LastIndexOf('\n') + 1));
    }

    /// <summary>What vscode-languageclient does with an item of a list that has defaults: the list's data stands in
    /// for the item's own, and that is what completionItem/resolve receives.</summary>
    private static JsonNode AsTheClientKeepsIt(JsonElement list, JsonElement item)
    {
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        if (!node.ContainsKey("data"))
            node["data"] = JsonNode.Parse(list.GetProperty("itemDefaults").GetProperty("data").GetRawText());
        return node;
    }

    [Fact]
    public async Task AStatementStartsItemsShareOneRangeDataAndCommitCharacters()
    {
        var (uri, line, character) = await FindAsync("builder.Append(Greet());", 0);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri }, position = new { line, character }, context = new { triggerKind = 1 } });
        var defaults = list.GetProperty("itemDefaults");
        var range = defaults.GetProperty("editRange"); // Roslyn's span there: nothing typed, an item goes in at the caret
        foreach (var end in new[] { "start", "end" })
        {
            Assert.Equal(line, range.GetProperty(end).GetProperty("line").GetInt32());
            Assert.Equal(character, range.GetProperty(end).GetProperty("character").GetInt32());
        }
        var data = defaults.GetProperty("data");
        Assert.Equal(uri, data.GetProperty("uri").GetString());
        Assert.False(data.TryGetProperty("index", out _));
        Assert.Contains(".", defaults.GetProperty("commitCharacters").EnumerateArray().Select(c => c.GetString()));

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 100, $"{items.Count} items at a statement's start");
        // Each item carries only what is its own: none repeats the data or the commit characters, few have a range of their own.
        Assert.All(items, i => Assert.False(i.TryGetProperty("data", out _) || i.TryGetProperty("commitCharacters", out _)));
        Assert.True(items.Count(i => i.TryGetProperty("textEdit", out _)) < items.Count / 10);
        // A generic type inserts its name, not its label.
        var generic = items.First(i => i.GetProperty("label").GetString()!.EndsWith("<>", StringComparison.Ordinal));
        Assert.Equal(generic.GetProperty("label").GetString()![..^2], generic.GetProperty("textEditText").GetString());
    }

    [Fact]
    public async Task ATypeOfANamespaceNotImportedGetsItsUsingFromTheListsDefaultData()
    {
        // "new StringBu|ilder()": the file lacks System.Text's using.
        var (uri, line, character) = await FindAsync("StringBuilder();", "StringBu".Length);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri }, position = new { line, character }, context = new { triggerKind = 1 } });
        var builder = list.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("label").GetString() == "StringBuilder" && i.GetProperty("detail").GetString() == "System.Text");
        Assert.False(builder.TryGetProperty("textEditText", out _)); // its label is its text
        Assert.False(builder.TryGetProperty("data", out _));
        var resolved = await server.RequestAsync("completionItem/resolve", AsTheClientKeepsIt(list, builder));
        var added = resolved.GetProperty("additionalTextEdits").EnumerateArray().Select(e => e.GetProperty("newText").GetString());
        Assert.Contains("using System.Text;", string.Concat(added));
        Assert.Contains("StringBuilder", resolved.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AwaitInAMethodNotAsyncGetsTheMethodsAsyncOnResolve()
    {
        // Print() is not async: the list inserts the keyword, resolve makes the method async (on its own line).
        var (uri, line, character) = await FindAsync("builder.Append(Greet());", 0);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri }, position = new { line, character }, context = new { triggerKind = 1 } });
        var await_ = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "await");
        Assert.False(await_.TryGetProperty("textEdit", out _)); // the list's range, the label as text

        var resolved = await server.RequestAsync("completionItem/resolve", AsTheClientKeepsIt(list, await_));
        var edits = resolved.GetProperty("additionalTextEdits").EnumerateArray().ToList();
        Assert.Contains("async", string.Concat(edits.Select(e => e.GetProperty("newText").GetString())));
        Assert.All(edits, e => Assert.True(e.GetProperty("range").GetProperty("end").GetProperty("line").GetInt32() < line));
    }

    [Fact]
    public async Task AMemberResolvesFromTheListsDefaultData()
    {
        var (uri, line, character) = await FindAsync("Console.WriteLine(builder", 8);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri }, position = new { line, character }, context = new { triggerKind = 2, triggerCharacter = "." } });
        var writeLine = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "WriteLine");
        Assert.False(writeLine.TryGetProperty("textEdit", out _));

        var resolved = await server.RequestAsync("completionItem/resolve", AsTheClientKeepsIt(list, writeLine));
        Assert.Contains("WriteLine", resolved.GetProperty("detail").GetString());
        Assert.Contains("line terminator", resolved.GetProperty("documentation").GetProperty("value").GetString());
    }
}
