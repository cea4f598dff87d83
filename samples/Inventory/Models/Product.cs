using System;

namespace Inventory.Models;

/// <summary>A thing the shop sells, identified by its stock-keeping unit.</summary>
public sealed class Product
{
    public Product(string sku, string name, decimal unitPrice)
    {
        if (unitPrice < 0)
            throw new ArgumentOutOfRangeException(nameof(unitPrice), "A price cannot be negative.");
        Sku = sku;
        Name = name;
        UnitPrice = unitPrice;
    }

    /// <summary>The stock-keeping unit, unique per product.</summary>
    public string Sku { get; }

    public string Name { get; }

    /// <summary>Price of one unit, in the shop's currency.</summary>
    public decimal UnitPrice { get; }

    public override string ToString() => $"{Sku} {Name} @ {UnitPrice:0.00}";
}
