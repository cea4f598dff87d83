using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Features.InlineCompletion.Routing;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>The remote backend's client (the OpenAI library's pipeline) against a real nanolsp-serve.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class RemoteCompletionClientTests
{
    private static JsonObject Body(string model = "nano-csharp") => new()
    {
        ["model"] = model,
        ["prompt"] = "public int Add(int a, int b)\n{\n    return a",
        ["suffix"] = ";\n}\n",
        ["max_tokens"] = 8,
        ["temperature"] = 0,
        ["logprobs"] = 1,
    };

    [Fact]
    public async Task ItReadsTheTextAndTheTokensLogprobs()
    {
        await using var serve = await ServeProcess.StartAsync();
        var client = new RemoteCompletionClient(new Uri(serve.BaseAddress, "v1/"), key: null, TimeSpan.FromSeconds(30));
        var answer = await client.CompleteAsync(Body(), CancellationToken.None);
        Assert.NotEmpty(answer.Tokens);
        Assert.All(answer.Tokens, t => Assert.True(t.LogProb <= 0));
        Assert.StartsWith(answer.Text, string.Concat(answer.Tokens.Select(t => t.Token)));
    }

    [Fact]
    public async Task ARefusalSaysTheStatusAndTheServersReasonWithoutTheKey()
    {
        await using var serve = await ServeProcess.StartAsync(environment: new Dictionary<string, string?> { ["NANOLSP_SERVE_API_KEY"] = "sk-right" });
        var wrongKey = new RemoteCompletionClient(new Uri(serve.BaseAddress, "v1/"), key: "sk-wrong-key-123", TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<RemoteBackendException>(() => wrongKey.CompleteAsync(Body(), CancellationToken.None));
        Assert.Contains("401", refused.Message);
        Assert.DoesNotContain("sk-wrong-key-123", refused.Message);
        var unknown = new RemoteCompletionClient(new Uri(serve.BaseAddress, "v1/"), key: "sk-right", TimeSpan.FromSeconds(30));
        var missing = await Assert.ThrowsAsync<RemoteBackendException>(() => unknown.CompleteAsync(Body("codellama"), CancellationToken.None));
        Assert.Contains("404", missing.Message);
        Assert.Contains("codellama", missing.Message);
    }

    [Fact]
    public void AnAnswerThatIsNotACompletionIsMalformed()
    {
        Assert.Throws<RemoteBackendException>(() => RemoteCompletionClient.Parse("""{"choices": [{"text": "Capac"""));
        Assert.Throws<RemoteBackendException>(() => RemoteCompletionClient.Parse("""{"choices": []}"""));
        Assert.Throws<RemoteBackendException>(() => RemoteCompletionClient.Parse("<html>502 Bad Gateway</html>"));
        Assert.Equal("x", RemoteCompletionClient.Parse("""{"choices": [{"text": "x", "logprobs": null}]}""").Text);
    }
}

/// <summary>The remote backend (Polly around the client) against a real nanolsp-serve, outside the pipeline.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class RemoteCompletionBackendTests
{
    private static NanoLsp.Features.InlineCompletion.BackendRequest Request() => new(null!, 0,
        new NanoLsp.Assist.PromptContext("", "public int Add(int a, int b)\n{\n    return a", ";\n}\n", NanoLsp.Assist.SuggestionShape.SingleLine,
            "    return a", ";", "}", "    "),
        new NanoLsp.Features.InlineCompletion.InlineCompletionOptions());

    [Fact]
    public async Task ItAnswersWithTheServersTextAndItsName()
    {
        await using var serve = await ServeProcess.StartAsync();
        var setting = new NanoLsp.Server.BackendSetting { Kind = "openai", Name = "team", BaseUrl = new Uri(serve.BaseAddress, "v1/"), Model = "nano-csharp" };
        var backend = new RemoteCompletionBackend(setting, null, (_, _) => { }, _ => { });
        Assert.True(backend.Healthy);
        var answer = await backend.CompleteAsync(Request(), CancellationToken.None);
        Assert.Equal("team", answer.Backend);
        Assert.Single(answer.Candidates);
        Assert.NotNull(backend.LatencyMs);
    }
}
