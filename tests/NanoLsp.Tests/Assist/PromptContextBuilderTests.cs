using System.Text;
using NanoLsp.Assist;

namespace NanoLsp.Tests.Assist;

public class PromptContextBuilderTests
{
    private static readonly PromptBudget Budget = PromptBudget.For(512);

    [Fact]
    public async Task HeaderHoldsSignatureOfTypeDeclaredInAnotherFileAndUsedInTheMethod()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.Add(units);");
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget with { HeaderTokens = 200 },
            includeHeader: true, default);

        Assert.Contains("class StockItem", context.Header);
        Assert.Contains("    bool TryRemove(int units);", context.Header);
        Assert.Contains("    StockItem(Product product, int quantity);", context.Header);
        Assert.DoesNotContain("public", context.Header);
    }

    [Fact]
    public async Task HeaderStaysWithinItsTokenBudget()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.Add(units);");
        foreach (int headerTokens in new[] { 12, 30, 60, 128 })
        {
            var budget = Budget with { HeaderTokens = headerTokens };
            var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, budget, includeHeader: true, default);
            Assert.True(AssistWorkspace.Tokenizer.Encode(context.Header).Length <= headerTokens,
                $"{headerTokens}: {AssistWorkspace.Tokenizer.Encode(context.Header).Length} tokens\n{context.Header}");
        }
        var full = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, includeHeader: true, default);
        var small = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget with { HeaderTokens = 30 }, includeHeader: true, default);
        Assert.True(small.Header.Length < full.Header.Length);
    }

    [Fact]
    public async Task HeaderNeverRepeatsADeclarationInsideTheWindows()
    {
        var (document, caret) = AssistWorkspace.Create(("Shop.cs", """
            namespace Shop;
            record Price(decimal Amount);
            class Basket
            {
                public Price Total() => new Price(0);
                public void Add(Item item) { }
                public void Run()
                {
                    var item = new Item("pen");
                    Add(item);
                    $$
                }
            }
            """), ("Item.cs", """
            namespace Shop;
            public class Item(string name)
            {
                public string Name { get; } = name;
                public int Weight() => 1;
            }
            """));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, includeHeader: true, default);

        Assert.Contains("class Item(string name)", context.Header);
        Assert.Contains("    int Weight();", context.Header);
        Assert.DoesNotContain("Price", context.Header);   // declared in the prefix window
        Assert.DoesNotContain("Basket", context.Header);  // the enclosing type, all of it in view
    }

    [Fact]
    public async Task WithoutHeaderTheHeaderIsEmpty()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.Add(units);");
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, includeHeader: false, default);
        Assert.Equal("", context.Header);
        Assert.EndsWith("item.Add(units);", context.Prefix);
    }

    [Fact]
    public async Task PrefixWindowStartIsStableAcrossAOneCharEdit()
    {
        var source = new StringBuilder("class Big\n{\n    void Run()\n    {\n");
        for (int i = 0; i < 300; i++) source.Append($"        System.Console.WriteLine(\"line {i}\" + {i});\n");
        source.Append("        var x = 1$$;\n    }\n}\n");
        var (document, caret) = AssistWorkspace.Create(("Big.cs", source.ToString()));
        var before = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, false, default);
        var text = await document.GetTextAsync();
        var edited = document.WithText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(caret, 0), "2")));
        var after = await PromptContextBuilder.BuildAsync(edited, caret + 1, AssistWorkspace.Tokenizer, Budget, false, default);

        Assert.Equal(before.Prefix + "2", after.Prefix);
        Assert.StartsWith("        System.Console", before.Prefix);                       // a line start
        Assert.True(before.Prefix.Length < source.Length / 2);                               // a window, not the file
        Assert.True(AssistWorkspace.Tokenizer.Encode(before.Prefix).Length <= Budget.PrefixTokens);
        Assert.True(AssistWorkspace.Tokenizer.Encode(before.Suffix).Length <= Budget.SuffixTokens);
    }

    [Fact]
    public async Task WithTheSuffixFromTheCaretTheTypedLettersAreInNeitherWindow()
    {
        // The completion list's ranking at `item.Ad|`: the prompt is the one the document had at `item.|` before the
        // letters were typed (the inline prompt of that keystroke, so the engine's prefix cache holds it), not one whose
        // suffix starts with "Ad" (which asks the model for the text before "Ad").
        var (typed, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.Ad");
        var text = await typed.GetTextAsync();
        var untyped = typed.WithText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(caret - 2, 2), "")));

        var before = await PromptContextBuilder.BuildAsync(untyped, caret - 2, AssistWorkspace.Tokenizer, Budget, includeHeader: true, default);
        var ranked = await PromptContextBuilder.BuildAsync(typed, caret - 2, AssistWorkspace.Tokenizer, Budget,
            [new DeclarationHeaderSource()], default, suffixStart: caret);
        var fromWordStart = await PromptContextBuilder.BuildAsync(typed, caret - 2, AssistWorkspace.Tokenizer, Budget, includeHeader: true, default);

        Assert.EndsWith("item.", ranked.Prefix);
        Assert.Equal(before.Prefix, ranked.Prefix);
        Assert.Equal(before.Suffix, ranked.Suffix);
        Assert.Equal(before.LineSuffix, ranked.LineSuffix);
        Assert.Equal(before.Header, ranked.Header);
        Assert.StartsWith("Ad", fromWordStart.Suffix);
        Assert.StartsWith("d(units);", ranked.Suffix);
    }

    [Theory]
    [InlineData("    void Run()\n    {$$\n    }\n", SuggestionShape.MultiLine)]
    [InlineData("    void Run()\n    {\n        $$\n    }\n", SuggestionShape.MultiLine)]
    [InlineData("    void Run()\n    {\n        var x = $$;\n    }\n", SuggestionShape.SingleLine)]
    [InlineData("    void Run()\n    {\n        var x = 1$$\n    }\n", SuggestionShape.SingleLine)]
    public async Task ShapeIsMultiLineOnlyAfterABlockOpenerOrOnAnEmptyLineInABody(string body, SuggestionShape expected)
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", "class A\n{\n" + body + "}\n"));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, false, default);
        Assert.Equal(expected, context.Shape);
    }

    [Fact]
    public async Task LineFactsDescribeTheCursorLine()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", "class A\n{\n    int F(int a)\n    {\n        var b = a +$$ 1;\n\n        return b;\n    }\n}\n"));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, false, default);
        Assert.Equal("        var b = a +", context.LinePrefix);
        Assert.Equal(" 1;", context.LineSuffix);
        Assert.Equal("        return b;", context.NextLine);
        Assert.Equal("        ", context.Indentation);
    }
    [Fact]
    public async Task PromptFitsFimPromptWithoutCuttingAnyPart()
    {
        const int modelContext = 256, answer = 48;
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer,
            PromptBudget.For(modelContext, answer), includeHeader: true, default);
        Assert.NotEqual("", context.Header);
        var tokenizer = AssistWorkspace.Tokenizer;
        var prompt = Model.FimPrompt.Build(tokenizer, context.Prefix, context.Suffix, context.Header, maxTokens: modelContext - answer);
        int whole = 1 + tokenizer.Encode(context.Header + "\n").Length + 3 + tokenizer.Encode(context.Prefix).Length
            - (prompt.Healing is null ? 0 : 1) + tokenizer.Encode(context.Suffix).Length;
        Assert.Equal(whole, prompt.Ids.Length);
        Assert.True(prompt.Ids.Length <= modelContext - answer);
    }

    [Fact]
    public async Task BlankLineTakesTheIndentationOfItsBlock()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", "class A\n{\n    void Run()\n    {\n$$\n    }\n}\n"));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, false, default);
        Assert.Equal("        ", context.Indentation);
        Assert.Equal(SuggestionShape.MultiLine, context.Shape);
    }

    [Fact]
    public async Task HeaderIsReusedWhileANameIsTypedAndRebuiltWhenAnotherFileChanges()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var text = await document.GetTextAsync();
        var source = new DeclarationHeaderSource();
        var first = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, [source], default);
        var (hits, _) = source.Cache.Counts;

        var typed = document.WithText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(caret, 0), "Tr")));
        var second = await PromptContextBuilder.BuildAsync(typed, caret + 2, AssistWorkspace.Tokenizer, Budget, [source], default);
        Assert.True(source.Cache.Counts.Hits > hits);
        Assert.Equal(first.Header, second.Header);
        // What the cache returned is what a fresh build gives.
        var windows = new Microsoft.CodeAnalysis.Text.TextSpan(caret + 2 - second.Prefix.Length, second.Prefix.Length + second.Suffix.Length);
        Assert.Equal(await ContextHeader.BuildUncachedAsync(typed, caret + 2, windows, AssistWorkspace.Tokenizer, Budget.HeaderTokens, default), second.Header);

        // StockItem gains a member in its own file: the header must show it.
        var third = await PromptContextBuilder.BuildAsync(await WithRebuiltMemberInStockItem(typed), caret + 2, AssistWorkspace.Tokenizer,
            Budget with { HeaderTokens = 300 }, [source], default);
        Assert.Contains("int Rebuilt();", third.Header);
    }

    /// <summary><paramref name="document"/> in the solution where StockItem (another file) gained `int Rebuilt()`.</summary>
    private static async Task<Microsoft.CodeAnalysis.Document> WithRebuiltMemberInStockItem(Microsoft.CodeAnalysis.Document document)
    {
        var stockItem = document.Project.Documents.Single(d => d.Name.EndsWith("StockItem.cs"));
        var stockText = await stockItem.GetTextAsync();
        int at = stockText.ToString().IndexOf("    public void Add(", StringComparison.Ordinal);
        var changed = stockItem.WithText(stockText.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(at, 0), "    public int Rebuilt() => 1;\n")));
        return changed.Project.GetDocument(document.Id)!;
    }

    [Fact]
    public async Task AServingStaleCacheAnswersANearMissAtOnceAndBuildsTheExactHeaderBehind()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var text = await document.GetTextAsync();
        var source = new DeclarationHeaderSource(serveStale: true);
        // None near: the request waits for the build a little (HeaderCache.ColdWait), then goes on without it.
        var cold = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, [source], default);
        await source.Cache.RefreshedAsync();
        var first = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, Budget, [source], default);
        Assert.NotEqual("", first.Header);
        Assert.True(cold.Header == first.Header || (cold.Header == "" && source.Cache.ServedWithout == 1));

        // A space ends the name: the exact key misses, and the header of one keystroke before stands in.
        var typed = document.WithText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(caret, 0), "Name ")));
        var second = await PromptContextBuilder.BuildAsync(typed, caret + 5, AssistWorkspace.Tokenizer, Budget, [source], default);
        Assert.Equal(1, source.Cache.StaleServed);
        Assert.Equal(first.Header, second.Header);

        // Once the background build is done, the same request hits the exact header, as a fresh build makes it.
        await source.Cache.RefreshedAsync();
        var (hits, _) = source.Cache.Counts;
        var third = await PromptContextBuilder.BuildAsync(typed, caret + 5, AssistWorkspace.Tokenizer, Budget, [source], default);
        Assert.Equal(hits + 1, source.Cache.Counts.Hits);
        var windows = new Microsoft.CodeAnalysis.Text.TextSpan(caret + 5 - third.Prefix.Length, third.Prefix.Length + third.Suffix.Length);
        Assert.Equal(await ContextHeader.BuildUncachedAsync(typed, caret + 5, windows, AssistWorkspace.Tokenizer, Budget.HeaderTokens, default), third.Header);

        // Far from it (another document changed, and the budget): never the old header; the new one, or none while it
        // is built (past ColdWait), and then the new one.
        var changed = await WithRebuiltMemberInStockItem(typed);
        var fourth = await PromptContextBuilder.BuildAsync(changed, caret + 5, AssistWorkspace.Tokenizer, Budget with { HeaderTokens = 300 }, [source], default);
        Assert.Equal(1, source.Cache.StaleServed);
        Assert.True(fourth.Header.Contains("int Rebuilt();") || fourth.Header == "", fourth.Header);
        await source.Cache.RefreshedAsync();
        var fifth = await PromptContextBuilder.BuildAsync(changed, caret + 5, AssistWorkspace.Tokenizer, Budget with { HeaderTokens = 300 }, [source], default);
        Assert.Contains("int Rebuilt();", fifth.Header);

        // An invoked request over the same cache builds what it misses before it answers, even with a header near.
        var changedText = await changed.GetTextAsync();
        var nearer = changed.WithText(changedText.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new(caret + 5, 0), "x ")));
        var invoked = await PromptContextBuilder.BuildAsync(nearer, caret + 7, AssistWorkspace.Tokenizer, Budget with { HeaderTokens = 300 },
            [source.Exact()], default);
        Assert.Equal(1, source.Cache.StaleServed);
        var invokedWindows = new Microsoft.CodeAnalysis.Text.TextSpan(caret + 7 - invoked.Prefix.Length, invoked.Prefix.Length + invoked.Suffix.Length);
        Assert.Equal(await ContextHeader.BuildUncachedAsync(nearer, caret + 7, invokedWindows, AssistWorkspace.Tokenizer, 300, default), invoked.Header);
    }
}
