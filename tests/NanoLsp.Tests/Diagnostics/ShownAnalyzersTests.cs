using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.Diagnostics;

namespace NanoLsp.Tests.Diagnostics;

/// <summary>
/// Which analyzers run for a file's diagnostics: those that can report something the user sees there, whatever sets the
/// severity (the default, the file's .editorconfig, a global config, the compiler options), and every suppressor.
/// </summary>
public sealed class ShownAnalyzersTests
{
    private const string Source = "public class Shop { private int _count = 0; public int Count => _count; }";

    [Fact]
    public async Task AnAnalyzerThatCanOnlyReportSilentFindingsIsNotRunAndItsRuleTurnedUpInTheEditorConfigIsShown()
    {
        var silent = new CountingAnalyzer("NL0001", DiagnosticSeverity.Hidden);
        var shown = new CountingAnalyzer("NL0002", DiagnosticSeverity.Info);
        var document = Create([silent, shown]);

        var reported = await DocumentDiagnostics.GetAnalyzerAsync(document, CancellationToken.None);

        Assert.Equal(["NL0002"], reported.Select(d => d.Id));
        Assert.True(shown.Runs > 0);
        Assert.Equal(0, silent.Runs);

        var turnedUp = Create([silent, shown], editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.NL0001.severity = warning\n");
        reported = await DocumentDiagnostics.GetAnalyzerAsync(turnedUp, CancellationToken.None);

        Assert.Equal(["NL0001", "NL0002"], reported.Select(d => d.Id).Order());
        Assert.True(silent.Runs > 0);
    }

    [Fact]
    public async Task EverySettingOfARuleCountsAndABulkSettingACodeStyleRuleOrASuppressorIsLeftToTheDriver()
    {
        var silent = new CountingAnalyzer("NL0001", DiagnosticSeverity.Hidden);
        var info = new CountingAnalyzer("NL0002", DiagnosticSeverity.Info);
        var faded = new CountingAnalyzer("NL0003", DiagnosticSeverity.Hidden, WellKnownDiagnosticTags.Unnecessary);
        var off = new CountingAnalyzer("NL0004", DiagnosticSeverity.Warning, enabledByDefault: false);
        var suppressor = new NothingSuppressor();
        var codeStyle = new CountingAnalyzer("IDE0007", DiagnosticSeverity.Hidden);
        DiagnosticAnalyzer[] all = [silent, info, faded, off, suppressor];

        Assert.Equal([info, faded, suppressor], await ChosenAsync(Create(all)));
        Assert.Equal([codeStyle], await ChosenAsync(Create([codeStyle]))); // its option's value may say "true:warning"
        Assert.Equal([silent, info, faded, suppressor],
            await ChosenAsync(Create(all, editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.NL0001.severity = suggestion\n")));
        Assert.Equal([info, faded, off, suppressor],
            await ChosenAsync(Create(all, globalConfig: "is_global = true\ndotnet_diagnostic.NL0004.severity = warning\n")));
        // NoWarn for the one shown rule; WarningsAsErrors for the silent one.
        Assert.Equal([silent, faded, suppressor], await ChosenAsync(Create(all, specific: new Dictionary<string, ReportDiagnostic>
        {
            ["NL0002"] = ReportDiagnostic.Suppress,
            ["NL0001"] = ReportDiagnostic.Error,
        })));
        // A rule turned off in the file but on in the project's options still runs (either may win for a given file).
        Assert.Contains(info, await ChosenAsync(Create(all, editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.NL0002.severity = none\n",
            specific: new Dictionary<string, ReportDiagnostic> { ["NL0002"] = ReportDiagnostic.Warn })));
        Assert.Equal(all, await ChosenAsync(Create(all, editorConfig: "root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-Test.severity = warning\n")));
        Assert.Equal(all, await ChosenAsync(Create(all, globalConfig: "is_global = true\ndotnet_analyzer_diagnostic.severity = warning\n")));
    }

    private static async Task<DiagnosticAnalyzer[]> ChosenAsync(Document document)
    {
        var model = (await document.GetSemanticModelAsync())!;
        var analyzers = document.Project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        return [.. ShownAnalyzers.For(document.Project, model.SyntaxTree, model.Compilation.Options, analyzers, CancellationToken.None)];
    }

    private static Document Create(DiagnosticAnalyzer[] analyzers, string? editorConfig = null, string? globalConfig = null,
        IReadOnlyDictionary<string, ReportDiagnostic>? specific = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var directory = Path.Combine(Path.GetTempPath(), "nanolsp-shown-analyzers", projectId.Id.ToString("N"));
        DocumentInfo Text(string name, string text) => DocumentInfo.Create(DocumentId.CreateNewId(projectId), name,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create())), filePath: Path.Combine(directory, name));
        var source = Text("Shop.cs", Source);
        var configs = new List<DocumentInfo>();
        if (editorConfig is not null)
            configs.Add(Text(".editorconfig", editorConfig));
        if (globalConfig is not null)
            configs.Add(Text("Project.globalconfig", globalConfig));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            specificDiagnosticOptions: specific ?? new Dictionary<string, ReportDiagnostic>());
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "Shop", "Shop", LanguageNames.CSharp,
                filePath: Path.Combine(directory, "Shop.csproj"), compilationOptions: options, documents: [source],
                metadataReferences: [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
                analyzerReferences: [new AnalyzerImageReference([.. analyzers])])
            .WithAnalyzerConfigDocuments(configs);
        var solution = workspace.CurrentSolution.AddProject(project);
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(source.Id)!;
    }

    /// <summary>Reports its one rule on every class declaration and counts the declarations it was run on.</summary>
#pragma warning disable RS1001 // the tests' analyzers are handed to the workspace, never found in an assembly by their attribute
    private sealed class CountingAnalyzer(string id, DiagnosticSeverity severity, string? tag = null, bool enabledByDefault = true) : DiagnosticAnalyzer
    {
#pragma warning disable RS1017 // each case makes its own rule
        private readonly DiagnosticDescriptor _rule = new(id, id, id, "Test", severity, enabledByDefault, customTags: tag is null ? [] : [tag]);
#pragma warning restore RS1017
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [_rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(c =>
            {
                Interlocked.Increment(ref _runs);
                c.ReportDiagnostic(Diagnostic.Create(_rule, c.Node.GetLocation()));
            }, SyntaxKind.ClassDeclaration);
        }
    }

    private sealed class NothingSuppressor : DiagnosticSuppressor
    {
        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => [new("NLS001", "NL0002", "test")];

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
        }
    }
#pragma warning restore RS1001
}
