using System.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

/// <summary>MonitorKinds.Names: at a name site, when the model's arg max writes a name that does not exist
/// there, only names in scope, keywords and non-name tokens stay allowed; declarations are never restricted.</summary>
public class NameMonitorTests
{
    private static NanoTokenizer Tokenizer => AssistWorkspace.Tokenizer;

    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        class A
        {
            void Run(List<int> list)
            {
                int inventoryCount = 3;
                $$
            }
        }
        """;

    private const MonitorKinds WithNames = MonitorKinds.All | MonitorKinds.Names;

    /// <summary>The longest vocabulary token that is a prefix of <paramref name="word"/>.</summary>
    private static int TokenStarting(string word, int minLength = 2)
    {
        int best = -1, bestLength = minLength - 1;
        for (int id = 0; id < Tokenizer.VocabSize; id++)
        {
            var bytes = Tokenizer.TokenBytes(id);
            if (Tokenizer.IsSpecial(id) || bytes.Length <= bestLength || bytes.Length > word.Length) continue;
            if (bytes.SequenceEqual(Encoding.UTF8.GetBytes(word[..bytes.Length]))) { best = id; bestLength = bytes.Length; }
        }
        Assert.True(best >= 0, $"no vocabulary token starts '{word}'");
        return best;
    }

    private static int Exact(string text)
    {
        int id = TokenStarting(text, text.Length);
        Assert.Equal(text, Text(id));
        return id;
    }

    private static string Text(int id) => Encoding.UTF8.GetString(Tokenizer.TokenBytes(id));

    /// <summary>One step at <paramref name="typed"/> + <paramref name="generated"/>, with the model's arg max
    /// forced to <paramref name="argmax"/>.</summary>
    private static async Task<(MemberMonitor Monitor, float[] Logits)> Step(string typed, string generated, int argmax,
        MonitorKinds kinds = WithNames, string source = Source)
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", source.Replace("$$", typed + "$$")));
        var monitor = await MemberMonitor.CreateAsync(document, caret, Tokenizer, kinds, healedBytes: default, default);
        Assert.NotNull(monitor);
        var logits = new float[Tokenizer.VocabSize];
        logits[argmax] = 10;
        int[] ids = generated.Length == 0 ? [] : Tokenizer.Encode(generated);
        monitor.Apply(new TokenMaskContext(ids, generated), logits);
        return (monitor, logits);
    }

    [Fact]
    public async Task AtAStatementStartANameThatDoesNotExistIsForbiddenAndNamesInScopeStay()
    {
        int total = Exact("Name"), count = Exact("Count");
        var (monitor, logits) = await Step("", "inventory", total);
        Assert.True(float.IsNegativeInfinity(logits[total]), Text(total));   // inventoryName exists nowhere
        Assert.True(float.IsFinite(logits[count]), Text(count));             // inventoryCount does
        Assert.True(float.IsFinite(logits[Exact(" =")]));                    // not a name: left alone
        Assert.True(float.IsFinite(logits[Exact("(")]));
        Assert.Equal(1, monitor.Stats.NameSteps);
        Assert.Equal(1, monitor.Stats.ArgmaxChanges);

        // A fresh statement: a name nothing has is forbidden; locals, parameters, types and keywords stay.
        int made = Exact("Name");
        var (_, fresh) = await Step("", "", made);
        Assert.True(float.IsNegativeInfinity(fresh[made]));
        foreach (string allowed in new[] { "var", "return", "if", "await", "new", "this", "foreach", "list", "Console", "inventory", "\"", "//", "{", "@" })
        {
            int id = TokenStarting(allowed, 1);
            Assert.True(float.IsFinite(fresh[id]), $"'{Text(id)}' for '{allowed}'");
        }
    }

    [Fact]
    public async Task AModelThatWritesAValidNameIsLeftAsItIs()
    {
        var (monitor, logits) = await Step("", "inventory", Exact("Count"));
        Assert.All(logits.Where((_, i) => i != Exact("Count")), l => Assert.Equal(0f, l));
        Assert.Equal(0, monitor.Stats.NameSteps);
        Assert.Equal(0, monitor.Stats.ArgmaxChanges);
    }

    [Theory]
    [InlineData("var ", "")]                          // `var total`
    [InlineData("int ", "")]                          // `int total`
    [InlineData("", "List<int> ")]                    // a declarator after a generic type
    [InlineData("var big = list.Where(", "")]        // a lambda parameter
    [InlineData("list.ForEach((a, ", "")]            // a parenthesized lambda's second parameter
    [InlineData("int.TryParse(\"1\", out var ", "")] // out var
    [InlineData("if (list is { Count: > 0 } ", "")]  // a pattern designation
    [InlineData("var o = new { ", "")]               // an anonymous type's member
    public async Task ADeclarationSiteIsNeverRestricted(string typed, string generated)
    {
        int total = Exact("item");
        var (monitor, logits) = await Step(typed, generated, total);
        Assert.True(float.IsFinite(logits[total]));
        Assert.All(logits, l => Assert.False(float.IsNegativeInfinity(l)));
        Assert.Equal(0, monitor.Stats.NameSteps);
    }

    [Theory]
    [InlineData("var r = inventoryCount + ")]  // an operand
    [InlineData("var r = Math.Max(1, ")]        // an argument no overload takes a lambda for
    [InlineData("if (!")]                        // after `!`
    [InlineData("var r = ")]                     // the value of a var declaration
    public async Task ExpressionSitesAreRestricted(string typed)
    {
        int total = Exact("Name");
        var (monitor, logits) = await Step(typed, "", total);
        Assert.True(float.IsNegativeInfinity(logits[total]), typed);
        Assert.True(float.IsFinite(logits[TokenStarting("inventory")]), typed);
        Assert.Equal(1, monitor.Stats.NameSteps);
    }

    [Fact]
    public async Task AfterAKeywordANameWithALeadingSpaceIsJudged()
    {
        int spaceTotal = Exact(" item"), spaceInventory = TokenStarting(" inventory");
        var (_, logits) = await Step("", "return", spaceTotal, source: Source.Replace("void Run", "int Run"));
        Assert.True(float.IsNegativeInfinity(logits[spaceTotal]));
        Assert.True(float.IsFinite(logits[spaceInventory]));
        Assert.True(float.IsFinite(logits[Exact(";")]));
    }

    [Fact]
    public async Task WithoutTheKindTheAllowedSetIsTheOldOne()
    {
        int total = Exact("Name");
        foreach (var (typed, generated) in new[] { ("", "inventory"), ("list.", ""), ("var w = new ", ""), ("var r = inventoryCount + ", "") })
        {
            var (_, old) = await Step(typed, generated, total, MonitorKinds.All);
            var (document, caret) = AssistWorkspace.Create(("A.cs", Source.Replace("$$", typed + "$$")));
            Assert.Equal(old, (await Step(typed, generated, total, MonitorKinds.All)).Logits);
            if (typed is "list." or "var w = new ")
                Assert.Equal(old, (await Step(typed, generated, total, WithNames)).Logits); // member and type sites unchanged
            else
                Assert.All(old.Where((_, i) => i != total), l => Assert.Equal(0f, l)); // no name restriction without the kind
        }
    }

    [Theory]
    [InlineData("var s = \"", "inventory")]
    [InlineData("", "// inventory")]
    [InlineData("", "/* inventory")]
    [InlineData("var s = $\"{inventoryCount} ", "inventory")]
    public async Task InsideAStringOrCommentNothingIsRestricted(string typed, string generated)
    {
        int total = Exact("Name");
        var (monitor, logits) = await Step(typed, generated, total);
        Assert.All(logits, l => Assert.False(float.IsNegativeInfinity(l)));
        Assert.Equal(0, monitor.Stats.NameSteps);
    }

    [Fact]
    public async Task ANameTheAnswerDeclaredIsANameToo()
    {
        int total = Exact("Name");
        var (_, logits) = await Step("", "var inventoryName = 0;\n        inventory", total);
        Assert.True(float.IsFinite(logits[total]));
    }
}
