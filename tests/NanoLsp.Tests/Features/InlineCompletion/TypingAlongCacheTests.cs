using Microsoft.CodeAnalysis;
using NanoLsp.Features.InlineCompletion;

namespace NanoLsp.Tests.Features.InlineCompletion;

public class TypingAlongCacheTests
{
    private static readonly DocumentId Document = DocumentId.CreateNewId(ProjectId.CreateNewId());

    [Fact]
    public void TypingTheSuggestionsFirstCharactersAnswersWithTheRest()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "var x = list.", ";\n}", "Count;");
        Assert.Equal("unt;", cache.TryTypeAlong(Document, "var x = list.Co", ";\n}"));
        // The hit became the new entry: typing on keeps hitting.
        Assert.Equal("t;", cache.TryTypeAlong(Document, "var x = list.Coun", ";\n}"));
    }

    [Fact]
    public void TypingSomethingElseMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "var x = list.", "", "Count;");
        Assert.Null(cache.TryTypeAlong(Document, "var x = list.Ca", ""));
    }

    [Fact]
    public void AChangeAfterTheCursorMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "\n}", "Count;");
        Assert.Null(cache.TryTypeAlong(Document, "a.C", "\n}\n// edited"));
    }

    [Fact]
    public void TypingTheWholeSuggestionOrDeletingMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Co");
        Assert.Null(cache.TryTypeAlong(Document, "a.Co", ""));
        cache.Remember(Document, "a.", "", "Count");
        Assert.Null(cache.TryTypeAlong(Document, "a", ""));
        Assert.Null(cache.TryTypeAlong(DocumentId.CreateNewId(Document.ProjectId), "a.C", ""));
    }

    [Fact]
    public void AnEmptySuggestionForgetsTheEntry()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Count");
        cache.Remember(Document, "a.", "", "");
        Assert.Null(cache.TryTypeAlong(Document, "a.C", ""));
    }
}
