using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;

namespace NanoLsp.Workspace;

/// <summary>
/// Whether any remote package feed a load's restore would ask can be found at all. NuGet tries each request six times a
/// second apart, also when the feed's host name does not resolve: offline, one restore of dotnet/efcore (twelve feeds)
/// took 2 min 1 s where one try each took 0.45 s, and its MSBuild SDK (Arcade, resolved from the feeds for each project
/// the build host evaluates) kept the load from ending for over 15 minutes. When no feed's host resolves, the load's
/// restore and build hosts try each source once (<see cref="MsBuildSetup.TryFeedsOnce"/>); when any resolves, NuGet keeps
/// its retries, which a flaky network needs.
/// Hand-written: NuGet.Configuration would read the same files, but the server does not load NuGet's assemblies beside
/// MSBuild's; only the sources' addresses are needed here, from the files NuGet reads (the folder's and its parents'
/// nuget.config up to a &lt;clear/&gt;, then the user's).
/// </summary>
public static class PackageFeeds
{
    private static readonly string[] ConfigNames = ["nuget.config", "NuGet.config", "NuGet.Config"];

    /// <summary>The host names of the http(s) package sources configured for <paramref name="roots"/>.</summary>
    public static IReadOnlySet<string> RemoteHosts(IReadOnlyList<string> roots, string? userConfig = null)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in roots)
        {
            var cleared = false;
            for (var folder = new DirectoryInfo(root); folder is not null && !cleared; folder = folder.Parent)
            {
                foreach (var config in ConfigNames.Select(n => Path.Combine(folder.FullName, n)).Where(File.Exists).Distinct())
                    cleared |= ReadSources(config, hosts);
            }
            if (cleared) continue;
            var user = userConfig ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
            if (File.Exists(user))
                ReadSources(user, hosts);
            else
                hosts.Add("api.nuget.org"); // NuGet's default source, which it writes into a new user config
        }
        return hosts;
    }

    /// <summary>True when none of <paramref name="hosts"/> resolves within <paramref name="timeout"/> (false for none).</summary>
    public static async Task<bool> NoneResolvesAsync(IReadOnlySet<string> hosts, TimeSpan timeout)
    {
        if (hosts.Count == 0) return false;
        using var cancellation = new CancellationTokenSource(timeout);
        var lookups = hosts.Select(async host =>
        {
            try
            {
                return (await Dns.GetHostAddressesAsync(host, cancellation.Token).ConfigureAwait(false)).Length > 0;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (OperationCanceledException)
            {
                return true; // slow, not absent: let NuGet try as usual
            }
        });
        // Not past the timeout even where a look-up does not stop when cancelled: a slow answer is not an absent one.
        var all = Task.WhenAll(lookups);
        if (await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) != all)
            return false;
        return !(await all.ConfigureAwait(false)).Any(found => found);
    }

    /// <summary>Adds a config file's http(s) sources' hosts; true when it clears the sources of the files read after it.</summary>
    private static bool ReadSources(string config, HashSet<string> hosts)
    {
        try
        {
            var sources = XDocument.Load(config).Root?.Element("packageSources");
            if (sources is null) return false;
            foreach (var add in sources.Elements("add"))
            {
                if (Uri.TryCreate((string?)add.Attribute("value"), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    hosts.Add(uri.Host);
            }
            return sources.Elements("clear").Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return false; // NuGet reports a broken config itself
        }
    }
}
