using NanoLsp.Features.DocumentHighlight;
using NanoLsp.Protocol;
using NanoLsp.Tests.Assist;

namespace NanoLsp.Tests.Features.DocumentHighlight;

/// <summary>The occurrences of a type: where it is declared and named, and where `new()` makes one without naming it.</summary>
public sealed class DocumentHighlightServiceTests
{
    [Fact]
    public async Task ATypesOccurrencesIncludeTheTargetTypedNewsThatMakeIt()
    {
        var (document, caret) = AssistWorkspace.Create(("Shapes.cs", """
            public sealed class Sq$$uare(int side) { public int Side => side; }
            public static class Use
            {
                public static Square One() => new(1);
                public static Square Two() { Square two = new(2); return two; }
                public static object Other() => new object();
            }
            """));
        var text = (await document.GetTextAsync()).ToString();
        var places = await DocumentHighlightService.GetAsync(document, caret, CancellationToken.None);
        var found = places.Select(p => (text.Substring(p.Span.Start, p.Span.Length), p.Span.Start, p.Kind)).ToList();
        // Declared (text), named three times (read), and made twice by a target-typed `new` (read), in order.
        int New(int nth)
        {
            int at = -1;
            for (int i = 0; i < nth; i++)
                at = text.IndexOf("new(", at + 1, StringComparison.Ordinal);
            return at;
        }
        Assert.Equal([
            ("Square", text.IndexOf("Square(", StringComparison.Ordinal), DocumentHighlightKinds.Text),
            ("Square", text.IndexOf("Square One", StringComparison.Ordinal), DocumentHighlightKinds.Read),
            ("new", New(1), DocumentHighlightKinds.Read),
            ("Square", text.IndexOf("Square Two", StringComparison.Ordinal), DocumentHighlightKinds.Read),
            ("Square", text.IndexOf("Square two", StringComparison.Ordinal), DocumentHighlightKinds.Read),
            ("new", New(2), DocumentHighlightKinds.Read),
        ], found);
    }

    [Fact]
    public async Task DocumentationConstructorsAttributesIndexersAndWhatAnOverrideOverridesAreOccurrences()
    {
        var (document, _) = AssistWorkspace.Create(("Shapes.cs", """
            using System;
            public abstract class Shape { public abstract double Area(); }
            /// <summary>A <see cref="Circle"/> of a radius.</summary>
            public sealed class Circle : Shape
            {
                public Circle(double radius) : this(radius, "circle") { }
                public Circle(double radius, string name) { Radius = radius; }
                public double Radius { get; }
                /// <param name="scale">How much bigger.</param>
                public double Scaled(double scale) => Radius * scale;
                public override double Area() => Math.PI * Radius * Radius;
                public double this[int key] { get => key; set => _ = key; }
            }
            [Obsolete("old")] public static class Use { public static double Twice(Shape shape) => shape.Area() + shape.Area(); }
            """));
        var text = (await document.GetTextAsync()).ToString();
        async Task<List<(string Text, int Line, int Kind)>> At(string before, string at)
        {
            var caret = text.IndexOf(before, StringComparison.Ordinal) + before.IndexOf(at, StringComparison.Ordinal);
            var places = await DocumentHighlightService.GetAsync(document, caret, CancellationToken.None);
            return [.. places.Select(p => (text.Substring(p.Span.Start, p.Span.Length), text[..p.Span.Start].Count(c => c == '\n'), p.Kind))];
        }
        const int Text = DocumentHighlightKinds.Text, Read = DocumentHighlightKinds.Read;

        // The type: named in its documentation, declared, its constructors declared under its name, one calling another.
        Assert.Equal([("Circle", 2, Read), ("Circle", 3, Text), ("Circle", 5, Text), ("this", 5, Read), ("Circle", 6, Text)],
            await At("class Circle", "Circle"));
        // A parameter, named by its documentation.
        Assert.Equal([("scale", 8, Read), ("scale", 9, Text), ("scale", 9, Read)], await At("Scaled(double scale", "scale"));
        // The override, the member it overrides, and the calls through the base class.
        Assert.Equal([("Area", 1, Text), ("Area", 10, Text), ("Area", 13, Read), ("Area", 13, Read)], await At("override double Area", "Area"));
        // An indexer's parameter, one name in both accessors.
        Assert.Equal([("key", 11, Text), ("key", 11, Read), ("key", 11, Read)], await At("get => key", "key"));
        // An attribute named without its suffix.
        Assert.Equal([("Obsolete", 13, Read)], await At("[Obsolete", "Obsolete"));
    }
}
