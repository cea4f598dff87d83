namespace NanoLsp.Serve.Tests;

public sealed class StreamHoldBackTests
{
    [Fact]
    public void AnEndThatCouldBeginAStopStringWaitsForTheNextToken()
    {
        var holdBack = new StreamHoldBack(["\n}"]);
        Assert.Equal("return", holdBack.Next("return"));
        Assert.Equal(" x;", holdBack.Next("return x;\n")); // "\n" may begin "\n}"
        Assert.Equal("\n    ", holdBack.Next("return x;\n    ")); // it did not
        Assert.Equal("", holdBack.Rest("return x;\n    ")); // the final text adds nothing
    }

    [Fact]
    public void AHalfWrittenCharacterIsNotSent()
    {
        var holdBack = new StreamHoldBack([]);
        Assert.Equal("caf", holdBack.Next("caf\uFFFD"));
        Assert.Equal("é", holdBack.Next("café"));
    }

    [Fact]
    public void TheFinalTextSettlesWhatWasHeldBack()
    {
        var holdBack = new StreamHoldBack(["END"]);
        Assert.Equal("a", holdBack.Next("aEN"));
        Assert.Equal("", holdBack.Rest("a")); // the generator cut at END: nothing more
        var other = new StreamHoldBack(["END"]);
        other.Next("aEN");
        Assert.Equal("EN", other.Rest("aEN")); // it ended there (max tokens): the held text goes out
    }
}
