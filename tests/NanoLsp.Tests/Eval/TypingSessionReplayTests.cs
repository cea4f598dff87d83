using NanoLsp.Eval;

namespace NanoLsp.Tests.Eval;

public class TypingSessionReplayTests
{
    private static EvalCase At(int position, string line = "var x = 1;") =>
        new($"dev/typing/007/{position:000}", "/ws", "a.cs", 0, position, line[..position], line[position..]);

    [Fact]
    public void ARightSuggestionIsTakenAndTheCursorJumpsPastIt()
    {
        var session = new TypingSessionReplay();
        Assert.True(session.Visits(At(0)));
        session.Saw(At(0), "var");
        Assert.False(session.Visits(At(1)));
        Assert.False(session.Visits(At(2)));
        Assert.True(session.Visits(At(3)));
    }

    [Fact]
    public void AWrongOrOneCharacterSuggestionIsTypedPastOneCharacter()
    {
        var session = new TypingSessionReplay();
        session.Saw(At(0), "int");
        Assert.True(session.Visits(At(1)));
        session.Saw(At(1), "a");
        Assert.True(session.Visits(At(2)));
        session.Saw(At(2), null);
        Assert.True(session.Visits(At(3)));
    }

    [Fact]
    public void LinesAreIndependentAndSingleCasesAreAlwaysVisited()
    {
        var session = new TypingSessionReplay();
        session.Saw(At(0), "var x");
        Assert.False(session.Visits(At(2)));
        Assert.True(session.Visits(new EvalCase("dev/typing/008/002", "/ws", "a.cs", 0, 2, "va", "r y;")));
        Assert.True(session.Visits(new EvalCase("dev/start/003", "/ws", "a.cs", 0, 0, "", "x")));
    }
}
