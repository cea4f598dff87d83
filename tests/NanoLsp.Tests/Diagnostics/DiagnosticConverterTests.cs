using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Workspace;
using LspSeverity = NanoLsp.Protocol.DiagnosticSeverity;
using LspTag = NanoLsp.Protocol.DiagnosticTag;

namespace NanoLsp.Tests.Diagnostics;

public class DiagnosticConverterTests
{
    private const string Source = """
        using System.Text;
        class Old { [System.Obsolete("use New")] public static void M() {} }
        class C
        {
            void N()
            {
                Old.M();
                Missing x = null;
            }
        }
        """;

    private static readonly SourceText Text = SourceText.From(Source);

    private static List<Diagnostic> Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(Text);
        var references = MsBuildSetup.FrameworkReferenceAssemblies().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("T", [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return compilation.GetSemanticModel(tree).GetDiagnostics().Where(DiagnosticConverter.IsShown).ToList();
    }

    [Fact]
    public void UnknownTypeIsAnErrorWithItsRangeAndLearnLink()
    {
        var lsp = DiagnosticConverter.ToLsp(Compile().Single(d => d.Id == "CS0246"), Text);
        Assert.Equal(LspSeverity.Error, lsp.Severity);
        Assert.Equal("CS0246", lsp.Code);
        Assert.Equal(new Protocol.Position(7, 8), lsp.Range.Start);
        Assert.Equal(new Protocol.Position(7, 15), lsp.Range.End);
        Assert.Equal("https://learn.microsoft.com/dotnet/csharp/misc/cs0246", lsp.CodeDescription!.Href);
        Assert.Contains("Missing", lsp.Message);
    }

    [Fact]
    public void ObsoleteUseIsTaggedDeprecated()
    {
        var lsp = DiagnosticConverter.ToLsp(Compile().Single(d => d.Id == "CS0618"), Text);
        Assert.Equal(LspSeverity.Warning, lsp.Severity);
        Assert.Equal([LspTag.Deprecated], lsp.Tags);
    }

    [Fact]
    public void HiddenUnnecessaryCodeIsAHintTaggedUnnecessary()
    {
        // As analyzers report unused code (IDE0005 and the like): hidden, with the Unnecessary custom tag.
        var descriptor = new DiagnosticDescriptor("IDE0005", "Using directive is unnecessary.", "Using directive is unnecessary.", "Style",
            DiagnosticSeverity.Hidden, isEnabledByDefault: true, customTags: [WellKnownDiagnosticTags.Unnecessary]);
        var tree = CSharpSyntaxTree.ParseText(Text);
        var diagnostic = Diagnostic.Create(descriptor, Location.Create(tree, new TextSpan(0, 18)));
        Assert.True(DiagnosticConverter.IsShown(diagnostic));
        var lsp = DiagnosticConverter.ToLsp(diagnostic, Text);
        Assert.Equal(LspSeverity.Hint, lsp.Severity);
        Assert.Equal([LspTag.Unnecessary], lsp.Tags);
        Assert.Equal(new Protocol.Position(0, 18), lsp.Range.End);
        Assert.Null(lsp.CodeDescription); // no help link on that descriptor, and IDE ids get no invented one
    }

    [Fact]
    public void HiddenDiagnosticsWithoutTheUnnecessaryTagAreNotShown()
    {
        var descriptor = new DiagnosticDescriptor("X0001", "t", "m", "c", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        Assert.False(DiagnosticConverter.IsShown(Diagnostic.Create(descriptor, Location.None)));
    }
}
