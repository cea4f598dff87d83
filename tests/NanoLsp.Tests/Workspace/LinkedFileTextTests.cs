using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>Typing in a file that several frameworks' projects compile: every copy gets the text, none keeps the past.</summary>
public sealed class LinkedFileTextTests
{
    private const string Path = "/repo/Lib/Shape.cs";

    private static Solution MultiTargeted()
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        foreach (var name in new[] { "Lib(netstandard2.0)", "Lib(net8.0)", "Lib(net6.0)" })
        {
            var id = ProjectId.CreateNewId(name);
            solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), name, "Lib", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));
            solution = solution.AddDocument(DocumentId.CreateNewId(id), "Shape.cs", SourceText.From("public class Shape { int x; }"), filePath: Path);
        }
        return solution;
    }

    /// <summary>Types <paramref name="keys"/> characters into the field's name as an editor would, asking after each for the
    /// tree of the copy that answers (as the features do) and never for the others'. Returns the text after the second key.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Solution Solution, WeakReference Second) Type(Solution solution, int keys)
    {
        var text = solution.GetDocument(solution.GetDocumentIdsWithFilePath(Path)[0])!.GetTextAsync().GetAwaiter().GetResult();
        WeakReference? second = null;
        for (int i = 0; i < keys; i++)
        {
            text = text.WithChanges(new TextChange(new TextSpan(text.ToString().IndexOf(';'), 0), "y"));
            solution = LinkedFileText.WithText(solution, Path, text, PreservationMode.PreserveIdentity, out _);
            PreferredDocument.Find(solution, Path)!.GetSyntaxTreeAsync().GetAwaiter().GetResult();
            if (i == 1) second = new WeakReference(text);
        }
        return (solution, second!);
    }

    [Fact]
    public async Task EveryCopyGetsTheTextAndTheAnsweringOneAnIncrementallyParsedTree()
    {
        var start = MultiTargeted();
        var (solution, _) = Type(start, 3);
        var answering = PreferredDocument.Find(solution, Path)!;
        Assert.Equal("Lib(net8.0)", answering.Project.Name);
        foreach (var id in solution.GetDocumentIdsWithFilePath(Path))
        {
            var copy = solution.GetDocument(id)!;
            Assert.Equal("public class Shape { int xyyy; }", (await copy.GetTextAsync()).ToString());
            Assert.Equal("public class Shape { int xyyy; }", (await copy.GetSyntaxRootAsync())!.ToFullString());
        }
        // The copies' versions moved on, so a compilation made before the edits is not taken for theirs.
        foreach (var id in solution.GetDocumentIdsWithFilePath(Path))
            Assert.NotEqual(await start.GetDocument(id)!.GetTextVersionAsync(), await solution.GetDocument(id)!.GetTextVersionAsync());
    }

    [Fact]
    public void ACopyWhoseTreeNobodyAsksForKeepsNoEarlierVersion()
    {
        // As each keystroke made them: before, the other frameworks' copies held a lazy parse of every version they
        // were given, and with it every version's text.
        var (solution, second) = Type(MultiTargeted(), 40);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(second.IsAlive, "the text of the second keystroke is still held after 38 more");
        GC.KeepAlive(solution);
    }

    [Fact]
    public async Task TheSameTextAgainChangesNothing()
    {
        var (solution, _) = Type(MultiTargeted(), 2);
        var text = await solution.GetDocument(solution.GetDocumentIdsWithFilePath(Path)[0])!.GetTextAsync();
        Assert.Same(solution, LinkedFileText.WithText(solution, Path, text, PreservationMode.PreserveIdentity, out var known));
        Assert.True(known);
    }
}
