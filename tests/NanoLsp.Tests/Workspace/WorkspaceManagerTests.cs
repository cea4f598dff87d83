using NanoLsp.Protocol;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;
using Range = NanoLsp.Protocol.Range;

namespace NanoLsp.Tests.Workspace;

public class WorkspaceManagerTests : IDisposable
{
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());
    private readonly string _uri = DocumentUris.FromPath(Path.Combine(Path.GetTempPath(), "nanolsp-wm-test", "Doc.cs"));

    public void Dispose() => _workspace.Dispose();

    private Task<string> Text() => Text(_workspace.CurrentSolution);

    private async Task<string> Text(Microsoft.CodeAnalysis.Solution solution) =>
        (await _workspace.FindDocument(solution, _uri)!.GetTextAsync()).ToString();

    private static TextDocumentContentChangeEvent Edit(int line, int start, int endLine, int end, string text) =>
        new(new Range(new Position(line, start), new Position(endLine, end)), text);

    [Fact]
    public async Task IncrementalChangesApplyInOrderEachOnThePreviousResult()
    {
        _workspace.Open(_uri, "int a = 1;\nint b = 2;\n", 1);
        _workspace.Change(_uri, 2, [
            Edit(0, 4, 0, 5, "alpha"),        // int alpha = 1;
            Edit(1, 0, 1, 0, "// b\n"),       // inserted line before "int b"
            Edit(2, 8, 2, 9, "20"),           // the old line 1 is now line 2
        ]);
        Assert.Equal("int alpha = 1;\n// b\nint b = 20;\n", await Text());
    }

    [Fact]
    public async Task FullTextChangeReplacesEverything()
    {
        _workspace.Open(_uri, "class A {}", 1);
        _workspace.Change(_uri, 2, [new TextDocumentContentChangeEvent(null, "class B {}")]);
        Assert.Equal("class B {}", await Text());
        Assert.Equal(2, _workspace.OpenVersion(DocumentUris.ToPath(_uri)));
    }

    [Fact]
    public async Task EditPastTheEndIsRejectedAndTheTextKept()
    {
        _workspace.Open(_uri, "class A {}", 1);
        var error = Assert.Throws<LspException>(() => _workspace.Change(_uri, 2, [Edit(5, 0, 5, 0, "x")]));
        Assert.Contains("past the end", error.Message);
        Assert.Equal("class A {}", await Text());
    }

    [Fact]
    public async Task SnapshotsAreImmutable()
    {
        _workspace.Open(_uri, "class A {}", 1);
        var before = _workspace.CurrentSolution;
        _workspace.Change(_uri, 2, [new TextDocumentContentChangeEvent(null, "class B {}")]);
        Assert.Equal("class A {}", await Text(before));
    }

    [Fact]
    public async Task FileOutsideAnyProjectCompilesAsALooseDocument()
    {
        var document = _workspace.Open(_uri, "class A { void M() { System.Console.WriteLine(missing); } }", 1);
        var model = await document.GetSemanticModelAsync();
        var ids = model!.GetDiagnostics().Select(d => d.Id).ToList();
        // The framework is referenced (Console resolves); only the unknown name is an error.
        Assert.Equal(["CS0103"], ids);
    }

    [Fact]
    public void ChangeToADocumentThatIsNotOpenIsRejected()
    {
        var error = Assert.Throws<LspException>(() => _workspace.Change(_uri, 2, [new TextDocumentContentChangeEvent(null, "x")]));
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
        _workspace.Open(_uri, "class A {}", 1);
        _workspace.Close(_uri);
        Assert.Null(_workspace.FindDocument(_workspace.CurrentSolution, _uri));
    }
}
