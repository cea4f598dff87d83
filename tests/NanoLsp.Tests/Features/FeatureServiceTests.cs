using Microsoft.CodeAnalysis.Text;
using NanoLsp.Server;
using NanoLsp.Features;
using NanoLsp.Features.CodeActions;
using NanoLsp.Features.Completion;
using NanoLsp.Features.Hover;
using NanoLsp.Protocol;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Features;

/// <summary>The three feature services on a real Roslyn document (no server process).</summary>
public sealed class FeatureServiceTests
{
    // One composition for the class: it takes seconds, as in the server.
    private static readonly LanguageFeatures Features = new(new NanoLsp.Tests.Server.RecordingLogger());

    [Fact]
    public async Task ComposedCatalogHoldsRoslynsCSharpProviders()
    {
        var catalog = await Features.GetCatalogAsync(CancellationToken.None);
        Assert.True(catalog.FixProviders.Length > 100, $"{catalog.FixProviders.Length} fix providers");
        Assert.True(catalog.RefactoringProviders.Length > 60, $"{catalog.RefactoringProviders.Length} refactoring providers");
        Assert.NotEmpty(catalog.FixesFor("CS0246"));
    }

    [Fact]
    public async Task AddUsingFixForStringBuilderInsertsSystemText()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { var b = new $$StringBuilder(); } }");
        var service = new CodeActionService(Features);
        var actions = await service.GetActionsAsync(document, new TextSpan(caret, 0), includeRefactorings: false, CancellationToken.None);
        var addUsing = Assert.Single(actions, a => a.Title == "using System.Text;");
        // The import ranks above fully qualifying the name or generating a new type.
        Assert.True(actions[0] == addUsing, "First: " + string.Join(" | ", actions.Select(a => $"{a.Title} ({a.Action.Priority})")));
        Assert.Equal(CodeActionKinds.QuickFix, addUsing.Kind);

        var edit = await CodeActionEditBuilder.BuildAsync(addUsing.Action, document.Project.Solution, EditOptions.Default, CancellationToken.None);
        var textEdit = Assert.IsType<TextDocumentEdit>(Assert.Single(edit.DocumentChanges!));
        Assert.Contains("using System.Text;", string.Concat(textEdit.Edits.Select(e => e.NewText)));
        Assert.EndsWith("/Test.cs", textEdit.TextDocument.Uri);
    }

    [Fact]
    public async Task ResolveFindsTheListedActionAgain()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { int M() { var $$total = 1 + 2; return total; } }");
        var service = new CodeActionService(Features);
        var span = new TextSpan(caret, 0);
        var actions = await service.GetActionsAsync(document, span, includeRefactorings: true, CancellationToken.None);
        var inline = Assert.Single(actions, a => a.Kind == CodeActionKinds.RefactorInline);
        var text = await document.GetTextAsync();
        var found = await service.FindAsync(document, span, new CodeActionData("file:///Test.cs", ProtocolConversions.ToRange(text, span), inline.Provider, inline.Index, inline.Title), CancellationToken.None);
        var edit = await CodeActionEditBuilder.BuildAsync(found.Action, document.Project.Solution, EditOptions.Default with { SupportsDocumentChanges = false }, CancellationToken.None);
        var edits = Assert.Single(edit.Changes!).Value;
        Assert.Contains(edits, e => e.NewText.Contains("1 + 2"));
    }

    [Fact]
    public async Task AnActionThatNoLongerAppliesIsAContentModifiedError()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { $$ } }");
        var service = new CodeActionService(Features);
        var data = new CodeActionData("file:///Test.cs", new Protocol.Range(new(0, 0), new(0, 0)), "AddImport", 0, "using System.Text;");
        var error = await Assert.ThrowsAsync<LspException>(() => service.FindAsync(document, new TextSpan(caret, 0), data, CancellationToken.None));
        Assert.Equal(LspErrorCodes.ContentModified, error.Code);
    }

    [Fact]
    public async Task FileCreatingActionBecomesCreateFileAndFill()
    {
        var (document, caret) = FeatureWorkspace.Create("class Other { }\nclass $$Second { }", "First.cs");
        var service = new CodeActionService(Features);
        var actions = await service.GetActionsAsync(document, new TextSpan(caret, 0), includeRefactorings: true, CancellationToken.None);
        var move = Assert.Single(actions, a => a.Title.StartsWith("Move type to Second.cs", StringComparison.Ordinal));
        var edit = await CodeActionEditBuilder.BuildAsync(move.Action, document.Project.Solution, EditOptions.Default, CancellationToken.None);
        var create = Assert.Single(edit.DocumentChanges!.OfType<CreateFile>());
        Assert.EndsWith("/Second.cs", create.Uri);
        var fill = Assert.Single(edit.DocumentChanges!.OfType<TextDocumentEdit>(), e => e.TextDocument.Uri == create.Uri);
        Assert.Contains("class Second", fill.Edits[0].NewText);
    }

    [Fact]
    public async Task ActionsNeedingAnOptionsDialogAreLeftOut()
    {
        var (document, caret) = FeatureWorkspace.Create("class $$Order { public int Id { get; set; } public string Name { get; set; } = \"\"; public void Ship() { } }");
        var service = new CodeActionService(Features);
        var actions = await service.GetActionsAsync(document, new TextSpan(caret, 0), includeRefactorings: true, CancellationToken.None);
        Assert.NotEmpty(actions);
        Assert.DoesNotContain(actions, a => a.Action is Microsoft.CodeAnalysis.CodeActions.CodeActionWithOptions);
        // "Extract interface..." opens a dialog in Visual Studio; here it is not offered.
        Assert.DoesNotContain(actions, a => a.Title.StartsWith("Extract interface", StringComparison.Ordinal));
    }

    [Fact]
    public void RefactoringKindsFollowTheProviderNames()
    {
        Assert.Equal(CodeActionKinds.RefactorExtract, CodeActionService.RefactoringKind("Extract Method Code Action Provider"));
        Assert.Equal(CodeActionKinds.RefactorExtract, CodeActionService.RefactoringKind("Introduce Variable Code Action Provider"));
        Assert.Equal(CodeActionKinds.RefactorInline, CodeActionService.RefactoringKind("Inline Temporary Code Action Provider"));
        Assert.Equal(CodeActionKinds.SourceOrganizeImports, CodeActionService.RefactoringKind("OrganizeImports"));
        Assert.Equal(CodeActionKinds.RefactorRewrite, CodeActionService.RefactoringKind("Use Expression Body Code Action Provider"));
    }

    [Fact]
    public async Task HoverOnASymbolShowsSignatureAndSummary()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { System.Console.Write$$Line(\"hi\"); } }");
        var hover = await new HoverService(new CodeActionService(Features)).GetHoverAsync(document, caret, CancellationToken.None);
        Assert.NotNull(hover);
        Assert.Contains("```csharp", hover.Markdown);
        Assert.Contains("Console.WriteLine(string? value)", hover.Markdown);
        Assert.Contains("Writes the specified string value", hover.Markdown);
    }

    [Fact]
    public async Task HoverOnAnErrorExplainsItWithRealNamesAndFixes()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { var b = new String$$Builder(); } }");
        var hover = await new HoverService(new CodeActionService(Features)).GetHoverAsync(document, caret, CancellationToken.None);
        Assert.NotNull(hover);
        Assert.Contains("**error CS0246**", hover.Markdown);
        Assert.Contains("The type `StringBuilder` is not known here", hover.Markdown);
        Assert.Contains("- using System.Text;", hover.Markdown);
    }

    [Fact]
    public async Task HoverOnAnUncuratedErrorFallsBackToTheCompilerMessageAndItsDocumentation()
    {
        // CS0173 has no curated text (docs/hover-explanations.md): the hover still says what is wrong and where to read more.
        Assert.Null(ExplanationCatalog.Find("CS0173"));
        var (document, caret) = FeatureWorkspace.Create("class C { void M(bool b) { var x = b ? 1 : \"o$$ne\"; } }");
        var hover = await new HoverService(new CodeActionService(Features)).GetHoverAsync(document, caret, CancellationToken.None);
        Assert.NotNull(hover);
        Assert.Contains("**error CS0173**", hover.Markdown);
        Assert.Contains("Type of conditional expression cannot be determined", hover.Markdown);
        Assert.Matches(@"\[CS0173 in the documentation\]\(https://[^)]*(cs0173|CS0173)[^)]*\)", hover.Markdown);
    }

    [Fact]
    public async Task HoverOnAnUnusedUsingExplainsItAndOffersTheRemoval()
    {
        var (document, caret) = FeatureWorkspace.Create("using System.Te$$xt;\nclass C { }");
        var hover = await new HoverService(new CodeActionService(Features)).GetHoverAsync(document, caret, CancellationToken.None);
        Assert.NotNull(hover);
        Assert.Contains("CS8019", hover.Markdown);
        Assert.Contains("Nothing in this file uses anything from `System.Text`", hover.Markdown);
        Assert.Contains("- Remove unnecessary usings", hover.Markdown);
    }

    /// <summary>The list a '.' typed at `$$` opens, with the service that made it (resolve asks the same one).</summary>
    private static async Task<(CompletionFeatureService Service, Microsoft.CodeAnalysis.Document Document, Microsoft.CodeAnalysis.Text.SourceText Text,
        int Caret, Protocol.CompletionList List)> ListAfterDotAsync(string source)
    {
        var (document, caret) = FeatureWorkspace.Create(source);
        var text = await document.GetTextAsync();
        var service = new CompletionFeatureService();
        var list = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(text, caret),
            new Protocol.CompletionContext(CompletionTriggerKinds.TriggerCharacter, "."), CancellationToken.None);
        return (service, document, text, caret, list);
    }

    [Fact]
    public async Task CompletionAfterConsoleDotOffersWriteLineWithDocumentationOnResolve()
    {
        var (service, document, text, caret, list) = await ListAfterDotAsync("class C { void M() { System.Console.$$ } }");
        var writeLine = Assert.Single(list.Items, i => i.Label == "WriteLine");
        Assert.Equal(CompletionItemKinds.Method, writeLine.Kind);
        Assert.Equal(ProtocolConversions.ToPosition(text, caret), writeLine.TextEdit!.Range.Start);

        var resolved = await service.ResolveAsync(document, writeLine, CancellationToken.None);
        Assert.Contains("WriteLine", resolved.Detail);
        Assert.Contains("Writes the current line terminator", resolved.Documentation!.Value);
    }

    [Fact]
    public async Task AnItemFromANamespaceNotImportedBringsItsUsingOnResolveAndTheListStaysQuick()
    {
        var (service, document, text, caret, list) =
            await ListAfterDotAsync("using System.Collections.Generic;\nclass C\n{\n    void M(List<int> items)\n    {\n        items.$$\n    }\n}");
        var frozen = Assert.Single(list.Items, i => i.Label.StartsWith("ToFrozenSet", StringComparison.Ordinal));
        // The list inserts the name where the caret is; the using comes with resolve.
        Assert.Equal(ProtocolConversions.ToPosition(text, caret), frozen.TextEdit!.Range.Start);
        Assert.Null(frozen.AdditionalTextEdits);

        var resolved = await service.ResolveAsync(document, frozen, CancellationToken.None);
        var edit = Assert.Single(resolved.AdditionalTextEdits!);
        Assert.True(edit.Range.End.Line < ProtocolConversions.ToPosition(text, caret).Line);
        var accepted = text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(ProtocolConversions.ToSpan(text, edit.Range), edit.NewText)).ToString();
        Assert.StartsWith("using System.Collections.Frozen;\nusing System.Collections.Generic;\n", accepted.Replace("\r\n", "\n"));

        // An item of an imported namespace needs nothing more.
        var add = Assert.Single(list.Items, i => i.Label == "Add");
        Assert.Null((await service.ResolveAsync(document, add, CancellationToken.None)).AdditionalTextEdits);
    }

    [Fact]
    public async Task AwaitInAMethodNotYetAsyncIsItsOwnTextInTheListAndMakesTheMethodAsyncOnResolve()
    {
        var (document, caret) = FeatureWorkspace.Create(
            "using System.Threading.Tasks;\nclass C\n{\n    int M(Task<int> pending)\n    {\n        $$\n        return 0;\n    }\n}");
        var text = await document.GetTextAsync();
        var service = new CompletionFeatureService();
        var list = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(text, caret),
            new Protocol.CompletionContext(CompletionTriggerKinds.Invoked, null), CancellationToken.None);
        var await_ = Assert.Single(list.Items, i => i.Label == "await");
        // The list inserts the keyword where the caret is (Roslyn's change rewrites the whole method)...
        Assert.Equal("await", await_.TextEdit!.NewText);
        Assert.Equal(ProtocolConversions.ToPosition(text, caret), await_.TextEdit.Range.Start);
        Assert.Null(await_.AdditionalTextEdits);

        // ... and resolve adds what it does to the method's signature, on its own line.
        var resolved = await service.ResolveAsync(document, await_, CancellationToken.None);
        var edits = resolved.AdditionalTextEdits!;
        Assert.NotEmpty(edits);
        Assert.All(edits, e => Assert.Equal(3, e.Range.Start.Line));
        var accepted = text.WithChanges(edits.Append(await_.TextEdit)
            .Select(e => new Microsoft.CodeAnalysis.Text.TextChange(ProtocolConversions.ToSpan(text, e.Range), e.NewText))).ToString();
        Assert.Contains("    async Task<int> M(Task<int> pending)\n", accepted.Replace("\r\n", "\n"));
        Assert.Contains("        await\n        return 0;", accepted.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task AwaitAfterADotInAnAsyncMethodBecomesAnAwaitOfTheExpressionInTheList()
    {
        var (service, document, text, caret, list) =
            await ListAfterDotAsync("using System.Threading.Tasks;\nclass C\n{\n    async Task<int> M(Task<int> pending)\n    {\n        var n = pending.$$\n    }\n}");
        var await_ = Assert.Single(list.Items, i => i.Label == "await");
        // Roslyn's change stays on the line: the list sends it whole.
        var edit = await_.TextEdit!;
        Assert.Equal(5, edit.Range.Start.Line);
        var accepted = text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(ProtocolConversions.ToSpan(text, edit.Range), edit.NewText)).ToString();
        Assert.Contains("var n = await pending", accepted);
        Assert.Null((await service.ResolveAsync(document, await_, CancellationToken.None)).AdditionalTextEdits);
    }

    [Fact]
    public async Task AnXmlDocCommentTagKeepsItsWholeTextInTheListOfAMethodNotAsync()
    {
        // Roslyn's doc comment items are keywords whose change is theirs alone, on the caret's line (not 'await''s case).
        var (document, caret) = FeatureWorkspace.Create("class C\n{\n    /// <summary>Runs.</summary>\n    /// <$$\n    void M() { }\n}");
        var text = await document.GetTextAsync();
        var service = new CompletionFeatureService();
        var list = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(text, caret),
            new Protocol.CompletionContext(CompletionTriggerKinds.TriggerCharacter, "<"), CancellationToken.None);
        var see = Assert.Single(list.Items, i => i.Label == "see");
        Assert.Contains("cref", see.TextEdit!.NewText);
        Assert.Equal(3, see.TextEdit.Range.Start.Line);
    }

    [Fact]
    public async Task ResolveFindsItsItemAfterANewerListReplacedTheCachedOne()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { System.Console.$$ } }");
        var (other, otherCaret) = FeatureWorkspace.Create("class C { void M() { System.Math.$$ } }");
        var service = new CompletionFeatureService();
        var list = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(await document.GetTextAsync(), caret),
            new Protocol.CompletionContext(CompletionTriggerKinds.TriggerCharacter, "."), CancellationToken.None);
        var beep = Assert.Single(list.Items, i => i.Label == "Beep");
        await service.GetCompletionsAsync(other, ProtocolConversions.ToPosition(await other.GetTextAsync(), otherCaret), null, CancellationToken.None);

        var resolved = await service.ResolveAsync(document, beep, CancellationToken.None);
        Assert.Contains("Console.Beep()", resolved.Detail);
    }

    [Fact]
    public async Task CommitCharactersAreOfferedExceptWhileANameIsBeingDeclared()
    {
        var service = new CompletionFeatureService();
        var (member, memberCaret) = FeatureWorkspace.Create("class C { void M() { System.Console.$$ } }");
        var members = await service.GetCompletionsAsync(member, ProtocolConversions.ToPosition(await member.GetTextAsync(), memberCaret), null, CancellationToken.None, commitCharacters: true);
        Assert.Equal([".", "(", ";", "["], members.Items[0].CommitCharacters);

        // A lambda parameter being named: Roslyn is in suggestion mode, so nothing typed may commit.
        var (lambda, lambdaCaret) = FeatureWorkspace.Create("class C { void M() { System.Func<int, int> f = ($$ } }");
        var names = await service.GetCompletionsAsync(lambda, ProtocolConversions.ToPosition(await lambda.GetTextAsync(), lambdaCaret), null, CancellationToken.None, commitCharacters: true);
        Assert.NotEmpty(names.Items);
        Assert.All(names.Items, i => Assert.Null(i.CommitCharacters));
    }

    [Fact]
    public async Task SpaceTriggersCompletionOnlyAfterNew()
    {
        var (document, caret) = FeatureWorkspace.Create("class C { void M() { System.Text.StringBuilder b = new $$ } }");
        var (other, otherCaret) = FeatureWorkspace.Create("class C { void M() { var $$ } }");
        var service = new CompletionFeatureService();
        var space = new Protocol.CompletionContext(CompletionTriggerKinds.TriggerCharacter, " ");
        var afterNew = await service.GetCompletionsAsync(document, ProtocolConversions.ToPosition(await document.GetTextAsync(), caret), space, CancellationToken.None);
        Assert.Contains(afterNew.Items, i => i.Label.Contains("StringBuilder", StringComparison.Ordinal));
        var elsewhere = await service.GetCompletionsAsync(other, ProtocolConversions.ToPosition(await other.GetTextAsync(), otherCaret), space, CancellationToken.None);
        Assert.Empty(elsewhere.Items);
    }
}
