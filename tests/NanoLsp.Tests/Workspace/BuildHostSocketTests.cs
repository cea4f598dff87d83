using NanoLsp.Tests.E2E;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>MSBuild's build host leaves the socket file it listened on (/tmp/GUID) when it ends: a load removes its
/// build hosts' files once they have ended (<see cref="BuildHostProcesses"/>).</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class BuildHostSocketTests : IDisposable
{
    private readonly string _folder = Fixtures.Copy("SharedReference");
    private readonly TemporaryFolder _cache = new("nanolsp-design-time-");

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AnMsBuildLoadLeavesNoSocketFileOfItsBuildHostBehind()
    {
        if (!OperatingSystem.IsLinux()) return; // build hosts are found in /proc

        var loader = new WorkspaceLoader(new RecordingLogger()) { DesignTimeCacheFolder = _cache.Path };
        var outcome = await loader.LoadAsync(_folder, _ => { }, CancellationToken.None);
        Assert.Equal(3, outcome.Report.ProjectsLoaded);

        var removed = await loader.BuildHostSocketsRemoved.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(removed); // the build host's socket was there, named on its command line
        Assert.All(removed, path =>
        {
            Assert.Matches(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", path);
            Assert.False(File.Exists(path), path);
        });
    }
}
