using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.CodeActions;
using NanoLsp.Protocol;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>A file of several projects: which document answers, and the one-framework view hover and completion use.</summary>
public sealed class PreferredDocumentTests
{
    private const string Path = "/repo/Lib/Shape.cs";

    private static (Solution Solution, ProjectId Net8, ProjectId Standard, ProjectId App) MultiTargeted()
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        ProjectId Add(string name, params ProjectId[] references)
        {
            var id = ProjectId.CreateNewId(name);
            solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), name, "Lib", LanguageNames.CSharp,
                metadataReferences: LooseProjects.FrameworkReferences.Value, projectReferences: references.Select(r => new ProjectReference(r)),
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));
            return id;
        }
        var standard = Add("Lib(netstandard2.0)");
        var net8 = Add("Lib(net8.0)");
        var app = Add("App(net8.0)", net8);
        foreach (var project in new[] { standard, net8, app })
            solution = solution.AddDocument(DocumentId.CreateNewId(project), "Shape.cs", SourceText.From("public class Shape { }"), filePath: Path);
        return (solution, net8, standard, app);
    }

    [Fact]
    public async Task TheNewestFrameworkAnswersAndItsViewDropsOnlyTheProjectsItDoesNotReference()
    {
        var (solution, net8, standard, app) = MultiTargeted();
        Assert.Equal(net8, PreferredDocument.Find(solution.RemoveProject(app), Path)!.Project.Id);
        var document = solution.GetDocument(solution.GetDocumentIdsWithFilePath(Path).Single(id => id.ProjectId == net8))!;

        // The net8.0 library references neither sibling: both go, and its compilation is the one already made.
        var compilation = await document.Project.GetCompilationAsync();
        var alone = PreferredDocument.Alone(document);
        Assert.Empty(alone.GetLinkedDocumentIds());
        Assert.Null(alone.Project.Solution.GetProject(standard));
        Assert.Same(compilation, await alone.Project.GetCompilationAsync());

        // The app's copy of the file: the library it references keeps its own.
        var inApp = solution.GetDocument(solution.GetDocumentIdsWithFilePath(Path).Single(id => id.ProjectId == app))!;
        var appAlone = PreferredDocument.Alone(inApp);
        Assert.NotNull(appAlone.Project.Solution.GetProject(net8));
        Assert.Null(appAlone.Project.Solution.GetProject(standard));
    }

    [Fact]
    public async Task AnEditOfAFileInEveryFrameworksProjectEditsTheFileOnce()
    {
        var (solution, _, _, _) = MultiTargeted();
        // As Roslyn's code actions leave it: the change made in every linked copy.
        var changed = solution;
        foreach (var id in solution.GetDocumentIdsWithFilePath(Path))
            changed = changed.WithDocumentText(id, SourceText.From("public sealed class Shape { }"));

        var edit = await CodeActionEditBuilder.DescribeAsync(solution, changed, EditOptions.Default, CancellationToken.None);
        var document = Assert.Single(edit.DocumentChanges!.OfType<TextDocumentEdit>());
        Assert.Equal("sealed ", Assert.Single(document.Edits).NewText);
    }

    [Fact]
    public void AFileOfOneProjectIsItsOwnView()
    {
        var solution = new AdhocWorkspace().CurrentSolution.AddProject("One", "One", LanguageNames.CSharp).AddDocument("A.cs", "class A { }", filePath: "/repo/A.cs").Project.Solution;
        var document = PreferredDocument.Find(solution, "/repo/A.cs")!;
        Assert.Same(document, PreferredDocument.Alone(document));
    }
}
