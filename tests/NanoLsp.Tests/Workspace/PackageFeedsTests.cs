using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>Which package feeds a load's restore would ask, and whether any can be found (PackageFeeds).</summary>
public sealed class PackageFeedsTests : IDisposable
{
    private readonly TemporaryFolder _root = new("nanolsp-feeds-");

    public void Dispose() => _root.Dispose();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Config(bool clear, params string[] sources) =>
        "<configuration><packageSources>" + (clear ? "<clear />" : "") +
        string.Concat(sources.Select((s, i) => $"<add key=\"s{i}\" value=\"{s}\" />")) + "</packageSources></configuration>";

    [Fact]
    public void TheFolderAndItsParentsAreReadUpToAClearThenTheUserConfig()
    {
        var user = Write("user/NuGet.Config", Config(false, "https://user.example.org/v3/index.json"));
        // The temporary folder's own <clear/> keeps whatever lies above it on this machine out of the test.
        Write("nuget.config", Config(true, "https://parent.example.org/v3/index.json", "/local/feed"));
        Write("repo/NuGet.config", Config(false, "https://repo.example.org/v3/index.json"));
        Write("repo/cleared/nuget.config", Config(true, "https://only.example.org/v3/index.json"));

        Assert.Equal(["parent.example.org", "repo.example.org"],
            PackageFeeds.RemoteHosts([Path.Combine(_root.Path, "repo")], user).Order(StringComparer.Ordinal));
        // A <clear/> leaves out what NuGet would read after it: the parents' sources and the user's.
        Assert.Equal(["only.example.org"], PackageFeeds.RemoteHosts([Path.Combine(_root.Path, "repo", "cleared")], user));

        // No <clear/> anywhere: the user's config is read too, and without one NuGet's default source counts.
        using var bare = new TemporaryFolder("nanolsp-feeds-bare-");
        Assert.Contains("user.example.org", PackageFeeds.RemoteHosts([bare.Path], user));
        Assert.Contains("api.nuget.org", PackageFeeds.RemoteHosts([bare.Path], Path.Combine(_root.Path, "none.config")));
    }

    [Fact]
    public async Task FeedsWhoseNamesDoNotResolveAreUnreachableAndOneThatResolvesIsEnough()
    {
        // .invalid never resolves (RFC 6761), with or without a network; localhost always does.
        var offline = new HashSet<string> { "feed-a.nanolsp.invalid", "feed-b.nanolsp.invalid" };
        Assert.True(await PackageFeeds.NoneResolvesAsync(offline, TimeSpan.FromSeconds(10)));
        Assert.False(await PackageFeeds.NoneResolvesAsync(new HashSet<string>(offline) { "localhost" }, TimeSpan.FromSeconds(10)));
        Assert.False(await PackageFeeds.NoneResolvesAsync(new HashSet<string>(), TimeSpan.FromSeconds(10)));
    }
}
