using NanoLsp.Assist;

namespace NanoLsp.Tests.Assist;

/// <summary>
/// The server's stubs equal the training side's for the same source. Expected text written by the
/// training extractor (branch training, training/context_header.py), 2026-11-26:
/// <c>python3 -c "import context_header as ch; print(ch.render(ch.extract(open(F).read()), include_private=('InventoryService',)))"</c>
/// for each file of samples/Inventory.
/// </summary>
public class HeaderParityTests
{
    [Theory]
    [InlineData("Inventory.Models.StockItem", false, """
        class StockItem
        {
            StockItem(Product product, int quantity);
            Product Product { get; }
            int Quantity { get; set; }
            decimal Value { get; }
            void Add(int units);
            bool TryRemove(int units);
        }
        """)]
    [InlineData("Inventory.Models.Product", false, """
        class Product
        {
            Product(string sku, string name, decimal unitPrice);
            string Sku { get; }
            string Name { get; }
            decimal UnitPrice { get; }
            override string ToString();
        }
        """)]
    [InlineData("Inventory.Services.InventoryService", true, """
        class InventoryService
        {
            Dictionary<string, StockItem> _items;
            void Receive(Product product, int units);
            bool Ship(string sku, int units);
            IReadOnlyList<StockItem> LowStock(int threshold);
            decimal TotalValue();
            string Report();
            int UnitsOf(string sku);
        }
        """)]
    public async Task StubsEqualTheTrainingExtractorsOnInventory(string typeName, bool enclosing, string expected)
    {
        var (document, _) = AssistWorkspace.Inventory("Program.cs", "");
        var compilation = (await document.Project.GetCompilationAsync())!;
        var type = compilation.GetTypeByMetadataName(typeName)!;
        var stub = StubFormat.Stub(type, includePrivate: enclosing, hidden: default, tree: (await document.GetSyntaxTreeAsync())!)!;
        string text = string.Join("\n", new[] { stub.Line, "{" }.Concat(stub.Members.Select(m => "    " + m)).Append("}"));
        Assert.Equal(expected.ReplaceLineEndings("\n"), text);
    }
}
