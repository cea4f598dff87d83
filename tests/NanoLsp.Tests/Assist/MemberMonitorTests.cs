using System.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

public class MemberMonitorTests
{
    private static NanoTokenizer Tokenizer => AssistWorkspace.Tokenizer;

    private const string ListSource = """
        using System.Collections.Generic;
        using System.Linq;
        class A
        {
            void Run()
            {
                var list = new List<int>();
                $$
            }
        }
        """;

    /// <summary>The longest vocabulary token that is a prefix of <paramref name="word"/> (at least
    /// <paramref name="minLength"/> bytes, so it says something about the word).</summary>
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

    private static string Text(int id) => Encoding.UTF8.GetString(Tokenizer.TokenBytes(id));

    private static async Task<(MemberMonitor Monitor, float[] Logits)> MaskAt(string source, string typed)
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", source.Replace("$$", typed + "$$")));
        var monitor = await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default);
        Assert.NotNull(monitor);
        var logits = new float[Tokenizer.VocabSize];
        monitor.Apply(new TokenMaskContext([], ""), logits);
        return (monitor, logits);
    }

    [Fact]
    public async Task AfterMemberAccessOnlyTokensStartingAMemberNameAreAllowed()
    {
        var (monitor, logits) = await MaskAt(ListSource, "list.");
        int count = TokenStarting("Count"), length = TokenStarting("Length"), space = TokenStarting(" Count");
        Assert.True(float.IsFinite(logits[count]), Text(count));
        Assert.True(float.IsNegativeInfinity(logits[length]), Text(length));
        Assert.True(float.IsNegativeInfinity(logits[space]), Text(space));
        Assert.True(float.IsNegativeInfinity(logits[Tokenizer.EndOfText])); // "list." is no place to stop
        Assert.Equal(1, monitor.Stats.MemberAccessSteps);
    }

    [Fact]
    public async Task ANameTheModelStartedThatNoMemberHasIsADeadEnd()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "list.$$")));
        var monitor = await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default);
        Assert.NotNull(monitor);
        var logits = new float[Tokenizer.VocabSize];
        // The model wrote "_" after the dot: no member of List<int> starts so, so nothing may follow.
        int underscore = Tokenizer.Encode("_").Single();
        monitor.Apply(new TokenMaskContext([underscore], "_"), logits);
        Assert.All(logits, l => Assert.True(float.IsNegativeInfinity(l)));

        // A partial the user typed is left alone: it may name a member still to be written.
        var (_, typed) = await MaskAt(ListSource, "list._");
        Assert.Contains(typed, l => float.IsFinite(l));
    }

    [Fact]
    public async Task ExtensionMethodsAreMembers()
    {
        var (_, logits) = await MaskAt(ListSource, "list.");
        int where = TokenStarting("Where"), select = TokenStarting("Select");
        Assert.True(float.IsFinite(logits[where]), Text(where));
        Assert.True(float.IsFinite(logits[select]), Text(select));
    }

    [Fact]
    public async Task APartialNameNarrowsToMembersThatContinueIt()
    {
        var (_, logits) = await MaskAt(ListSource, "list.Co");
        // "Co" + "unt" continues Count; "Co" + "de" continues nothing on List<int>.
        Assert.True(float.IsFinite(logits[TokenStarting("unt")]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("de")]));
    }

    [Fact]
    public async Task ACompleteMemberNameMayGoOnWithOtherCharacters()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "list.$$")));
        var monitor = (await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default))!;
        // The model already wrote "Count": ")" and ";" may follow, more letters of a non-member may not.
        int[] generated = Tokenizer.Encode("Count");
        var logits = new float[Tokenizer.VocabSize];
        monitor.Apply(new TokenMaskContext(generated, "Count"), logits);
        Assert.True(float.IsFinite(logits[TokenStarting(");")]));
        Assert.True(float.IsFinite(logits[Tokenizer.EndOfText]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("ry")]));
    }

    [Fact]
    public async Task ChainsResolveMemberByMemberThroughGeneratedText()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "var s = list.$$")));
        var monitor = (await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default))!;
        // After "list.Count." the receiver is an int: CompareTo is a member, Count is not.
        int[] generated = Tokenizer.Encode("Count.");
        var logits = new float[Tokenizer.VocabSize];
        monitor.Apply(new TokenMaskContext(generated, "Count."), logits);
        Assert.True(float.IsFinite(logits[TokenStarting("CompareTo")]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("Add")]));
    }

    [Fact]
    public async Task AfterNewATypeInScopeIsAllowed()
    {
        const string source = """
            using System.Text;
            namespace Demo;
            class Order { }
            class A
            {
                void Run()
                {
                    $$
                }
            }
            """;
        var (monitor, logits) = await MaskAt(source, "var w = new ");
        Assert.True(float.IsFinite(logits[TokenStarting("Order")]));
        Assert.True(float.IsFinite(logits[TokenStarting("StringBuilder")]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("Console")]));  // no `using System;`
        Assert.True(float.IsFinite(logits[TokenStarting("{", 1)]));                  // an anonymous type
        Assert.Equal(1, monitor.Stats.ObjectCreationSteps);

        // Right after the keyword, only " Name" tokens are judged.
        var (_, afterKeyword) = await MaskAt(source, "var w = new");
        Assert.True(float.IsFinite(afterKeyword[TokenStarting(" Order")]));
        Assert.True(float.IsNegativeInfinity(afterKeyword[TokenStarting(" Console")]));
        Assert.True(float.IsFinite(afterKeyword[TokenStarting("()")]));
    }

    [Fact]
    public async Task AnUnfinishedAccessAboveAStatementIsStillMonitored()
    {
        // `list.Co` on its own line above `list.Add(1);` parses as a declaration (`list.Co list.Add(1);`):
        // Roslyn binds `list` as a type there and only names the variable as a candidate. The monitor
        // reads the members off that candidate, as Roslyn's own completion does (the README demo's
        // `inventory.Re` above another `inventory.Receive(...)` line was left unmonitored).
        const string source = """
            using System.Collections.Generic;
            class A
            {
                void Run()
                {
                    var list = new List<int>();
                    $$
                    list.Add(1);
                }
            }
            """;
        var (monitor, logits) = await MaskAt(source, "list.");
        Assert.True(float.IsFinite(logits[TokenStarting("Count")]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("Length")]));
        Assert.Equal(1, monitor.Stats.MemberAccessSteps);

        var (_, partial) = await MaskAt(source, "list.Co");
        Assert.True(float.IsFinite(partial[TokenStarting("unt")]));
        Assert.True(float.IsNegativeInfinity(partial[TokenStarting("de")]));
    }

    [Fact]
    public async Task APartialNameOnlyOneMemberContinuesForcesItsRest()
    {
        // "Capa" continues only Capacity: every token allowed writes "city" or part of it, or all of it and more.
        var (capa, _) = await MaskAt(ListSource, "list.Capa");
        Assert.Equal("city", Encoding.UTF8.GetString(capa.Forced));
        // "Co" continues Count, Contains, ConvertAll, CopyTo...: nothing is forced; nor after the bare dot.
        var (co, _) = await MaskAt(ListSource, "list.Co");
        Assert.True(co.Forced.IsEmpty);
        var (dot, _) = await MaskAt(ListSource, "list.");
        Assert.True(dot.Forced.IsEmpty);
    }

    [Fact]
    public async Task UnknownReceiverIsNotMonitored()
    {
        var (monitor, logits) = await MaskAt(ListSource, "nothingHere.");
        Assert.All(logits, l => Assert.Equal(0f, l));
        Assert.Equal(0, monitor.Stats.MemberAccessSteps);
    }

    [Fact]
    public async Task MemberAccessInsideAStringIsNotMonitored()
    {
        var (_, logits) = await MaskAt(ListSource, "var s = \"list.");
        Assert.All(logits, l => Assert.Equal(0f, l));
    }

    [Fact]
    public async Task LambdaParameterReceiverResolvesOnTheRealTree()
    {
        var (_, logits) = await MaskAt(ListSource, "var big = list.Where(x => x.");
        Assert.True(float.IsFinite(logits[TokenStarting("CompareTo")]));
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("Count")]));
    }

    [Fact]
    public async Task UnderTokenHealingThePartialNameIsRetypedWithinTheMembers()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "list.Ad$$")));
        var text = (await document.GetTextAsync()).ToString();
        var prompt = FimPrompt.Build(Tokenizer, text[..caret], text[caret..]);
        Assert.NotNull(prompt.Healing); // "Ad" can be extended: healing backs up over it
        var monitor = (await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, prompt.Healing.Bytes, default))!;

        var logits = new float[Tokenizer.VocabSize];
        prompt.Healing.Apply(logits);
        monitor.Apply(new TokenMaskContext([], ""), logits);
        int add = TokenStarting("Add");
        Assert.True(float.IsFinite(logits[add]), Text(add));
        // Every token left re-types "Ad" into a prefix of Add or AddRange (List<int>'s only "Ad" members),
        // or completes one of them and goes on with other characters.
        var allowed = Enumerable.Range(0, logits.Length).Where(id => float.IsFinite(logits[id]) && !Tokenizer.IsSpecial(id)).Select(Text).ToList();
        Assert.NotEmpty(allowed);
        Assert.All(allowed, t =>
        {
            string run = new(t.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
            Assert.True(run.Length == t.Length ? "AddRange".StartsWith(run, StringComparison.Ordinal) : run is "Add" or "AddRange", t);
        });
        Assert.Equal(1, monitor.Stats.MemberAccessSteps);
    }

    [Fact]
    public async Task NoKindsMeansNoMonitor()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "list.$$")));
        Assert.Null(await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.None, healedBytes: default, default));
    }

    [Fact]
    public async Task TypeNamespaceAndEnumReceiversOfferTheirStaticMembers()
    {
        const string source = """
            using System;
            enum Color { Red, Green }
            class A
            {
                void Run()
                {
                    $$
                }
            }
            """;
        var (_, console) = await MaskAt(source, "Console.");
        Assert.True(float.IsFinite(console[TokenStarting("WriteLine")]));
        Assert.True(float.IsNegativeInfinity(console[TokenStarting("Count")]));

        var (_, ns) = await MaskAt(source, "System.");
        Assert.True(float.IsFinite(ns[TokenStarting("Collections")]));
        Assert.True(float.IsNegativeInfinity(ns[TokenStarting("Length")]));

        var (_, color) = await MaskAt(source, "var c = Color.");
        Assert.True(float.IsFinite(color[TokenStarting("Red")]));
        Assert.True(float.IsNegativeInfinity(color[TokenStarting("Count")]));
    }

    [Fact]
    public async Task TheNewModifierIsNotObjectCreation()
    {
        const string source = """
            class Base { public void Hide() { } }
            class A : Base
            {
                $$
            }
            """;
        var (monitor, logits) = await MaskAt(source, "public new");
        Assert.All(logits, l => Assert.Equal(0f, l));
        Assert.Equal(0, monitor.Stats.ObjectCreationSteps);
    }

    [Fact]
    public async Task ASecondDotIsARangeOnlyAfterAnInteger()
    {
        var (_, onList) = await MaskAt(ListSource, "var r = list.");
        Assert.True(float.IsNegativeInfinity(onList[TokenStarting(".", 1)]));
        var (_, onInt) = await MaskAt(ListSource, "var r = list.ToArray()[list.Count.");
        Assert.True(float.IsFinite(onInt[TokenStarting(".", 1)]));
    }

    [Fact]
    public async Task RandomGeneratedCodeLeavesNothingAllowedOnlyAtAMadeUpNameAndNeverThrows()
    {
        string[] pieces = ["list", ".", "Count", "Add", "(", ")", ";", " ", "new", " List", "<", "int", ">", "\"", "$\"{", "}", "x", "=>",
            "Where", "Co", "..", "?.", "!", "[", "]", "// ", "\n", "System", "Console", "Write", "Line", "1", "this", "base", "@\"", "'"];
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", "var y = list.$$")));
        var random = new Random(7);
        for (int run = 0; run < 60; run++)
        {
            var monitor = (await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default))!;
            var generated = new List<int>();
            var text = new StringBuilder();
            for (int step = 0; step < 12; step++)
            {
                var logits = new float[Tokenizer.VocabSize];
                monitor.Apply(new TokenMaskContext(generated, text.ToString()), logits);
                // Nothing is allowed only at a dead end the model wrote: a name after a dot that no member has.
                Assert.True(logits.Any(float.IsFinite) || System.Text.RegularExpressions.Regex.IsMatch("list." + text, @"\.[A-Za-z_]\w*$"),
                    $"nothing allowed after 'list.{text}'");
                string piece = pieces[random.Next(pieces.Length)];
                generated.AddRange(Tokenizer.Encode(piece));
                text.Append(piece);
            }
        }
    }

    [Theory]
    [InlineData("// list.")]
    [InlineData("/* list.")]
    [InlineData("var s = \"list.")]
    public async Task NoMonitorInsideACommentOrString(string typed)
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", ListSource.Replace("$$", typed + "$$\";")));
        Assert.Null(await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default));
    }

    [Fact]
    public async Task AFluentChainIsFollowedToItsReceiverOnTheLineAbove()
    {
        var (_, logits) = await MaskAt(ListSource, "var big = list\n            .Where(x => x > 1)\n            .");
        Assert.True(float.IsFinite(logits[TokenStarting("Select")]));
        Assert.True(float.IsFinite(logits[TokenStarting("Count")]));                       // Count() is a LINQ extension
        Assert.True(float.IsNegativeInfinity(logits[TokenStarting("Capacity")]));          // a List member, not IEnumerable's
    }
}
