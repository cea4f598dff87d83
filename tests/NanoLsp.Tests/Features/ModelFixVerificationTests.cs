using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features;
using NanoLsp.Features.CodeActions;

namespace NanoLsp.Tests.Features;

/// <summary>
/// The compiler's check of model fixes on real Roslyn documents, with the rewrites given (what the model would
/// propose): only a small change that removes the diagnostic and adds no error survives, and never one that
/// Roslyn's own fixes already offer.
/// </summary>
public sealed class ModelFixVerificationTests
{
    private static readonly LanguageFeatures Features = new(new NanoLsp.Tests.Server.RecordingLogger());

    private const string Misspelt = """
        class Shelf { public int Capacity { get; } }
        class C
        {
            int M(Shelf shelf)
            {
                int room = shelf.Capa$$sity;
                return room;
            }
        }
        """;

    private static async Task<(Document Document, Diagnostic Error)> ErrorAtCaretAsync(string markup)
    {
        var (document, caret) = FeatureWorkspace.Create(markup);
        var model = (await document.GetSemanticModelAsync())!;
        var error = model.GetDiagnostics().Single(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Contains(caret));
        return (document, error);
    }

    /// <summary>Rewrites of the error's line (from its indentation on) as the changes the model would propose.</summary>
    private static async Task<IReadOnlyList<TextChange>> LineRewritesAsync(Document document, Diagnostic error, params string[] rewrites)
    {
        var text = await document.GetTextAsync();
        var line = text.Lines.GetLineFromPosition(error.Location.SourceSpan.Start);
        int indentation = text.ToString(line.Span).TakeWhile(char.IsWhiteSpace).Count();
        var content = TextSpan.FromBounds(line.Start + indentation, line.End);
        return rewrites.Select(r => new TextChange(content, r)).ToList();
    }

    [Fact]
    public async Task ARewriteThatAddsAnErrorIsNeverOffered()
    {
        var (document, error) = await ErrorAtCaretAsync(Misspelt);
        Assert.Equal("CS1061", error.Id);
        var fixes = await ModelFixes.VerifyAsync(document, error,
            await LineRewritesAsync(document, error, "int room = shelf.Capacity;", "int room = shelf.Capacity + missing;", "int room = shelf.Count;", "string room = shelf.Capacity;"),
            [], new ModelFixOptions(), CancellationToken.None);

        var fix = Assert.Single(fixes);
        Assert.Equal("Replace `Capasity` with `Capacity` (nano model, compiler-checked)", fix.Title);
        var fixedModel = (await fix.Fixed.GetSemanticModelAsync())!;
        Assert.DoesNotContain(fixedModel.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task AnotherNameInPlaceOfAnUnknownTypeIsAGuessNotAFix()
    {
        // `string` compiles where `Encoding` is unknown, and is not what the code means.
        var (document, error) = await ErrorAtCaretAsync("class C { string M(Enco$$ding e) => e.ToString(); }");
        Assert.Equal("CS0246", error.Id);
        var text = await document.GetTextAsync();
        var fixes = await ModelFixes.VerifyAsync(document, error,
            [new TextChange(error.Location.SourceSpan, "string"), new TextChange(error.Location.SourceSpan, "System.Text.Encoding")],
            [], new ModelFixOptions(), CancellationToken.None);
        Assert.Equal("Insert `System.Text.` (nano model, compiler-checked)", Assert.Single(fixes).Title);
    }

    [Theory]
    [InlineData("var b = builder;", "builder", "null")]
    [InlineData("var t = item.Title;", "Title", "ToString()")]
    [InlineData("decimal d = 4.1234;", "4.1234", "3")]
    [InlineData("int code = HttpStatusCode.OK;", "HttpStatusCode.OK", "0")]
    public void SomethingElseInPlaceOfANameOrALiteralIsAGuess(string line, string replaced, string by)
    {
        var text = SourceText.From(line);
        int at = line.IndexOf(replaced, StringComparison.Ordinal);
        Assert.True(ModelFixes.IsGuess(text, new TextChange(new TextSpan(at, replaced.Length), by)));
        // A respelling or a qualification is not.
        Assert.False(ModelFixes.IsGuess(SourceText.From("x.Lenght"), new TextChange(new TextSpan(2, 6), "Length")));
        Assert.False(ModelFixes.IsGuess(SourceText.From("(Encoding e)"), new TextChange(new TextSpan(1, 0), "System.Text.")));
    }

    [Fact]
    public async Task ARewriteOfTheWholeLineIsNotAFix()
    {
        var (document, error) = await ErrorAtCaretAsync(Misspelt);
        // Compiles, and the error is gone, but it rewrites the statement rather than fixing the name.
        var fixes = await ModelFixes.VerifyAsync(document, error, await LineRewritesAsync(document, error, "int room = new System.Random().Next(100) * 2 + 1;"),
            [], new ModelFixOptions(), CancellationToken.None);
        Assert.Empty(fixes);
    }

    [Fact]
    public async Task AFixRoslynAlreadyOffersIsNotOfferedAgain()
    {
        var (document, error) = await ErrorAtCaretAsync("class C { void M() { var b = new System.Text.StringBuilder(); b.Ape$$nd(1); } }");
        var roslyn = await new CodeActionService(Features).GetFixesAsync(document, error, CancellationToken.None);
        var rewrite = "class C { void M() { var b = new System.Text.StringBuilder(); b.Append(1); } }";
        var withoutRoslyn = await ModelFixes.VerifyAsync(document, error, await LineRewritesAsync(document, error, rewrite), [], new ModelFixOptions(), CancellationToken.None);
        Assert.Single(withoutRoslyn);
        // A Roslyn fix giving exactly this text stands in for one (Roslyn has no spelling fix for a member of a
        // metadata type here, so its fixes are joined by a code action that makes the same change).
        var same = Microsoft.CodeAnalysis.CodeActions.CodeAction.Create("same", _ => Task.FromResult(withoutRoslyn[0].Fixed));
        var withRoslyn = await ModelFixes.VerifyAsync(document, error, await LineRewritesAsync(document, error, rewrite),
            [.. roslyn.Select(r => r.Action), same], new ModelFixOptions(), CancellationToken.None);
        Assert.Empty(withRoslyn);
    }

    [Fact]
    public async Task AMissingReturnIsFixedByANewLineWhileErrorsElsewhereStay()
    {
        var (document, _) = FeatureWorkspace.Create("class C\n{\n    int M(int a)\n    {\n        a++;\n    }\n    int N() => missing;\n}\n");
        var error = (await document.GetSemanticModelAsync())!.GetDiagnostics().First(d => d.Id == "CS0161");
        var region = FillRegion.For((await document.GetSyntaxRootAsync())!, await document.GetTextAsync(), error)!;
        var fixes = await ModelFixes.VerifyAsync(document, error,
            [new TextChange(region.Span, region.Before + "return b;" + region.After), new TextChange(region.Span, region.Before + "return a;" + region.After)],
            [], new ModelFixOptions(), CancellationToken.None);
        var fix = Assert.Single(fixes);
        Assert.Equal("Insert `return a;` (nano model, compiler-checked)", fix.Title);
        Assert.Contains("        a++;\n        return a;\n    }", (await fix.Fixed.GetTextAsync()).ToString());
    }

    [Theory]
    // A misspelt member: the name itself.
    [InlineData("class C { int M(string s) { return s.Lenght; } }", "CS1061", "Lenght", "", "")]
    // A wrong argument count: the arguments between the parentheses.
    [InlineData("class C { int F(int a, int b) => a + b; int M() { return F(1); } }", "CS7036", "1", "", "")]
    // A missing return: a new line before the closing brace, indented as the method's statements.
    [InlineData("class C\n{\n    int M(int a)\n    {\n        a++;\n    }\n}\n", "CS0161", "", "        ", "\n")]
    public async Task TheModelFillsWhereTheMistakeIs(string code, string id, string replaced, string before, string after)
    {
        var (document, _) = FeatureWorkspace.Create(code);
        var error = (await document.GetSemanticModelAsync())!.GetDiagnostics().First(d => d.Id == id);
        var text = await document.GetTextAsync();
        var region = FillRegion.For((await document.GetSyntaxRootAsync())!, text, error);
        Assert.NotNull(region);
        Assert.Equal(replaced, text.ToString(region.Span));
        Assert.Equal((before, after), (region.Before, region.After));
        if (id == "CS0161")
            Assert.Equal("    }", text.Lines.GetLineFromPosition(region.Span.Start).ToString());
    }

    [Theory]
    [InlineData("int x = y;", "int x = (int)y;", "Insert `(int)`")]
    [InlineData("Foo(a);", "Foo(a, b);", "Insert `, b`")]
    [InlineData("Foo(a, b);", "Foo(a);", "Remove `, b`")]
    public void TitlesSayWhatChanges(string before, string after, string title)
    {
        var text = SourceText.From(before);
        var change = ModelFixes.SmallestChange(text, new TextSpan(0, before.Length), after)!.Value;
        Assert.Equal($"{title} (nano model, compiler-checked)", ModelFixes.TitleOf(text, change));
    }
}
