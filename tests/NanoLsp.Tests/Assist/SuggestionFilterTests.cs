using Microsoft.CodeAnalysis;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

public class SuggestionFilterTests
{
    // A generous compile-check budget: these tests check verdicts, on a shared box, in fresh workspaces.
    private static readonly FilterOptions Options = FilterOptions.Default with { CompileCheckBudget = TimeSpan.FromSeconds(20) };

    private const string Source = """
        using System.Collections.Generic;
        class A
        {
            int Run(List<int> list)
            {
                int total = 0;
                $$
                return total;
            }
        }
        """;

    private static async Task<(Document Document, int Caret, PromptContext Context)> At(string source, string typed = "", string after = "")
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", source.Replace("$$", typed + "$$" + after)));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, PromptBudget.For(512), false, default);
        return (document, caret, context);
    }

    private readonly SuggestionFilter _filter = new();

    private async Task<FilterVerdict> Verdict(string source, string suggestion, string typed = "", string after = "", FilterOptions? options = null,
        IReadOnlyList<GeneratedToken>? tokens = null)
    {
        var (document, caret, context) = await At(source, typed, after);
        var (verdict, _) = await _filter.CheckAsync(document, caret, suggestion, tokens ?? [], context, options ?? Options, default);
        return verdict;
    }

    [Fact]
    public async Task EmptyAndWhitespaceOnlyAreDropped()
    {
        Assert.Equal(FilterVerdict.Empty, await Verdict(Source, ""));
        Assert.Equal(FilterVerdict.WhitespaceOnly, await Verdict(Source, "   \t"));
    }

    [Fact]
    public async Task RepeatOfTheNextLineIsDropped()
    {
        Assert.Equal(FilterVerdict.RepeatsNextLine, await Verdict(Source, "return total;"));
        Assert.Equal(FilterVerdict.RepeatsNextLine, await Verdict(Source, "\n        return total;\n        return total;"));
    }

    [Fact]
    public async Task RepeatOfTheTextAfterTheCursorIsDropped()
    {
        Assert.Equal(FilterVerdict.RepeatsSuffix, await Verdict(Source, "Count", typed: "total = list.", after: "Count;"));
    }

    [Fact]
    public async Task SuggestionThatAddsACompileErrorIsDropped()
    {
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "total += undefinedThing;"));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Length;", typed: "total = list."));
    }

    [Fact]
    public async Task SuggestionThatFixesTheLineIsKept()
    {
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "Count;", typed: "total = list."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "total += list.Count;"));
    }

    [Fact]
    public async Task AnUnfinishedCallIsJudgedOnWhatItBreaksNotOnWhatItHasYetToWrite()
    {
        // Nothing after the suggestion on its line: the argument list, string and statement it leaves open are
        // what the user writes next, not errors it adds.
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "WriteLine(", typed: "System.Console."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "WriteLine(\"total: ", typed: "System.Console."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "WriteLine($\"{list.", typed: "System.Console."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "WriteLine", typed: "System.Console."));
        // A required argument not written yet (CS7036) is unfinished too, when the ones written fit.
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "Insert(0, ", typed: "list."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "total = System.Math.Max(total, list.", typed: ""));
        // A method named without its `(` yet: errors about the method group (`!` on it) are the call still to open.
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "Contains", typed: "if (!list."));
    }

    [Fact]
    public async Task AnUnfinishedCallStillFailsOnWhatItGetsWrong()
    {
        // A member that does not exist, a name that does not exist, an argument of the wrong type (however
        // the list goes on), more arguments than any overload takes, a name cut short.
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "WriteLin(", typed: "System.Console."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "WriteLine(undefinedThing", typed: "System.Console."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Insert(\"zero\", ", typed: "list."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Clear(1", typed: "list."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Cou", typed: "total = list."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Count", typed: "if (!list."));   // `!` on an int
    }

    [Fact]
    public async Task ASuggestionThatCompletesItsLineButBreaksItFails()
    {
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "WriteLine(total));", typed: "System.Console."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "WriteLine(total;", typed: "System.Console."));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "WriteLine(\"total);", typed: "System.Console."));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "WriteLine(total);", typed: "System.Console."));
    }

    [Fact]
    public async Task WhatTheUserOpenedAndClosesOnTheLinesBelowStaysAsItIs()
    {
        // An element or argument of a list the user writes over several lines, a chain that goes on below:
        // nothing is closed at the suggestion's end, and the suggestion is judged with the lines below it.
        const string lines = """
            using System.Collections.Generic;
            using System.Linq;
            class A
            {
                int Run(List<int> list)
                {
                    var more = new List<int>
                    {
                        1,
                        $$
                    };
                    int most = System.Math.Max(
                        list.Count,
                        $$
                        list.Count);
                    return list
                        $$
                        .Sum();
                }
            }
            """;
        static string Only(string source, int index)
        {
            int n = 0;
            return System.Text.RegularExpressions.Regex.Replace(source, @"\$\$", m => n++ == index ? "$$" : "");
        }
        Assert.Equal(FilterVerdict.Keep, await Verdict(Only(lines, 0), "2,"));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Only(lines, 1), "list.Count +"));
        Assert.Equal(FilterVerdict.Keep, await Verdict(Only(lines, 2), ".Where(x => x > 1)"));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Only(lines, 0), "\"two\","));
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Only(lines, 2), ".Wher(x => x > 1)"));
    }

    [Fact]
    public async Task ASuggestionInsideALineMustFitTheRestOfItAsItIs()
    {
        // `(total;` followed by the line's own `;`: the rest of the line is not the suggestion's to finish.
        Assert.Equal(FilterVerdict.AddsCompileErrors, await Verdict(Source, "Math.Max(1", typed: "total = ", after: ";"));
    }

    [Theory]
    [InlineData("    Console.", 0, "WriteLine(")]
    [InlineData("    Console.", 0, "WriteLine")]
    [InlineData("inventory.Re", 0, "ceive(new Product(\"")]
    [InlineData("inventory.Re", 2, "ceive(new Product(\"")]
    public async Task TheReadmeDemosUnfinishedLinesPass(string typed, int occurrence, string suggestion)
    {
        // samples/Inventory: the next line starts with a name, so as it stands the parser reads it into the
        // open argument list or takes the line for a declaration's type.
        var (document, caret) = AssistWorkspace.InventoryLineCut("Program.cs", typed, occurrence);
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, PromptBudget.For(512), false, default);
        var (verdict, _) = await _filter.CheckAsync(document, caret, suggestion, [], context, Options, default);
        Assert.Equal(FilterVerdict.Keep, verdict);
        var (misspelled, _) = await _filter.CheckAsync(document, caret, suggestion.Replace("WriteLine", "WriteLin").Replace("ceive", "ceiv"),
            [], context, Options, default);
        Assert.Equal(FilterVerdict.AddsCompileErrors, misspelled);
    }

    [Fact]
    public async Task LowConfidenceIsDroppedOnlyBelowTheThresholds()
    {
        GeneratedToken[] tokens = [new(1, -0.1f), new(2, -3.0f)];
        var strict = Options with { MinTokenLogProb = -2.0 };
        Assert.Equal(FilterVerdict.LowConfidence, await Verdict(Source, "total += list.Count;", options: strict, tokens: tokens));
        var mean = Options with { MinMeanLogProb = -1.0 };
        Assert.Equal(FilterVerdict.LowConfidence, await Verdict(Source, "total += list.Count;", options: mean, tokens: tokens));
        var loose = Options with { MinMeanLogProb = -2.0, MinTokenLogProb = -4.0 };
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "total += list.Count;", options: loose, tokens: tokens));
    }

    [Fact]
    public async Task CompileCheckPastItsBudgetPassesAndIsCounted()
    {
        var before = _filter.CompileCheckStats;
        // A budget spent before the check starts: one tick raced the timer against the check, and under CI's load the
        // check (its text and tree cached) once ended first and found the error.
        var verdict = await Verdict(Source, "total += undefinedThing;", options: Options with { CompileCheckBudget = TimeSpan.Zero });
        Assert.Equal(FilterVerdict.Keep, verdict);
        Assert.True(_filter.CompileCheckStats.OverBudget > before.OverBudget);
    }

    [Fact]
    public async Task CompileCheckOffKeepsWhatOnlyTheCompilerWouldDrop()
    {
        Assert.Equal(FilterVerdict.Keep, await Verdict(Source, "total += undefinedThing;", options: Options with { CompileCheck = false }));
    }

    [Fact]
    public async Task TrimStopsASingleLineSuggestionAtTheNewline()
    {
        var (_, _, context) = await At(Source, typed: "total = list.");
        Assert.Equal(SuggestionShape.SingleLine, context.Shape);
        Assert.Equal("Count;", SuggestionFilter.Trim("Count;\n        return 0;\n", context));
    }

    [Fact]
    public async Task TrimStopsAMultiLineSuggestionAtTheBlockEnd()
    {
        var (_, _, body) = await At(Source);
        Assert.Equal(SuggestionShape.MultiLine, body.Shape);
        // On an empty line in a body: one statement or block, then stop.
        Assert.Equal("foreach (var x in list)\n        {\n            total += x;\n        }",
            SuggestionFilter.Trim("foreach (var x in list)\n        {\n            total += x;\n        }\n        return total;\n    }\n", body));
        Assert.Equal("total = list.Count;", SuggestionFilter.Trim("total = list.Count;\n        total++;\n", body));

        // After a line that opens a block whose closing brace is already there: its body, up to that brace.
        const string closed = """
            using System.Collections.Generic;
            class A
            {
                int Run(List<int> list)
                {
                    int total = 0;
                    foreach (var x in list) {$$
                    }
                    return total;
                }
            }
            """;
        var (_, _, opener) = await At(closed);
        Assert.Equal(SuggestionShape.MultiLine, opener.Shape);
        Assert.Equal("\n            total += x;\n            total++;",
            SuggestionFilter.Trim("\n            total += x;\n            total++;\n        }\n        return total;\n", opener));
    }

    [Fact]
    public async Task TrimDropsATailTheLineAlreadyHas()
    {
        var (_, _, context) = await At(Source, typed: "total = Math.Max(total, list.", after: ");");
        Assert.Equal("Count", SuggestionFilter.Trim("Count);", context));
        Assert.Equal("Count", SuggestionFilter.Trim("Count)", context));
        Assert.Equal("IndexOf(3)", SuggestionFilter.Trim("IndexOf(3)", context));
    }

    [Fact]
    public async Task TrimKeepsTheClosingBraceOfABlockNobodyClosedYet()
    {
        const string unclosed = """
            class A
            {
                void Run(int[] list)
                {
                    $$
                }
            }
            """;
        var (_, _, opener) = await At(unclosed, typed: "foreach (var x in list) {");
        Assert.Equal(SuggestionShape.MultiLine, opener.Shape);
        Assert.Equal("\n            System.Console.WriteLine(x);\n        }",
            SuggestionFilter.Trim("\n            System.Console.WriteLine(x);\n        }\n    }\n", opener));
    }
}
