using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>
/// The completion list ranked with the shipped model, and hover on a diagnostic no curated text covers,
/// through the real server process (the inline-completion fixture: ProjectFixture + Shelf.cs, ShelfUser.cs
/// replaced by each test). The ranking deadline is raised so a loaded machine still ranks: these tests check
/// what is starred, not how fast (eval-rank measures that).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ModelRankingE2ETests(InlineCompletionServer server) : IClassFixture<InlineCompletionServer>
{
    private const string Star = "\u2605";

    private static bool IsStarred(System.Text.Json.JsonElement item) =>
        item.TryGetProperty("labelDetails", out var details) && details.GetProperty("description").GetString() == Star;
    private static readonly string[] ShelfMembers = ["Capacity", "Label", "Restock", "Equals", "GetHashCode", "GetType", "ToString"];

    private const string MemberAccess = """
        namespace ProjectFixture;

        public class ShelfUser
        {
            public int Measure(Shelf shelf)
            {
                int room = shelf.$$
                return room;
            }
        }
        """;

    private async Task<List<System.Text.Json.JsonElement>> CompleteAfterDotAsync(string markup)
    {
        var at = await server.SetTextAsync(markup);
        var request = server.Request(at);
        request["context"] = new JsonObject { ["triggerKind"] = 2, ["triggerCharacter"] = "." };
        var list = await server.Client.RequestAsync("textDocument/completion", request).WaitAsync(TimeSpan.FromMinutes(2));
        return Workbench.CompletionItems(list);
    }

    [Fact]
    public async Task StarredItemsAreRealMembersSortedFirstAndResolveAsBefore()
    {
        await server.ConfigureAsync("""{"nanolsp": {"completion": {"rankWithModel": true, "rankDeadlineMs": 10000, "rankWaitMs": 10000, "rankWaitColdMs": 10000}}}""");
        var items = await CompleteAfterDotAsync(MemberAccess);
        var starred = items.Where(IsStarred).ToList();

        Assert.InRange(starred.Count, 1, 3);
        foreach (var item in starred)
        {
            var name = item.GetProperty("label").GetString()!;
            Assert.Contains(name, ShelfMembers);
            // Inserted and filtered as the plain name; the star is beside the label, not in it.
            Assert.Equal(name, item.GetProperty("textEdit").GetProperty("newText").GetString());
            Assert.Equal(name, item.GetProperty("filterText").GetString());
        }
        // An editor sorts by sort text: every starred item comes before every other one.
        var firstPlain = items.Where(i => !starred.Contains(i)).Select(i => i.GetProperty("sortText").GetString()).Min(StringComparer.Ordinal);
        Assert.All(starred, s => Assert.True(string.CompareOrdinal(s.GetProperty("sortText").GetString(), firstPlain) < 0));

        var resolved = await server.Client.RequestAsync("completionItem/resolve", JsonNode.Parse(starred[0].GetRawText()));
        Assert.Contains(starred[0].GetProperty("label").GetString()!, resolved.GetProperty("detail").GetString());
    }

    // A place no other test has the model read: a member access in a method of its own.
    private const string Landing = """
        namespace ProjectFixture;

        public class ShelfUser
        {
            public string Describe(Shelf shelf, int spare)
            {
                string name = shelf.$$
                return name + spare;
            }
        }
        """;

    [Theory]
    [InlineData("textDocument/codeAction")]
    [InlineData("textDocument/documentHighlight")]
    public async Task WhereTheCaretLandsTheModelReadsThePlaceAndTheFirstListThereHasItsStars(string askedThere)
    {
        // The list waits for its ranking where the model has read the place, not at all where it has not.
        await server.ConfigureAsync("""{"nanolsp": {"logLevel": "debug", "completion": {"rankWithModel": true, "rankDeadlineMs": 10000, "rankWaitMs": 10000, "rankWaitColdMs": 0}}}""");
        try
        {
            // A place of its own for each request, from the file's first line (the other's read would have read most of
            // it), and at an offset of its own (the read's log line names it).
            string landing = $"// The caret lands here, then {askedThere} is asked.\n" + Landing;
            var at = await server.SetTextAsync(landing);
            int offset = landing.IndexOf("$$", StringComparison.Ordinal);
            // As VS Code asks when the caret settles there: the lightbulb's actions (automatic, an empty range), the occurrences.
            var position = Workbench.Position(at.Line, at.Character);
            var asked = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(server.User) } };
            if (askedThere == "textDocument/codeAction")
            {
                asked["range"] = new JsonObject { ["start"] = position, ["end"] = Workbench.Position(at.Line, at.Character) };
                asked["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["triggerKind"] = 2 };
            }
            else
                asked["position"] = position;
            await server.Client.RequestAsync(askedThere, asked).WaitAsync(TimeSpan.FromMinutes(2));
            await server.Client.WaitForNotificationAsync("window/logMessage",
                p => p.GetProperty("message").GetString()!.Contains($"Read ahead at ShelfUser.cs:{offset}:", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

            var request = server.Request(at);
            request["context"] = new JsonObject { ["triggerKind"] = 2, ["triggerCharacter"] = "." };
            var list = await server.Client.RequestAsync("textDocument/completion", request).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(Workbench.CompletionItems(list).Any(IsStarred),
                string.Join("\n", server.Client.Stderr.Split('\n').Where(l => l.Contains("Read ahead") || l.Contains("Ranked"))));
            Assert.False(list.GetProperty("isIncomplete").GetBoolean());
        }
        finally
        {
            await server.ConfigureAsync("""{"nanolsp": {"logLevel": "info", "completion": {"rankWaitMs": 10000, "rankWaitColdMs": 10000}}}""");
        }
    }

    [Fact]
    public async Task SwitchedOffTheListIsRoslynsAloneWithTheSameItems()
    {
        await server.ConfigureAsync("""{"nanolsp": {"completion": {"rankWithModel": true, "rankDeadlineMs": 10000, "rankWaitMs": 10000, "rankWaitColdMs": 10000}}}""");
        var ranked = await CompleteAfterDotAsync(MemberAccess);
        await server.ConfigureAsync("""{"nanolsp": {"completion": {"rankWithModel": false}}}""");
        try
        {
            var plain = await CompleteAfterDotAsync(MemberAccess);
            Assert.DoesNotContain(plain, IsStarred);
            Assert.Equal(
                ranked.Select(i => i.GetProperty("label").GetString()!).Order(StringComparer.Ordinal),
                plain.Select(i => i.GetProperty("label").GetString()!).Order(StringComparer.Ordinal));
        }
        finally
        {
            await server.ConfigureAsync("""{"nanolsp": {"completion": {"rankWithModel": true}}}""");
        }
    }

    // A missing return (CS0161): Roslyn has no fix for it; the model writes the return, the compiler checks it. A
    // method of one declaration is a poor fixture: there the int8 model's beams rewrite the declaration about as
    // often as they add the return, so a rounding difference decides (eval-fix measures the model's fixes).
    private const string MissingReturn = """
        namespace ProjectFixture;

        public class ShelfUser
        {
            public int Mea$$sure(Shelf shelf)
            {
                int room = shelf.Capacity - 1;
                if (room > 0)
                    return room;
            }
        }
        """;

    [Fact]
    public async Task EveryModelFixOfferedRemovesTheErrorAndAddsNone()
    {
        await server.ConfigureAsync("""{"nanolsp": {"codeActions": {"modelFixes": true, "modelFixDeadlineMs": 30000}}}""");
        var at = await server.SetTextAsync(MissingReturn);
        string text = MissingReturn.Replace("$$", "", StringComparison.Ordinal);
        var before = Lsp.Codes(await Lsp.DiagnosticsAsync(server.Client, server.User, d => Lsp.Codes(d).Contains("CS0161"))).ToList();
        var position = Workbench.Position(at.Line, at.Character);
        var actions = await server.Client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspClient.ToUri(server.User) },
            ["range"] = new JsonObject { ["start"] = position, ["end"] = Workbench.Position(at.Line, at.Character) },
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("quickfix"), ["triggerKind"] = 1 },
        }).WaitAsync(TimeSpan.FromMinutes(2));
        var all = actions.EnumerateArray().ToList();
        var fromModel = all.Where(a => a.GetProperty("data").GetProperty("provider").GetString() == "NanoModelFix").ToList();
        Assert.NotEmpty(fromModel);
        // After every Roslyn fix, and each says what it changes.
        Assert.True(all.FindIndex(a => fromModel.Contains(a)) >= all.Count(a => !fromModel.Contains(a)));
        Assert.All(fromModel, a => Assert.Matches("^(Replace|Insert|Remove) `", a.GetProperty("title").GetString()!));

        foreach (var action in fromModel)
        {
            var resolved = await server.Client.RequestAsync("codeAction/resolve", JsonNode.Parse(action.GetRawText()));
            // This client declares no versioned document changes: the edit comes as plain changes per URI.
            var edit = resolved.GetProperty("edit");
            var edits = (edit.TryGetProperty("documentChanges", out var changes) ? changes[0].GetProperty("edits")
                : edit.GetProperty("changes").GetProperty(LspClient.ToUri(server.User))).EnumerateArray().ToList();
            string fixedText = ApplyEdits(text, edits);
            await server.SetTextAsync(fixedText + "$$");
            var after = Lsp.Codes(await Lsp.DiagnosticsAsync(server.Client, server.User, d => !Lsp.Codes(d).Contains("CS0161")).WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.All(after.Where(c => c.StartsWith("CS", StringComparison.Ordinal)), c => Assert.Contains(c, before));
            await server.SetTextAsync(MissingReturn); // the next fix is resolved against the broken text again
        }
    }

    /// <summary>LSP text edits (non-overlapping, against the same text) applied from the last to the first.</summary>
    private static string ApplyEdits(string text, List<System.Text.Json.JsonElement> edits)
    {
        int Offset(System.Text.Json.JsonElement position)
        {
            int line = position.GetProperty("line").GetInt32(), offset = 0;
            for (int i = 0; i < line; i++) offset = text.IndexOf('\n', offset) + 1;
            return offset + position.GetProperty("character").GetInt32();
        }
        foreach (var edit in edits.OrderByDescending(e => Offset(e.GetProperty("range").GetProperty("start"))))
        {
            int start = Offset(edit.GetProperty("range").GetProperty("start")), end = Offset(edit.GetProperty("range").GetProperty("end"));
            text = text[..start] + edit.GetProperty("newText").GetString() + text[end..];
        }
        return text;
    }

    [Fact]
    public async Task HoverOnAnUncuratedErrorShowsTheMessageAndWhereToReadMore()
    {
        var at = await server.SetTextAsync("""
            namespace ProjectFixture;

            public class ShelfUser
            {
                public object Pick(bool first)
                {
                    var picked = first ? 1 : "o$$ne";
                    return picked;
                }
            }
            """);
        var hover = await server.Client.RequestAsync("textDocument/hover", Workbench.TextDocumentPosition(server.User, at.Line, at.Character));
        var markdown = Workbench.HoverText(hover);
        Assert.Contains("**error CS0173**", markdown);
        Assert.Contains("Type of conditional expression cannot be determined", markdown);
        Assert.Matches(@"\[CS0173 in the documentation\]\(https://", markdown);
    }
}
