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
}
