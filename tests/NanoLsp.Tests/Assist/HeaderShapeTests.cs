using NanoLsp.Assist;

namespace NanoLsp.Tests.Assist;

/// <summary>The header keeps to docs/context-header.md, the shape training/context_header.py writes.</summary>
public class HeaderShapeTests
{
    private const string Declarations = """
        using System;
        using System.Threading.Tasks;
        namespace Shop;
        public enum Kind { Tool, Food }
        public enum Big { A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13 }
        public interface IPriced { decimal Price { get; } }
        public record Point(int X, int Y);
        public abstract class Item : IPriced
        {
            public const int MaxName = 40;
            public static Item Empty { get; } = null!;
            public string Name { get; init; } = "";
            public decimal Price { get; protected set; }
            public event EventHandler? Changed;
            private int _secret;
            protected abstract decimal Total(int quantity);
            public override string ToString() => Name + _secret;
            public async Task<int> LoadAsync(string path, int retries = 3) { await Task.Yield(); return retries; }
            public static Item Parse(string text) => Empty;
            public T? Get<T>(int index) where T : class => null;
            public string this[int index] => Name;
            protected Item() => Changed?.Invoke(this, EventArgs.Empty);
        }
        """;

    private const string User = """
        namespace Shop;
        class Shelf
        {
            private int _count;
            void Fill(Item item, Kind kind, Big big)
            {
                var p = new Point(1, 2);
                $$
            }
        }
        """;

    private static async Task<string> Header()
    {
        var (document, caret) = AssistWorkspace.Create(("Shelf.cs", User), ("Item.cs", Declarations));
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer,
            PromptBudget.For(1024) with { HeaderTokens = 400 }, includeHeader: true, default);
        return context.Header;
    }

    [Fact]
    public async Task TypeBlocksKeepTheSharedShape()
    {
        var lines = (await Header()).Split('\n');
        Assert.Contains("enum Kind { Tool, Food }", lines);
        Assert.Contains("enum Big { A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, ... }", lines);
        Assert.Contains("record Point(int X, int Y);", lines);
        Assert.Contains("class Item : IPriced", lines);
        int open = Array.IndexOf(lines, "class Item : IPriced") + 1;
        Assert.Equal("{", lines[open]);
        Assert.Contains("}", lines[open..]);
    }

    [Fact]
    public async Task MembersKeepTheSharedShape()
    {
        var lines = (await Header()).Split('\n');
        string[] expected =
        [
            "    const int MaxName;",
            "    static Item Empty { get; }",
            "    string Name { get; init; }",
            "    decimal Price { get; set; }",
            "    event EventHandler? Changed;",
            "    abstract decimal Total(int quantity);",
            "    override string ToString();",
            "    async Task<int> LoadAsync(string path, int retries = 3);",
            "    static Item Parse(string text);",
            "    T? Get<T>(int index);",
            "    string this[int index] { get; }",
            "    Item();",
        ];
        foreach (string line in expected) Assert.True(lines.Contains(line), $"{line}\n---\n{string.Join("\n", lines)}");
        Assert.DoesNotContain(lines, l => l.Contains("_secret") || l.Contains("public") || l.Contains("protected"));
    }

    [Fact]
    public async Task TypesNamedOutsideTheMemberAreFoundNestedOnesToo()
    {
        // Named in the windows but outside the member being edited: looked up by name at the cursor (only names that a
        // source type has are looked up), a nested type of a type declared elsewhere among them.
        const string Catalog = """
            namespace Shop;
            public class Catalog
            {
                public sealed class Entry { public string Sku { get; init; } = ""; }
                public Entry[] Entries { get; } = [];
            }
            public class Stock { public int Count { get; set; } }
            """;
        const string Use = """
            namespace Shop;
            class Report : Catalog
            {
                private Entry? _last;
                private Stock _stock = new();
                private string _title = "";
                void Write()
                {
                    $$
                }
            }
            """;
        var (document, caret) = AssistWorkspace.Create(("Report.cs", Use), ("Catalog.cs", Catalog));
        var header = (await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer,
            PromptBudget.For(1024) with { HeaderTokens = 400 }, includeHeader: true, default)).Header;

        Assert.Contains("class Entry", header);
        Assert.Contains("class Stock", header);
        Assert.Contains("string Sku { get; init; }", header);
    }

    [Fact]
    public async Task TheEnclosingTypeComesLastWithItsPrivateMembersOutsideTheWindows()
    {
        // Shelf is in view in full, so it adds nothing; the used types come in order of relevance.
        string header = await Header();
        Assert.DoesNotContain("Shelf", header);
        Assert.DoesNotContain("interface IPriced", header); // named only inside Item.cs, never near the cursor
    }
}
