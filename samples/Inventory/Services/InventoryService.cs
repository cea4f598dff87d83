using System;
using System.Collections.Generic;
using System.Linq;
using Inventory.Models;

namespace Inventory.Services;

/// <summary>Keeps the stock of every product and answers questions about it.</summary>
public sealed class InventoryService
{
    private readonly Dictionary<string, StockItem> _items = new();

    public void Receive(Product product, int units)
    {
        if (_items.TryGetValue(product.Sku, out var item))
            item.Add(units);
        else
            _items[product.Sku] = new StockItem(product, units);
    }

    public bool Ship(string sku, int units) =>
        _items.TryGetValue(sku, out var item) && item.TryRemove(units);

    /// <summary>Products with fewer units than the threshold, lowest first.</summary>
    public IReadOnlyList<StockItem> LowStock(int threshold) =>
        _items.Values.Where(i => i.Quantity < threshold).OrderBy(i => i.Quantity).ToList();

    public decimal TotalValue() => _items.Values.Sum(i => i.Value);

    /// <summary>A one-line-per-product report.</summary>
    public string Report()
    {
        // Deliberate error CS0246: StringBuilder lives in System.Text, which is not imported.
        // The "using System.Text;" quick fix repairs it.
        var report = new StringBuilder();
        foreach (var item in _items.Values.OrderBy(i => i.Product.Sku))
            report.AppendLine($"{item.Product,-40} x{item.Quantity,4} = {item.Value,10:0.00}");
        return report.ToString();
    }

    public int UnitsOf(string sku)
    {
        // Deliberate error CS0029: Quantity is an int, the text of a number is not.
        int units = _items.TryGetValue(sku, out var item) ? item.Quantity : "0";
        return units;
    }
}
