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

/// <summary>What the remote backend sends and how it reads the answer's logprobs.</summary>
public sealed class RemoteRequestTests
{
    private static readonly NanoLsp.Assist.PromptContext Context = new("class Shelf { int Capacity; }", "int x = shelf.", ";\n}", NanoLsp.Assist.SuggestionShape.SingleLine,
        "int x = shelf.", ";", "}", "    ");

    private static RemoteCompletionBackend Backend(string fim) =>
        new(new BackendSetting { Kind = "openai", Name = "r", BaseUrl = new Uri("http://127.0.0.1:9/v1/"), Model = "m", Fim = fim }, null, (_, _) => { }, _ => { });

    [Fact]
    public void SuffixModeSendsThePrefixWithTheContextHeaderAndTheSuffix()
    {
        var body = Backend("suffix").Body(Context, new NanoLsp.Features.InlineCompletion.InlineCompletionOptions(), singleLine: true);
        Assert.Equal("class Shelf { int Capacity; }\nint x = shelf.", (string?)body["prompt"]);
        Assert.Equal(";\n}", (string?)body["suffix"]);
        Assert.Equal("\n", (string?)body["stop"]![0]);
        Assert.Equal(0, (int)body["temperature"]!);
    }

    [Fact]
    public void ATemplateIsTheWholePromptWithTheModelsOwnFimTokens()
    {
        var body = Backend("<PRE>{prefix}<SUF>{suffix}<MID>").Body(Context, new NanoLsp.Features.InlineCompletion.InlineCompletionOptions(), singleLine: false);
        Assert.Equal("<PRE>class Shelf { int Capacity; }\nint x = shelf.<SUF>;\n}<MID>", (string?)body["prompt"]);
        Assert.False(body.ContainsKey("suffix"));
    }

    [Fact]
    public void TheTextEndsBeforeTheFirstDoubtfulToken()
    {
        var (text, cut) = RemoteCompletionBackend.CutAtDoubt("Capacity + 1;", [("Cap", -0.1f), ("acity", -0.01f), (" +", -2.5f), (" 1;", -0.2f)], -0.5);
        Assert.True(cut);
        Assert.Equal("Capacity", text);
        Assert.Equal(("Capacity;", false), RemoteCompletionBackend.CutAtDoubt("Capacity;", [("Capacity", -0.1f), (";", -0.2f)], -0.5));
    }
}
