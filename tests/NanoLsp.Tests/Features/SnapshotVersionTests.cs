using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.CodeActions;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Features;

/// <summary>An answer computed on a snapshot names the version of that snapshot's text, even when the
/// user has typed on since (the client must be able to tell that the edit is stale).</summary>
public class SnapshotVersionTests : IDisposable
{
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());
    private static readonly string DocPath = Path.Combine(Path.GetTempPath(), "nanolsp-version-test", "V.cs");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ACodeActionsEditCarriesTheVersionOfTheSnapshotItWasComputedOn()
    {
        var client = new ClientCapabilities(System.Text.Json.JsonDocument.Parse(
            """{"workspace": {"workspaceEdit": {"documentChanges": true}}}""").RootElement);
        _workspace.Open(DocPath, ProtocolConversions.FromPath(DocPath), "class A { }", version: 3);
        var snapshot = _workspace.Snapshot; // what a code action request was dequeued with
        _workspace.Change(DocPath, 4, _ => SourceText.From("class A { int typedOn; }")); // the user typed on

        var document = snapshot.FindDocument(DocPath)!;
        var fixedSolution = document.WithText(SourceText.From("class B { }")).Project.Solution;
        var edit = await CodeActionEditBuilder.DescribeAsync(snapshot.Solution, fixedSolution, EditOptions.For(client, snapshot), default);

        var documentEdit = Assert.Single(edit.DocumentChanges!.OfType<TextDocumentEdit>());
        Assert.Equal(3, documentEdit.TextDocument.Version);
        Assert.Equal(4, _workspace.Snapshot.VersionOf(DocPath));
    }
}
