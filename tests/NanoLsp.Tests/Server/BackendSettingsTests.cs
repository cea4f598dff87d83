using System.Text.Json;
using NanoLsp.Server;

namespace NanoLsp.Tests.Server;

public sealed class BackendSettingsTests
{
    private static (ServerSettings Settings, List<string> Problems) Apply(string json)
    {
        var problems = new List<string>();
        var settings = ServerSettings.Default.Apply(JsonDocument.Parse(json).RootElement, problems);
        return (settings, problems);
    }

    [Fact]
    public void TheDefaultIsTheLocalModelAlone()
    {
        var backend = Assert.Single(ServerSettings.Default.Backends);
        Assert.True(backend.IsLocal);
        Assert.Equal(RoutingPolicy.Ordered, ServerSettings.Default.RoutingPolicy);
    }

    [Fact]
    public void AnOpenAiCompatibleBackendIsReadWithItsOptions()
    {
        var (settings, problems) = Apply("""
            {"nanolsp": {"backends": [
              {"kind": "openai", "name": "gpu", "baseUrl": "http://gpu.lan:8000/v1", "model": "qwen2.5-coder-7b", "apiKeyEnv": "TEAM_KEY",
               "timeoutMs": 900, "role": "invoked", "fim": "<|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>", "logprobs": false},
              {"kind": "local"}],
             "routing": {"policy": "remoteForInvoked", "hedgeAfterMs": null}}}
            """);
        Assert.Empty(problems);
        var remote = settings.Backends[0];
        Assert.Equal("gpu", remote.Name);
        Assert.Equal("http://gpu.lan:8000/v1/", remote.BaseUrl!.ToString());
        Assert.Equal("TEAM_KEY", remote.ApiKeyEnv);
        Assert.Equal(BackendRole.Invoked, remote.Role);
        Assert.Equal(900, remote.TimeoutMs);
        Assert.False(remote.Logprobs);
        Assert.True(settings.Backends[1].IsLocal);
        Assert.Equal(RoutingPolicy.RemoteForInvoked, settings.RoutingPolicy);
        Assert.Null(settings.HedgeAfterMs);
    }

    [Fact]
    public void AKeyInSettingsIsRefusedAndNeverEchoed()
    {
        var (settings, problems) = Apply("""
            {"nanolsp": {"backends": [
              {"kind": "openai", "baseUrl": "http://gpu:8000/v1", "model": "m", "apiKey": "sk-live-abcdef"},
              {"kind": "openai", "baseUrl": "http://gpu:8000/v1", "model": "m", "apiKeyEnv": "sk-live-abcdef"}]}}
            """);
        Assert.Empty(settings.Backends);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain("sk-live-abcdef", p));
    }

    [Fact]
    public void AWrongEntryIsLeftOutAndTheRestKept()
    {
        var (settings, problems) = Apply("""
            {"nanolsp": {"backends": [{"kind": "openai", "baseUrl": "ftp://x", "model": "m"}, {"kind": "gemini"}, {"kind": "local"}],
             "routing": {"policy": "cheapest"}}}
            """);
        Assert.True(Assert.Single(settings.Backends).IsLocal);
        Assert.Equal(3, problems.Count);
        Assert.Equal(RoutingPolicy.Ordered, settings.RoutingPolicy);
    }
}
