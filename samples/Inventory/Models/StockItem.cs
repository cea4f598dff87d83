namespace Inventory.Models;

/// <summary>How many units of a product are on the shelves.</summary>
public sealed class StockItem
{
    public StockItem(Product product, int quantity)
    {
        Product = product;
        Quantity = quantity;
    }

    public Product Product { get; }

    public int Quantity { get; private set; }

    /// <summary>The value of the units on hand.</summary>
    public decimal Value => Product.UnitPrice * Quantity;

    public void Add(int units) => Quantity += units;

    /// <summary>Takes units off the shelf; returns false when there are not enough.</summary>
    public bool TryRemove(int units)
    {
        if (units > Quantity)
            return false;
        Quantity -= units;
        return true;
    }
}
