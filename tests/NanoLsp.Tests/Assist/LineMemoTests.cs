using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

/// <summary>The monitor's answers kept for a line's next keystrokes (LineMemo): reused while only the line changes,
/// never once another line has.</summary>
public class LineMemoTests
{
    private const string Source = """
        class Product
        {
            public int Price;
        }
        class A
        {
            void Run(Product p)
            {
                $$
            }
        }
        """;

    private static NanoTokenizer Tokenizer => AssistWorkspace.Tokenizer;

    [Fact]
    public void TypingAlongTheLineKeepsTheMemoAndAnEditElsewhereMakesANewOne()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", Source.Replace("$$", "p.$$")));
        var text = SourceText.From(Source.Replace("$$", "p."));
        var first = LineMemo.For(document.Id, text, caret);
        first.Sites["probe"] = null;

        var typed = text.WithChanges(new TextChange(new TextSpan(caret, 0), "Pr"));
        Assert.Same(first, LineMemo.For(document.Id, typed, caret + 2));

        int other = Source.IndexOf("public int Price;", StringComparison.Ordinal);
        var elsewhere = typed.WithChanges(new TextChange(new TextSpan(other, 0), "public int Stock; "));
        var second = LineMemo.For(document.Id, elsewhere, caret + 2 + "public int Stock; ".Length);
        Assert.NotSame(first, second);
        Assert.Empty(second.Sites);

        // Another line of the same document: another memo.
        var otherLine = elsewhere.Lines.GetLineFromPosition(other).Start;
        Assert.NotSame(second, LineMemo.For(document.Id, elsewhere, otherLine));
    }

    [Fact]
    public async Task AMemberAddedOnAnotherLineIsAllowedAtTheNextKeystroke()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", Source.Replace("$$", "p.$$")));
        int stock = FirstToken("Stock");
        Assert.True(float.IsNegativeInfinity((await MaskAsync(document, caret))[stock]), "Product has no Stock yet");

        // The member appears on another line (as the user adds it): the next keystroke's monitor must know it.
        var text = await document.GetTextAsync();
        int at = text.ToString().IndexOf("public int Price;", StringComparison.Ordinal);
        const string added = "public int Stock; ";
        var edited = document.WithText(text.WithChanges(new TextChange(new TextSpan(at, 0), added)));
        Assert.True(float.IsFinite((await MaskAsync(edited, caret + added.Length))[stock]));
    }

    [Fact]
    public async Task TheLinesNextKeystrokeAnswersAsAFreshMonitorWould()
    {
        var (document, caret) = AssistWorkspace.Create(("A.cs", Source.Replace("$$", "p.$$")));
        var first = await MaskAsync(document, caret);
        var text = await document.GetTextAsync();
        var typed = document.WithText(text.WithChanges(new TextChange(new TextSpan(caret, 0), "P")));
        var second = await MaskAsync(typed, caret + 1); // the memo's answer for `p.`
        var (fresh, freshCaret) = AssistWorkspace.Create(("A.cs", Source.Replace("$$", "p.P$$")));
        Assert.Equal(await MaskAsync(fresh, freshCaret), second);
        Assert.True(float.IsFinite(first[FirstToken("Price")]));
        Assert.True(float.IsNegativeInfinity(first[FirstToken("Stock")]));
        Assert.True(float.IsFinite(second[FirstToken("rice")]));
    }

    private static async Task<float[]> MaskAsync(Document document, int caret)
    {
        var monitor = await MemberMonitor.CreateAsync(document, caret, Tokenizer, MonitorKinds.All, healedBytes: default, default);
        Assert.NotNull(monitor);
        var logits = new float[Tokenizer.VocabSize];
        monitor.Apply(new TokenMaskContext([], ""), logits);
        return logits;
    }

    private static int FirstToken(string text) => Tokenizer.Encode(text)[0];
}
