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
        cache.Remember(Document, "var x = list.", ";\n}", "Count;", "Count;");
        Assert.Equal("unt;", cache.TryTypeAlong(Document, "var x = list.Co", ";\n}")?.Rest);
        // The hit became the new entry: typing on keeps hitting.
        Assert.Equal("t;", cache.TryTypeAlong(Document, "var x = list.Coun", ";\n}")?.Rest);
    }

    [Fact]
    public void TypingSomethingElseMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "var x = list.", "", "Count;", "Count;");
        Assert.Null(cache.TryTypeAlong(Document, "var x = list.Ca", ""));
    }

    [Fact]
    public void AChangeAfterTheCursorMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "\n}", "Count;", "Count;");
        Assert.Null(cache.TryTypeAlong(Document, "a.C", "\n}\n// edited"));
    }

    [Fact]
    public void TypingTheWholeSuggestionOrDeletingMisses()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Co", "Co");
        Assert.Null(cache.TryTypeAlong(Document, "a.Co", ""));
        cache.Remember(Document, "a.", "", "Count", "Count");
        Assert.Null(cache.TryTypeAlong(Document, "a", ""));
        Assert.Null(cache.TryTypeAlong(DocumentId.CreateNewId(Document.ProjectId), "a.C", ""));
    }

    [Fact]
    public void AnEmptySuggestionForgetsTheEntry()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Count", "Count");
        cache.Remember(Document, "a.", "", "", "");
        Assert.Null(cache.TryTypeAlong(Document, "a.C", ""));
    }

    [Fact]
    public void TakingTheShownPartIsNoDeclineButTypingIntoItIs()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Count(x);", "Count");
        // Tab: the shown part inserted whole; the rest comes along, not declined.
        Assert.Equal(new TypedAlong("(x);", false), cache.TryTypeAlong(Document, "a.Count", ""));

        cache.Remember(Document, "a.", "", "Count(x);", "Count");
        // One character of the shown part typed instead of taking it: declined, and it stays declined along it.
        Assert.Equal(new TypedAlong("ount(x);", true), cache.TryTypeAlong(Document, "a.C", ""));
        cache.Showing(Document, "a.C", "");
        Assert.Equal(new TypedAlong("t(x);", true), cache.TryTypeAlong(Document, "a.Coun", ""));
        // Leaving it misses: the model is asked again.
        Assert.Null(cache.TryTypeAlong(Document, "a.Count.", ""));
    }

    [Fact]
    public void TypingAlongAHiddenSuggestionIsNoDecline()
    {
        var cache = new TypingAlongCache();
        cache.Remember(Document, "a.", "", "Count;", "");
        Assert.Equal(new TypedAlong("ount;", false), cache.TryTypeAlong(Document, "a.C", ""));
        // What typing along then shows counts: typing into that is a decline.
        cache.Showing(Document, "a.C", "ount");
        Assert.Equal(new TypedAlong("unt;", true), cache.TryTypeAlong(Document, "a.Co", ""));
    }
}
