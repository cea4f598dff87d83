using System.Text.Json;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>A client that does not resolve code actions (Eglot 1.9) still gets actions it can apply.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CodeActionWithoutResolveE2ETests(NoResolveServerFixture server) : IClassFixture<NoResolveServerFixture>
{
    [Fact]
    public async Task ActionsCarryTheirEditsWhenTheClientCannotResolve()
    {
        var uri = server.Uri("Greeter.cs");
        var text = await server.OpenAsync("Greeter.cs");
        var index = text.IndexOf("new StringBuilder()", StringComparison.Ordinal) + 4;
        var line = text[..index].Count(c => c == '\n');
        var character = index - (text[..index].LastIndexOf('\n') + 1);
        var range = new { start = new { line, character }, end = new { line, character = character + 13 } };

        var actions = await server.RequestAsync("textDocument/codeAction",
            new { textDocument = new { uri }, range, context = new { diagnostics = Array.Empty<object>(), only = new[] { "quickfix" } } });

        var addUsing = actions.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "using System.Text;");
        // Without documentChanges support the edit is a plain `changes` map keyed by URI.
        var edits = addUsing.GetProperty("edit").GetProperty("changes").GetProperty(uri).EnumerateArray();
        Assert.Contains("using System.Text;", string.Concat(edits.Select(e => e.GetProperty("newText").GetString())));
        Assert.All(actions.EnumerateArray(), a => Assert.Equal(JsonValueKind.Object, a.GetProperty("edit").ValueKind));
    }
}
