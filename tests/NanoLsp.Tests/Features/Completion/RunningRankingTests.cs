using Microsoft.CodeAnalysis;
using NanoLsp.Features.Completion;

namespace NanoLsp.Tests.Features.Completion;

/// <summary>The rankings that go on after their lists: kept while the word is typed, stopped by a list at another word.</summary>
public sealed class RunningRankingTests
{
    [Fact]
    public void AListAtAnotherWordStopsTheRankingsOfTheWordBefore()
    {
        var running = new RunningRanking();
        var document = DocumentId.CreateNewId(ProjectId.CreateNewId());
        var other = DocumentId.CreateNewId(ProjectId.CreateNewId());

        var (first, firstSame) = running.Start(document, 10, default);
        var (again, againSame) = running.Start(document, 10, default);
        Assert.False(firstSame);
        Assert.True(againSame); // the list asked again as the word is typed
        Assert.False(first.IsCancellationRequested);

        var (elsewhere, elsewhereSame) = running.Start(document, 24, default);
        Assert.False(elsewhereSame);
        Assert.True(first.IsCancellationRequested);
        Assert.True(again.IsCancellationRequested);

        var (inOther, inOtherSame) = running.Start(other, 24, default);
        Assert.False(inOtherSame); // the same offset in another document is another word
        Assert.True(elsewhere.IsCancellationRequested);
        Assert.False(inOther.IsCancellationRequested);
    }

    [Fact]
    public void ARankingStopsWithItsRequest()
    {
        using var request = new CancellationTokenSource();
        var (token, _) = new RunningRanking().Start(DocumentId.CreateNewId(ProjectId.CreateNewId()), 0, request.Token);
        request.Cancel();
        Assert.True(token.IsCancellationRequested);
    }
}
