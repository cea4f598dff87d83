using Microsoft.CodeAnalysis;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.E2E;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>
/// MSBuild's load in the test's own process, after the provisional solution: the loaded references share the
/// provisional ones' metadata, and the warm-up before serving keeps the edits and closes made while it ran.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class LoadedSolutionTests : IDisposable
{
    private readonly string _folder = Fixtures.Copy("ProjectFixture");
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());

    public void Dispose() => _workspace.Dispose();

    private string Counter => Path.Combine(_folder, "Counter.cs");

    private void OpenCounter() => _workspace.Open(Counter, ProtocolConversions.FromPath(Counter), File.ReadAllText(Counter), 1);

    private void Type(int version, string text) =>
        _workspace.Change(Counter, version, old => ProtocolConversions.Apply(old, [new TextDocumentContentChangeEvent(null, text)]));

    private async Task<string> ServedText() => (await _workspace.Snapshot.FindDocument(Counter)!.GetTextAsync()).ToString();

    [Fact]
    public async Task TheLoadedSolutionReusesTheProvisionalFrameworkSymbols()
    {
        OpenCounter();
        _workspace.LoadProvisional([_folder]);
        var provisional = (await _workspace.Snapshot.FindDocument(Counter)!.Project.GetCompilationAsync())!;
        await _workspace.LoadAsync([_folder], _ => { }, CancellationToken.None);

        Assert.False(_workspace.Snapshot.Provisional);
        var loaded = (await _workspace.Snapshot.FindDocument(Counter)!.Project.GetCompilationAsync())!;
        // The compiler keeps an assembly's symbols on its metadata: one metadata, one set of symbols, read once.
        Assert.Same(provisional.GetTypeByMetadataName("System.Console"), loaded.GetTypeByMetadataName("System.Console"));
        // And the documentation is read a member at a time.
        var writeLine = loaded.GetTypeByMetadataName("System.Console")!.GetMembers("WriteLine").OfType<IMethodSymbol>()
            .Single(m => m.Parameters is [{ Type.SpecialType: SpecialType.System_String }]);
        Assert.Contains("line terminator", writeLine.GetDocumentationCommentXml());
    }

    [Fact]
    public async Task AnEditMadeDuringTheWarmUpIsServedAfterIt()
    {
        OpenCounter();
        var warmed = 0;
        await _workspace.LoadAsync([_folder], _ => { }, CancellationToken.None, async (solution, open, cancellation) =>
        {
            Assert.Single(open);
            await solution.GetDocument(open[0])!.GetSemanticModelAsync(cancellation);
            warmed++;
            Type(2, "namespace ProjectFixture; public class Counter { public int Count { get; set; } }");
        });

        Assert.Equal(1, warmed);
        Assert.False(_workspace.Snapshot.Provisional);
        Assert.Equal("namespace ProjectFixture; public class Counter { public int Count { get; set; } }", await ServedText());
        Assert.Equal(2, _workspace.Snapshot.VersionOf(Counter));
    }

    [Fact]
    public async Task TheWarmUpGetsTheDocumentThatAnswersForAFileOfEveryFramework()
    {
        // A file of a project built for net10.0 and netstandard2.0 is a document of each framework's project; requests
        // read the newest framework's, so that is the one compiled before the solution is served.
        var folder = Fixtures.Copy("FrameworkOnlyFile");
        var shape = Path.Combine(folder, "Shape.cs");
        using var workspace = new WorkspaceManager(new RecordingLogger());
        workspace.Open(shape, ProtocolConversions.FromPath(shape), File.ReadAllText(shape), 1);
        IReadOnlyList<DocumentId> warmed = [];
        await workspace.LoadAsync([folder], _ => { }, CancellationToken.None, (solution, open, _) =>
        {
            warmed = open;
            return Task.CompletedTask;
        });

        var served = workspace.Snapshot.FindDocument(shape)!;
        Assert.Equal(2, served.Project.Solution.GetDocumentIdsWithFilePath(shape).Length);
        Assert.Equal([served.Id], warmed);
        Assert.Contains("net10.0", served.Project.Name);
    }

    [Fact]
    public async Task ADocumentClosedDuringTheWarmUpIsServedFromDisk()
    {
        OpenCounter();
        Type(2, "// unsaved");
        await _workspace.LoadAsync([_folder], _ => { }, CancellationToken.None, (_, _, _) =>
        {
            _workspace.Close(Counter);
            return Task.CompletedTask;
        });

        Assert.Equal(File.ReadAllText(Counter), await ServedText());
    }
}
