using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Memory;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Memory;

/// <summary>The repository memory over real Roslyn solutions with the shipped tokenizer: what enters it,
/// how it follows edits, and that the line being typed never answers itself.</summary>
public class RepositoryMemoryTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "nanolsp-assist");

    private const string Orders = """
        public class Orders
        {
            public void Ship(Order order)
            {
                order.MarkShipped(DateTime.UtcNow, notifyCustomer: true);
            }
        }
        """;

    private const string Typing = """
        public class Returns
        {
            public void Accept(Order order)
            {
                $$
            }
        }
        """;

    private static async Task<(RepositoryMemory Memory, Solution Solution, Document Typing, int Caret)> BuildAsync(params (string Name, string Markup)[] files)
    {
        var (document, caret) = AssistWorkspace.Create(files);
        var memory = new RepositoryMemory();
        await memory.BuildAsync(document.Project.Solution, [Root], AssistWorkspace.Tokenizer, null, CancellationToken.None);
        return (memory, document.Project.Solution, document, caret);
    }

    private static IReadOnlyList<string> LineCandidates(RepositoryMemory memory, Document document, int caret, string typed)
    {
        var text = document.GetTextAsync().Result.WithChanges(new TextChange(new TextSpan(caret, 0), typed));
        var view = memory.ViewAt(document.FilePath!, text, caret + typed.Length)!;
        return view.Candidates(typed).Where(c => c.Kind == CandidateKind.Line).Select(c => c.Text).ToList();
    }

    [Fact]
    public async Task ALineTypedInOneFileIsFoundInAnother()
    {
        var (memory, _, typing, caret) = await BuildAsync(("Returns.cs", Typing), ("Orders.cs", Orders));
        Assert.Equal(2, memory.Figures.Documents);
        Assert.True(memory.Figures.Tokens > 20);
        Assert.Contains("Shipped(DateTime.UtcNow, notifyCustomer: true);", LineCandidates(memory, typing, caret, "order.Mark"));
    }

    [Fact]
    public async Task TheIndexFollowsEditsRenamesAndDeletes()
    {
        var (memory, solution, typing, caret) = await BuildAsync(("Returns.cs", Typing), ("Orders.cs", Orders));
        var orders = solution.Projects.Single().Documents.Single(d => d.Name == "Orders.cs");

        // An edit: the old line leaves, the new one enters.
        solution = solution.WithDocumentText(orders.Id, SourceText.From(Orders.Replace("MarkShipped", "MarkDelivered")));
        Assert.Equal(1, await memory.SyncAsync(solution, CancellationToken.None));
        var found = LineCandidates(memory, solution.GetDocument(typing.Id)!, caret, "order.Mark");
        Assert.Contains("Delivered(DateTime.UtcNow, notifyCustomer: true);", found);
        Assert.DoesNotContain("Shipped(DateTime.UtcNow, notifyCustomer: true);", found);

        // A rename: the text is found once, under the new name.
        var text = await solution.GetDocument(orders.Id)!.GetTextAsync();
        solution = solution.RemoveDocument(orders.Id)
            .AddDocument(DocumentId.CreateNewId(orders.Project.Id), "Shipping.cs", text, filePath: Path.Combine(Root, "Shipping.cs"));
        Assert.Equal(2, await memory.SyncAsync(solution, CancellationToken.None));
        var view = memory.ViewAt(typing.FilePath!, (await typing.GetTextAsync()).WithChanges(new TextChange(new TextSpan(caret, 0), "order.Mark")), caret + 10)!;
        Assert.Equal(1, view.Candidates("order.Mark").Single(c => c.Kind == CandidateKind.Line).Support);

        // A delete: gone.
        solution = solution.RemoveDocument(solution.Projects.Single().Documents.Single(d => d.Name == "Shipping.cs").Id);
        Assert.Equal(1, await memory.SyncAsync(solution, CancellationToken.None));
        Assert.Empty(LineCandidates(memory, solution.GetDocument(typing.Id)!, caret, "order.Mark"));
        Assert.Equal(0, await memory.SyncAsync(solution, CancellationToken.None));
    }

    [Fact]
    public async Task TheLineBeingTypedNeverAnswersItself()
    {
        // On disk the document already holds the whole line (as the file an editor opened); the live text has
        // only its start. The memory reads the live text without the cursor's line.
        string typingOnDisk = Typing.Replace("$$", "order.MarkReturned(reason);\n        $$");
        var (memory, _, typing, caret) = await BuildAsync(("Returns.cs", typingOnDisk), ("Orders.cs", Orders));
        var text = await typing.GetTextAsync();
        int lineStart = text.Lines.GetLineFromPosition(caret).Start - "        order.MarkReturned(reason);\n".Length;
        var live = text.WithChanges(new TextChange(new TextSpan(lineStart + 8, "order.MarkReturned(reason);".Length), "order.Mark"));
        var view = memory.ViewAt(typing.FilePath!, live, lineStart + 8 + "order.Mark".Length)!;
        var found = view.Candidates("order.Mark").Select(c => c.Text).ToList();
        Assert.DoesNotContain("Returned(reason);", found);
        Assert.Contains("Shipped(DateTime.UtcNow, notifyCustomer: true);", found);
    }

    /// <summary>Typing along a line keeps the edited document's segment (found from Roslyn's change ranges, no
    /// copy of the text); an edit on another line, a new line, or the cursor on another line rebuilds it, and the
    /// rebuilt one reads the new text.</summary>
    [Fact]
    public async Task TypingAlongALineKeepsTheDocumentsSegmentAndOtherEditsRebuildIt()
    {
        var (memory, _, typing, caret) = await BuildAsync(("Returns.cs", Typing), ("Orders.cs", Orders));
        var text = await typing.GetTextAsync();
        int builds = memory.LocalSegmentBuilds;
        // Each keystroke's text derives from the one before, as the workspace applies didChange.
        var live = text;
        for (int i = 0; i < "order.Mark".Length; i++)
        {
            live = live.WithChanges(new TextChange(new TextSpan(caret + i, 0), "order.Mark"[i].ToString()));
            memory.ViewAt(typing.FilePath!, live, caret + i + 1);
        }
        Assert.Equal(builds + 1, memory.LocalSegmentBuilds);

        // An edit above the cursor's line: rebuilt, and the new text is what the memory reads.
        var above = live.WithChanges(new TextChange(new TextSpan(0, 0), "// order.MarkAbove(1);\n"));
        int at = caret + "// order.MarkAbove(1);\n".Length + "order.Mark".Length;
        var view = memory.ViewAt(typing.FilePath!, above, at)!;
        Assert.Equal(builds + 2, memory.LocalSegmentBuilds);
        Assert.Contains("Above", view.Candidates("order.Mark").Select(c => c.Text)); // the rest of MarkAbove, an identifier

        // A line break typed on the cursor's line, and the cursor moved to another line: rebuilt each time.
        var split = above.WithChanges(new TextChange(new TextSpan(at, 0), "\n"));
        memory.ViewAt(typing.FilePath!, split, at + 1);
        Assert.Equal(builds + 3, memory.LocalSegmentBuilds);
        memory.ViewAt(typing.FilePath!, split, 0);
        Assert.Equal(builds + 4, memory.LocalSegmentBuilds);
    }

    [Fact]
    public async Task HugeAndUndecodableFilesAreSkippedAndTheRestIsIndexed()
    {
        string huge = "public class Big\n{\n" + string.Concat(Enumerable.Repeat("    public int order_MarkHuge = 1;\n", 20_000)) + "}\n";
        string broken = "public class Broken { string s = \"\uFFFD\uFFFD\"; void M(Order order) { order.MarkBroken(); } }";
        var (memory, _, typing, caret) = await BuildAsync(("Returns.cs", Typing), ("Orders.cs", Orders), ("Big.cs", huge), ("Broken.cs", broken));
        Assert.Equal(2, memory.Figures.Skipped);
        Assert.Equal(2, memory.Figures.Documents);
        var found = LineCandidates(memory, typing, caret, "order.Mark");
        Assert.Equal(["Shipped(DateTime.UtcNow, notifyCustomer: true);"], found);
    }

    [Fact]
    public async Task FilesOutsideTheWorkspaceOrInBuildOutputNeverEnter()
    {
        var (document, caret) = AssistWorkspace.Create(("Returns.cs", Typing));
        var project = document.Project;
        var solution = project.Solution
            .AddDocument(DocumentId.CreateNewId(project.Id), "Elsewhere.cs", SourceText.From(Orders), filePath: Path.Combine(Path.GetTempPath(), "elsewhere", "Elsewhere.cs"))
            .AddDocument(DocumentId.CreateNewId(project.Id), "Generated.cs", SourceText.From(Orders), filePath: Path.Combine(Root, "obj", "Generated.cs"));
        var memory = new RepositoryMemory();
        await memory.BuildAsync(solution, [Root], AssistWorkspace.Tokenizer, null, CancellationToken.None);
        Assert.Equal(1, memory.Figures.Documents);
        Assert.Empty(LineCandidates(memory, solution.GetDocument(document.Id)!, caret, "order.Mark"));
    }

    [Fact]
    public async Task IdentifiersOfTheRepositoryCompleteAFragment()
    {
        var (memory, _, typing, caret) = await BuildAsync(("Returns.cs", Typing), ("Orders.cs", Orders));
        var text = (await typing.GetTextAsync()).WithChanges(new TextChange(new TextSpan(caret, 0), "var x = notifyC"));
        var view = memory.ViewAt(typing.FilePath!, text, caret + 15)!;
        Assert.Contains(view.Candidates("var x = notifyC"), c => c.Kind == CandidateKind.Identifier && c.Text == "ustomer");
    }

    [Fact]
    public async Task ManyChangedFilesAreFoldedIntoOneSegmentWithTheirNewestText()
    {
        var files = new List<(string, string)> { ("Returns.cs", Typing) };
        for (int i = 0; i < 70; i++) files.Add(($"Batch{i}.cs", $"public class Batch{i}\n{{\n    void M(Order order) {{ order.MarkBatch{i}(); }}\n}}\n"));
        var (memory, solution, typing, caret) = await BuildAsync([.. files]);
        foreach (var document in solution.Projects.Single().Documents.Where(d => d.Name.StartsWith("Batch", StringComparison.Ordinal)).ToList())
        {
            string text = (await document.GetTextAsync()).ToString().Replace("MarkBatch", "MarkFolded");
            solution = solution.WithDocumentText(document.Id, SourceText.From(text));
        }
        Assert.Equal(70, await memory.SyncAsync(solution, CancellationToken.None));
        var text0 = (await typing.GetTextAsync()).WithChanges(new TextChange(new TextSpan(caret, 0), "void M(Order order) { order.MarkFolded7"));
        var view = memory.ViewAt(typing.FilePath!, text0, caret + "void M(Order order) { order.MarkFolded7".Length)!;
        var lines = view.Candidates("void M(Order order) { order.MarkFolded7").Where(c => c.Kind == CandidateKind.Line).Select(c => c.Text).ToList();
        Assert.Contains("(); }", lines);
        Assert.DoesNotContain(view.Candidates("void M(Order order) { order.MarkBatch"), c => c.Kind == CandidateKind.Line);
    }
}
