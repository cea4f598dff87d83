using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features;
using NanoLsp.Features.CodeActions;
using NanoLsp.Protocol;

namespace NanoLsp.Tests.Features;

/// <summary>
/// The fixes and refactorings the issue names, each found by its title prefix with the right LSP
/// kind, and each producing a real edit when run (the resolve path). `[|...|]` marks the selection.
/// </summary>
public sealed class CodeActionCoverageTests
{
    private static readonly LanguageFeatures Features = new(new NanoLsp.Tests.Server.RecordingLogger());

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // (markup, title prefix, kind, text the edited document must contain)
        { "interface IShape { double Area(); } class Circle : [|IShape|] { }", "Implement interface", CodeActionKinds.QuickFix, "public double Area()" },
        { "class C { void M() { [|Ship|](3); } }", "Generate method 'Ship'", CodeActionKinds.QuickFix, "private void Ship(int v)" },
        { "class C { int M() => this.[|Size|]; }", "Generate property 'Size'", CodeActionKinds.QuickFix, "public int Size { get;" },
        { "class C { int M(int a) { [|var b = a * 2; var c = b + 1;|] return c; } }", "Extract method", CodeActionKinds.RefactorExtract, "NewMethod(" },
        { "class C { int M(int a) => [|a * 2|] + 1; }", "Introduce", CodeActionKinds.RefactorExtract, "a * 2" },
        { "class C { int M() { var [|total|] = 1 + 2; return total; } }", "Inline temporary variable", CodeActionKinds.RefactorInline, "return 1 + 2;" },
        { "using System.Text;\nusing [|System|];\nclass C { StringBuilder b = new(); }", "Sort Usings", CodeActionKinds.SourceOrganizeImports, "using System;\nusing System.Text;" },
        { "class C { int [|M|]() { return 42; } }", "Use expression body for method", CodeActionKinds.RefactorRewrite, "int M() => 42;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NamedActionIsOfferedWithItsKindAndProducesItsEdit(string markup, string titlePrefix, string kind, string expected) =>
        Assert.Contains(expected, await RunAsync(markup, titlePrefix, kind));

    [Fact]
    public async Task UnusedUsingsAreRemovedByTheQuickFixOnCompilerHiddenCS8019()
    {
        var edited = await RunAsync("using System.Text;\nusing [|System|];\nclass C { }", "Remove unnecessary usings", CodeActionKinds.QuickFix);
        Assert.Equal("class C { }", edited.Trim());
    }

    private static async Task<string> RunAsync(string markup, string titlePrefix, string kind)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var source = markup.Replace("[|", "").Replace("|]", "");
        var end = markup.IndexOf("|]", StringComparison.Ordinal) - 2;
        var (document, _) = FeatureWorkspace.Create(source);

        var service = new CodeActionService(Features);
        var actions = await service.GetActionsAsync(document, TextSpan.FromBounds(start, end), includeRefactorings: true, CancellationToken.None);
        // Nested actions are flattened as "Group: Action", so the title is searched anywhere.
        var action = actions.FirstOrDefault(a => a.Title.Contains(titlePrefix, StringComparison.Ordinal));
        Assert.True(action is not null, $"No action titled '{titlePrefix}'; offered: {string.Join(" | ", actions.Select(a => $"{a.Title} ({a.Kind})"))}");
        Assert.Equal(kind, action.Kind);

        var edit = await CodeActionEditBuilder.BuildAsync(action.Action, document.Project.Solution, EditOptions.Default with { SupportsDocumentChanges = false }, CancellationToken.None);
        var edits = Assert.Single(edit.Changes!).Value;
        var text = (await document.GetTextAsync()).WithChanges(edits.Select(e =>
            new TextChange(NanoLsp.Server.ProtocolConversions.ToSpan(SourceText.From(source), e.Range), e.NewText)));
        return text.ToString();
    }
}
