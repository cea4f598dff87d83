using NanoLsp.Features.InlineCompletion.Routing;
using NanoLsp.Server;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>The routing policy's choice of backends (no request is sent: the backends are only built).</summary>
public sealed class RoutingPlanTests
{
    private static RemoteCompletionBackend Remote(string name, BackendRole role = BackendRole.Both) =>
        new(new BackendSetting { Kind = "openai", Name = name, BaseUrl = new Uri("http://127.0.0.1:9/v1/"), Model = "m", Role = role }, null, (_, _) => { }, _ => { });

    [Fact]
    public void OrderedAsksTheFittingRemotesInTheListsOrderBeforeTheLocalModel()
    {
        var (remotes, localFirst) = BackendRouter.Plan([Remote("a"), Remote("b", BackendRole.Invoked), Remote("c")], RoutingPolicy.Ordered, invoked: false, null);
        Assert.Equal(["a", "c"], remotes.Select(r => r.Name));
        Assert.False(localFirst);
    }

    [Fact]
    public void RemoteForInvokedLeavesTypingToTheLocalModel()
    {
        var backends = new[] { Remote("a") };
        Assert.Empty(BackendRouter.Plan(backends, RoutingPolicy.RemoteForInvoked, invoked: false, null).Remotes);
        Assert.Single(BackendRouter.Plan(backends, RoutingPolicy.RemoteForInvoked, invoked: true, null).Remotes);
    }

    [Fact]
    public void LocalFirstAsksTheLocalModelBeforeAnyRemote()
    {
        var (remotes, localFirst) = BackendRouter.Plan([Remote("a")], RoutingPolicy.LocalFirst, invoked: true, null);
        Assert.True(localFirst);
        Assert.Single(remotes);
    }

    [Fact]
    public void FastestHealthyTriesAnUnmeasuredRemoteBeforeTheLocalModel()
    {
        var (remotes, localFirst) = BackendRouter.Plan([Remote("a")], RoutingPolicy.FastestHealthy, invoked: false, localLatencyMs: 40);
        Assert.False(localFirst); // "a" has no latency yet: it is tried once
        Assert.Equal("a", remotes[0].Name);
    }
}
