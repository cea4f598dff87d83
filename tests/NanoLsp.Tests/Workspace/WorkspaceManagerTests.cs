using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;
using Range = NanoLsp.Protocol.Range;

namespace NanoLsp.Tests.Workspace;

public class WorkspaceManagerTests : IDisposable
{
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());
    private static readonly string DocPath = Path.Combine(Path.GetTempPath(), "nanolsp-wm-test", "Doc.cs");
    private readonly string _uri = ProtocolConversions.FromPath(DocPath);

    public void Dispose() => _workspace.Dispose();

    private Task<string> Text() => Text(_workspace.CurrentSolution);

    private async Task<string> Text(Microsoft.CodeAnalysis.Solution solution) =>
        (await ProtocolConversions.FindDocument(solution, _uri)!.GetTextAsync()).ToString();

    private Microsoft.CodeAnalysis.Document Open(string text, int version = 1) => _workspace.Open(DocPath, _uri, text, version);

    // As DidChangeHandler does: the protocol's changes are converted against the evolving text.
    private void Change(int version, params TextDocumentContentChangeEvent[] changes) =>
        _workspace.Change(DocPath, version, text => ProtocolConversions.Apply(text, changes));

    private static TextDocumentContentChangeEvent Edit(int line, int start, int endLine, int end, string text) =>
        new(new Range(new Position(line, start), new Position(endLine, end)), text);

    [Fact]
    public async Task IncrementalChangesApplyInOrderEachOnThePreviousResult()
    {
        Open("int a = 1;\nint b = 2;\n");
        Change(2,
            Edit(0, 4, 0, 5, "alpha"),        // int alpha = 1;
            Edit(1, 0, 1, 0, "// b\n"),       // inserted line before "int b"
            Edit(2, 8, 2, 9, "20"));          // the old line 1 is now line 2
        Assert.Equal("int alpha = 1;\n// b\nint b = 20;\n", await Text());
    }

    [Fact]
    public async Task FullTextChangeReplacesEverything()
    {
        Open("class A {}");
        Change(2, new TextDocumentContentChangeEvent(null, "class B {}"));
        Assert.Equal("class B {}", await Text());
        Assert.Equal(2, _workspace.Snapshot.VersionOf(DocPath));
    }

    [Fact]
    public async Task EditPastTheEndIsRejectedAndTheTextKept()
    {
        Open("class A {}");
        var error = Assert.Throws<LspException>(() => Change(2, Edit(5, 0, 5, 0, "x")));
        Assert.Contains("past the end", error.Message);
        Assert.Equal("class A {}", await Text());
    }

    [Fact]
    public async Task SnapshotsAreImmutable()
    {
        Open("class A {}");
        var before = _workspace.CurrentSolution;
        Change(2, new TextDocumentContentChangeEvent(null, "class B {}"));
        Assert.Equal("class A {}", await Text(before));
    }

    [Fact]
    public async Task ASnapshotCarriesTheVersionOfTheTextItHolds()
    {
        Open("class A {}", version: 1);
        var before = _workspace.Snapshot;
        Change(2, new TextDocumentContentChangeEvent(null, "class B {}"));
        var after = _workspace.Snapshot;
        // An answer computed on the older snapshot must name version 1, whatever the live state is now.
        Assert.Equal(1, before.VersionOf(DocPath));
        Assert.Equal("class A {}", await Text(before.Solution));
        Assert.Equal(2, after.VersionOf(DocPath));
        Assert.Equal("class B {}", await Text(after.Solution));
    }

    [Fact]
    public async Task FileOutsideAnyProjectCompilesAsALooseDocument()
    {
        var document = Open("class A { void M() { System.Console.WriteLine(missing); } }");
        var model = await document.GetSemanticModelAsync();
        var ids = model!.GetDiagnostics().Select(d => d.Id).ToList();
        // The framework is referenced (Console resolves); only the unknown name is an error.
        Assert.Equal(["CS0103"], ids);
    }

    [Fact]
    public void ChangeToADocumentThatIsNotOpenIsRejected()
    {
        var error = Assert.Throws<WorkspaceException>(() => Change(2, new TextDocumentContentChangeEvent(null, "x")));
        Assert.Contains("not open", error.Message);
    }

    [Theory]
    [InlineData("/repo/App/obj/Debug/net10.0/App.AssemblyInfo.cs", true)]
    [InlineData("/repo/App/bin/Release/Gen.cs", true)]
    [InlineData("/repo/App/Objects/Thing.cs", false)]
    [InlineData("/repo/App/binding.cs", false)]
    public void BuildOutputIsRecognisedBySegment(string path, bool expected) =>
        Assert.Equal(expected, WorkspaceManager.IsBuildOutput(path));

    [Fact]
    public void ClosingALooseDocumentRemovesIt()
    {
        Open("class A {}");
        _workspace.Close(DocPath);
        Assert.Null(ProtocolConversions.FindDocument(_workspace.CurrentSolution, _uri));
    }
}
