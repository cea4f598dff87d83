using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>
/// Typing-time features answer from frozen partial semantics: after a keystroke they bind the edited file into the
/// compilation already made, without running the project's source generators again. A real incremental generator
/// counts its runs.
/// </summary>
public sealed class PartialSemanticsWorkspaceTests
{
    private const string Source = """
        class Shop
        {
            void Sell(Generated generated)
            {
                var total = 1;
                
            }
        }
        """;

    private const string CustomerSource = "class Customer { public int Id; }";

    /// <summary>Runs once per compilation it is given (its output depends on the whole compilation).</summary>
    private sealed class CountingGenerator : IIncrementalGenerator
    {
        private int _runs;
        public int Runs => Volatile.Read(ref _runs);

        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (output, _) =>
            {
                Interlocked.Increment(ref _runs);
                output.AddSource("Generated.g.cs", "public class Generated { public int Count; }");
            });
    }

    /// <summary>The generator as a project's analyzer reference (what an analyzer assembly on disk would give Roslyn).</summary>
    private sealed class GeneratorReference(ISourceGenerator generator) : AnalyzerReference
    {
        public override string? FullPath => null;
        public override object Id => this;
        public override string Display => "counting generator";
        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => [];
        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => [];
        public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => [generator];
        public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => [generator];
    }

    private static Document Shop(CountingGenerator generator, Func<SolutionInfo, Solution> add)
    {
        var project = ProjectId.CreateNewId("Shop");
        var document = DocumentId.CreateNewId(project, "Shop.cs");
        var references = new[] { typeof(object).Assembly.Location }.Select(p => MetadataReference.CreateFromFile(p));
        var solution = add(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Create(), projects:
        [
            ProjectInfo.Create(project, VersionStamp.Create(), "Shop", "Shop", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: references,
                analyzerReferences: [new GeneratorReference(generator.AsSourceGenerator())],
                documents:
                [
                    DocumentInfo.Create(document, "Shop.cs", loader: TextLoader.From(TextAndVersion.Create(SourceText.From(Source), VersionStamp.Create())), filePath: "/shop/Shop.cs"),
                    DocumentInfo.Create(DocumentId.CreateNewId(project, "Customer.cs"), "Customer.cs",
                        loader: TextLoader.From(TextAndVersion.Create(SourceText.From(CustomerSource), VersionStamp.Create())), filePath: "/shop/Customer.cs"),
                ]),
        ]));
        return solution.GetDocument(document)!;
    }

    /// <summary>The document after a keystroke on the blank line of the body: "generated." typed, the caret after the dot.</summary>
    private static async Task<(Document Edited, int Caret)> TypedAsync(Document document)
    {
        var text = await document.GetTextAsync();
        int at = Source.IndexOf("        \n", StringComparison.Ordinal) + 8;
        const string typed = "generated.";
        return (document.WithText(text.WithChanges(new TextChange(new TextSpan(at, 0), typed))), at + typed.Length);
    }

    [Fact]
    public async Task ACompletionListAfterAnEditDoesNotRunTheGeneratorsAgainWhereAnAdhocWorkspaceDoes()
    {
        var services = RoslynHost.Services;
        foreach (var partial in new[] { true, false })
        {
            var generator = new CountingGenerator();
            using Microsoft.CodeAnalysis.Workspace workspace = partial ? new PartialSemanticsWorkspace(services) : new AdhocWorkspace(services);
            var document = Shop(generator, info => workspace is PartialSemanticsWorkspace p ? p.AddSolution(info) : ((AdhocWorkspace)workspace).AddSolution(info));
            Assert.NotNull(await document.Project.GetCompilationAsync()); // the file opened: its diagnostics made the compilation
            int before = generator.Runs;
            Assert.True(before >= 1);

            var (edited, caret) = await TypedAsync(document);
            var list = await CompletionService.GetService(edited)!.GetCompletionsAsync(edited, caret);

            // The generated type's member is offered either way: the generated file of the last run is in the frozen compilation.
            Assert.Contains(list.ItemsList, i => i.DisplayText == "Count");
            if (partial)
                Assert.Equal(before, generator.Runs);
            else
                Assert.True(generator.Runs > before, "on an AdhocWorkspace the list waits for a new run of the generators");
        }
    }

    [Fact]
    public async Task AFrozenDocumentBindsTheEditWithoutRunningTheGenerators()
    {
        Assert.True(FrozenSemantics.Available, "Roslyn's Document.WithFrozenPartialSemantics(CancellationToken) was not found: see FrozenSemantics");
        var generator = new CountingGenerator();
        using var workspace = new PartialSemanticsWorkspace(RoslynHost.Services);
        var document = Shop(generator, workspace.AddSolution);
        await document.Project.GetCompilationAsync();
        int before = generator.Runs;

        var (edited, caret) = await TypedAsync(document);
        var frozen = await FrozenSemantics.OfAsync(edited, CancellationToken.None);
        Assert.NotSame(edited, frozen);
        var model = (await frozen.GetSemanticModelAsync())!;
        var root = await frozen.GetSyntaxRootAsync();
        var receiver = root!.FindToken(caret - 2).Parent!;

        Assert.Equal("Generated", model.GetTypeInfo(receiver).Type?.Name); // the edit is bound, against the generated type
        Assert.Equal(before, generator.Runs);
        // The unfrozen document still gets the whole answer, generators run again.
        await edited.GetSemanticModelAsync();
        Assert.True(generator.Runs > before);
    }

    [Fact]
    public async Task ANeverCompiledProjectIsNotFrozenToThePartOfItParsedSoFar()
    {
        var generator = new CountingGenerator();
        using var workspace = new PartialSemanticsWorkspace(RoslynHost.Services);
        var document = Shop(generator, workspace.AddSolution); // loaded, nothing compiled or parsed yet (Customer.cs unread)

        var (edited, _) = await TypedAsync(document);
        var answered = await FrozenSemantics.OfAsync(edited, CancellationToken.None);

        Assert.Same(edited, answered); // frozen, the project would have had Shop.cs alone
        var compilation = (await answered.Project.GetCompilationAsync())!;
        Assert.NotNull(compilation.GetTypeByMetadataName("Customer"));

        // Once compiled, the next keystroke is frozen onto that compilation, Customer and all.
        var (next, _) = await TypedAsync(answered);
        var frozen = await FrozenSemantics.OfAsync(next, CancellationToken.None);
        Assert.NotSame(next, frozen);
        Assert.NotNull((await frozen.Project.GetCompilationAsync())!.GetTypeByMetadataName("Customer"));
    }

    [Fact]
    public async Task MsBuildsSolutionIsAdoptedWithItsProjectsDocumentsAndReferences()
    {
        using var folder = new NanoLsp.Tests.Server.TemporaryFolder("nanolsp-adopt-");
        var generator = new CountingGenerator();
        // As MSBuild's loader gives it: documents read from their files when first asked for.
        var loaded = Shop(generator, info => new AdhocWorkspace(RoslynHost.Services).AddSolution(OnDisk(info, folder.Path))).Project.Solution;
        using var workspace = new PartialSemanticsWorkspace(RoslynHost.Services);

        var adopted = workspace.Adopt(loaded);

        var (before, after) = (loaded.Projects.Single(), adopted.Projects.Single());
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.DocumentIds, after.DocumentIds);
        Assert.Equal(before.Documents.Select(d => d.FilePath), after.Documents.Select(d => d.FilePath));
        Assert.Equal(before.CompilationOptions!.WithSyntaxTreeOptionsProvider(null), after.CompilationOptions!.WithSyntaxTreeOptionsProvider(null)); // each project state has its own
        Assert.Equal(before.ParseOptions, after.ParseOptions);
        Assert.Equal(before.MetadataReferences, after.MetadataReferences);
        Assert.Equal(before.AnalyzerReferences, after.AnalyzerReferences);
        foreach (var (b, a) in before.Documents.Zip(after.Documents))
            Assert.Equal((await b.GetTextAsync()).ToString(), (await a.GetTextAsync()).ToString());
        var compilation = (await after.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(generator.Runs > 0); // the analyzer reference came along: its generator ran for the adopted project
    }

    /// <summary>The solution's documents written to <paramref name="folder"/> and read from there.</summary>
    private static SolutionInfo OnDisk(SolutionInfo info, string folder) =>
        SolutionInfo.Create(info.Id, info.Version, projects: info.Projects.Select(p => p.WithDocuments(p.Documents.Select(d =>
        {
            var path = System.IO.Path.Combine(folder, d.Name);
            File.WriteAllText(path, d.Name == "Shop.cs" ? Source : CustomerSource);
            return d.WithFilePath(path).WithTextLoader(new FileTextLoader(path, defaultEncoding: null));
        }))));

    [Fact]
    public async Task TheFirstListInAProjectNeverCompiledHasTheOtherFilesMembers()
    {
        using var workspace = new PartialSemanticsWorkspace(RoslynHost.Services);
        var document = Shop(new CountingGenerator(), workspace.AddSolution); // loaded, nothing compiled or parsed yet
        var text = await document.GetTextAsync();
        int at = Source.IndexOf("        \n", StringComparison.Ordinal) + 8;
        var edited = document.WithText(text.WithChanges(new TextChange(new TextSpan(at, 0), "new Customer().")));
        var caret = (await edited.GetTextAsync()).Lines.GetLinePosition(at + "new Customer().".Length);

        var list = await new NanoLsp.Features.Completion.CompletionFeatureService().GetCompletionsAsync(edited,
            new NanoLsp.Protocol.Position(caret.Line, caret.Character),
            new NanoLsp.Protocol.CompletionContext(NanoLsp.Protocol.CompletionTriggerKinds.TriggerCharacter, "."), CancellationToken.None);

        // Frozen as it was, the compilation would have held Shop.cs alone, and Customer no member.
        Assert.Contains(list.Items, i => i.Label == "Id");
    }
}
