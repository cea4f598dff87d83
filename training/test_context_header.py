"""Checks of context_header.py and of the header pieces prepare_data.py tokenizes (smoke_test.sh runs it).

Usage: python3 test_context_header.py [TOKENIZER_DIR]   (default: ../models/nano-csharp)
"""
import os
import sys

import context_header as ch

ITEM_CS = '''using System;
namespace Demo.Shop
{
    /// <summary>An item { with a brace in a comment.</summary>
    [Serializable]
    public sealed class Item : IComparable<Item>, IDisposable where T : class
    {
        private readonly int _count = 0; // the count
        public const int Max = 10, Min = 1;
        public Item(string name, decimal price) : base() { Name = name; }
        public string Name { get; }
        public decimal Price { get; set; } = 1.5m;
        internal int Count => _count;
        public decimal Total(int quantity) { if (quantity > 0) { return Price * quantity; } return 0; }
        public static Item Parse(string text = "a{b") => new Item(text, 0) { Price = 2 };
        void IDisposable.Dispose() { }
        public event EventHandler Changed;
        public int this[int i] { get { return i; } }
        public interface INested { void Go(); }
        protected virtual async Task<List<int>> LoadAsync<T>(CancellationToken ct = default) where T : new()
        {
            var f = new Func<int, int>(x => { return x; });
            return null;
        }
    }
    public enum ItemKind { Tool = 1, Food, Drink }
    public record Person(string Name, int Age);
    internal struct Point { public int X; public int Y; }
}
'''

EXPECTED = '''class Item : IComparable<Item>, IDisposable
{
    int _count;
    const int Max, Min;
    Item(string name, decimal price);
    string Name { get; }
    decimal Price { get; set; }
    int Count { get; }
    decimal Total(int quantity);
    static Item Parse(string text = "a{b");
    event EventHandler Changed;
    int this[int i] { get; }
    async Task<List<int>> LoadAsync<T>(CancellationToken ct = default);
}
interface INested
{
    void Go();
}
enum ItemKind { Tool, Food, Drink }
record Person(string Name, int Age);
struct Point
{
    int X;
    int Y;
}'''

failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    if not cond:
        failures.append(name)


def main():
    blocks = ch.extract(ITEM_CS)
    got = ch.render(blocks, include_private={"Item"})
    check("extract-shape", got == EXPECTED, "\n" + got)
    public = ch.render(blocks)
    check("private-left-out", "_count" not in public and "Name { get; }" in public, public)
    many = "enum Big { " + ", ".join(f"V{i}" for i in range(20)) + " }"
    check("enum-cut-at-12", ch.extract(many)[0].line == "enum Big { " + ", ".join(f"V{i}" for i in range(12)) + ", ... }",
          ch.extract(many)[0].line)

    # select: a window inside Total(); Item encloses it, ItemKind and Person are named in it.
    item, nested, kind, person, point = blocks
    cursor = ITEM_CS.index("return Price")
    window = (ITEM_CS.index("public decimal Total"), ITEM_CS.index("public static Item Parse"))
    cands = [(item, True, []), (kind, False, [cursor + 5, cursor + 9]), (person, False, [window[0] + 3]), (point, False, [10_000])]
    chosen = ch.select(cands, window, cursor, enclosing=item, budget=1000)
    names = [b.name for b, _ in chosen]
    check("select-order", names == ["Person", "ItemKind", "Item"], names)
    enc = [m.text for b, ms in chosen if b is item for m in ms]
    check("select-no-repeat", "decimal Total(int quantity);" not in enc and "int _count;" in enc, enc)
    small = ch.select(cands, window, cursor, enclosing=item, budget=40)
    cost = sum(len(b.line) // 4 + (1 if b.is_enum else 3) + sum(len(m.text) // 4 + 2 for m in ms) for b, ms in small)
    check("select-budget", cost <= 40 and small and small[-1][0] is item, (cost, [(b.name, len(ms)) for b, ms in small]))

    # Pieces with a leading "\n" concatenate to the tokens of the whole header text.
    tok_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                 "..", "models", "nano-csharp")
    from tokenizer import Tokenizer
    tok = Tokenizer(tok_dir)
    ids = []
    for b in blocks:
        for line in ch.block_lines(b, private=True):
            ids += tok.encode_ordinary("\n" + line)
    ids = ids[1:]
    check("pieces-tokenize-as-whole", ids == tok.encode_ordinary(EXPECTED))
    print(f"context_header: {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
