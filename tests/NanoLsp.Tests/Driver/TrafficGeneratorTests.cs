using System.Text;
using NanoLsp.Driver.Fuzz;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Driver;

/// <summary>The fuzzer's generator: replayable from its seed, and it really sends what it promises.</summary>
public class TrafficGeneratorTests
{
    private static List<FuzzMessage> Generate(int seed, int sessions = 3, int body = 400)
    {
        var generator = new TrafficGenerator(seed, Fixtures.Path("ProjectFixture"));
        return Enumerable.Range(0, sessions).SelectMany(_ => generator.Session(body)).ToList();
    }

    [Fact]
    public void TheSameSeedGivesTheSameBytes()
    {
        var first = Generate(7);
        var again = Generate(7);
        Assert.Equal(first.Count, again.Count);
        Assert.True(first.Zip(again).All(p => p.First.Label == p.Second.Label && p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)));
        Assert.NotEqual(first.Select(m => m.Label), Generate(8).Select(m => m.Label));
    }

    [Fact]
    public void EachSessionStartsWithInitializeAndEndsTheProcess()
    {
        var generator = new TrafficGenerator(3, Fixtures.Path("ProjectFixture"));
        for (var i = 0; i < 5; i++)
        {
            var session = generator.Session(200).ToList();
            Assert.Contains(session.Take(6), m => m.Label == "initialize");
            Assert.True(session.Count >= 200);
            Assert.Contains(session[^1].Send, new[] { FuzzSend.Exit, FuzzSend.CloseInput });
            Assert.Equal(1, session.Count(m => m.Send is FuzzSend.Exit or FuzzSend.CloseInput));
        }
    }

    [Fact]
    public void TheTrafficHoldsEveryKindOfBadInputTheIssueNames()
    {
        var messages = Generate(1, sessions: 6, body: 1500);
        var labels = messages.Select(m => m.Label).ToHashSet();
        foreach (var expected in new[] { "typing", "didChange (huge)", "didOpen (binary)", "cancel", "response to nothing", "initialize again", "shutdown" })
            Assert.Contains(expected, labels);
        Assert.Contains(labels, l => l.EndsWith("(bad position)", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.EndsWith("(wrong types)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Send == FuzzSend.Raw);
        // Raw invalid UTF-8 and lone surrogate escapes really reach the wire.
        Assert.Contains(messages, m => !IsValidUtf8(m.Bytes));
        // (the serialiser writes a real pair's escapes in upper case; the generator's lone ones are lower case)
        Assert.Contains(messages, m => Encoding.UTF8.GetString(m.Bytes) is var s && (s.Contains("\\ud8", StringComparison.Ordinal) || s.Contains("\\udf", StringComparison.Ordinal)));
        // Requests keep unique ids, so each answer is matched to its request.
        var ids = messages.Where(m => m.Send == FuzzSend.Request).Select(m => m.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static bool IsValidUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
}
