using System.Text.Json;

using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>Hover and completion on a folder without a project (loose files, served through a generated project).</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class LooseFilesE2ETests(LooseFilesServerFixture server) : IClassFixture<LooseFilesServerFixture>
{
    [Fact]
    public async Task HoverOnAnUnknownNameInALooseFileExplainsIt()
    {
        var text = await server.OpenAsync("Script.cs");
        var offset = text.IndexOf("undefinedName", StringComparison.Ordinal) + 3;
        var line = text[..offset].Count(c => c == '\n');
        var character = offset - (text.LastIndexOf('\n', offset - 1) + 1);
        var hover = await server.RequestAsync("textDocument/hover",
            new { textDocument = new { uri = server.Uri("Script.cs") }, position = new { line, character } });
        var markdown = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("CS0103", markdown);
        Assert.Contains("Nothing named `undefinedName`", markdown);
        Assert.Contains("`Script`", markdown);
    }

    [Fact]
    public async Task CompletionInALooseFileSeesTheOtherLooseFiles()
    {
        var text = await server.OpenAsync("Script.cs");
        var offset = text.IndexOf("Helper.", StringComparison.Ordinal) + "Helper.".Length;
        var line = text[..offset].Count(c => c == '\n');
        var character = offset - (text.LastIndexOf('\n', offset - 1) + 1);
        var list = await server.RequestAsync("textDocument/completion",
            new { textDocument = new { uri = server.Uri("Script.cs") }, position = new { line, character }, context = new { triggerKind = 2, triggerCharacter = "." } });
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == "Twice");
    }
}
