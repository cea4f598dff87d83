using System;
using Inventory.Models;
using Inventory.Services;

namespace Inventory;

public static class Program
{
    public static void Main()
    {
        var inventory = new InventoryService();
        inventory.Receive(new Product("KB-01", "Mechanical keyboard", 89.90m), 12);
        inventory.Receive(new Product("MS-02", "Wireless mouse", 24.50m), 3);
        inventory.Receive(new Product("CB-03", "USB-C cable", 7.99m), 40);

        if (!inventory.Ship("MS-02", 5))
            Console.WriteLine("Not enough wireless mice in stock.");

        // Deliberate warning CS0219: assigned but never used.
        var threshold = 5;
        foreach (var item in inventory.LowStock(10))
            Console.WriteLine($"Low: {item.Product.Name} ({item.Quantity} left)");

        Console.WriteLine(inventory.Report());
        Console.WriteLine($"Total value: {inventory.TotalValue():0.00}");
    }
}
