using NanoLsp.Features.Completion;
using NanoLsp.Tests.Server;

namespace NanoLsp.Tests.Features.Completion;

public sealed class CompletionWarmUpTests
{
    [Fact]
    public async Task TheScratchListHasTheDictionarysMembersAndSaysSo()
    {
        var log = new RecordingLogger();
        var items = await new CompletionWarmUp(log).RunAsync();
        // A dictionary's members and the LINQ methods: a list this long means Roslyn's providers ran on real symbols.
        Assert.True(items > 50, $"only {items} items");
        Assert.Contains(log.Messages, m => m.Message.StartsWith("Completion warmed up in", StringComparison.Ordinal) && m.Message.EndsWith($"({items} items).", StringComparison.Ordinal));
    }
}
