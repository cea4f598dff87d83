using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;
using Range = NanoLsp.Protocol.Range;

namespace NanoLsp.Tests.Workspace;

/// <summary>A document edited for long keeps its text right and does not keep every text it had.</summary>
public class EditHistoryTests : IDisposable
{
    private readonly WorkspaceManager _workspace = new(new RecordingLogger());
    private static readonly string DocPath = Path.Combine(Path.GetTempPath(), "nanolsp-history-test", "Doc.cs");
    private readonly string _uri = ProtocolConversions.FromPath(DocPath);
    private static readonly string Original = string.Concat(Enumerable.Range(0, 200).Select(i => $"class C{i} {{ int F{i}; }}\n"));

    public void Dispose() => _workspace.Dispose();

    private SourceText CurrentText() =>
        ProtocolConversions.FindDocument(_workspace.CurrentSolution, _uri)!.GetTextAsync().Result;

    // A keystroke and its undo, turn about, on the first line (every other edit leaves the original text); then the
    // tree, as the server's features ask for it after every keystroke (an unparsed document keeps its texts until parsed).
    private void Edit(int version)
    {
        var document = _workspace.Change(DocPath, version, text => ProtocolConversions.Apply(text,
        [
            (version & 1) == 0
                ? new TextDocumentContentChangeEvent(new Range(new Position(0, 0), new Position(0, 0)), "x")
                : new TextDocumentContentChangeEvent(new Range(new Position(0, 0), new Position(0, 1)), ""),
        ]));
        Assert.NotNull(document.GetSyntaxTreeAsync().Result);
    }

    [Fact]
    public void TheHistoryBackToTheOpenedTextIsCutAfterManyEditsAndTheTextStaysRight()
    {
        _workspace.Open(DocPath, _uri, Original, 1);
        var opened = CurrentText();
        int version = 1;
        while (version < EditHistory.EditsBeforeCut)
            Edit(++version);

        // Until the cut the text knows its changes since it was opened (Roslyn's incremental parse reads them).
        Assert.Equal("x" + Original, CurrentText().ToString());
        Assert.All(CurrentText().GetChangeRanges(opened), range => Assert.True(range.Span.Length < 10, $"{range}"));

        Edit(++version);
        Assert.Equal(Original, CurrentText().ToString());
        var ranges = CurrentText().GetChangeRanges(opened);
        Assert.Equal(new TextChangeRange(new TextSpan(0, opened.Length), Original.Length), Assert.Single(ranges));

        Edit(++version);
        Assert.Equal("x" + Original, CurrentText().ToString());
    }

    [Fact]
    public void EachChangeOfAMultiCursorEditCounts()
    {
        _workspace.Open(DocPath, _uri, Original, 1);
        var opened = CurrentText();
        // Two cursors, on lines 0 and 1: a keystroke is two changes, as DidChangeHandler hands them over.
        TextDocumentContentChangeEvent[] TwoCursors(string typed, int width) =>
        [
            new(new Range(new Position(0, 0), new Position(0, width)), typed),
            new(new Range(new Position(1, 0), new Position(1, width)), typed),
        ];
        for (int version = 2; version < 2 + EditHistory.EditsBeforeCut / 2; version++)
        {
            var changes = (version & 1) == 0 ? TwoCursors("x", 0) : TwoCursors("", 1);
            _workspace.Change(DocPath, version, text => ProtocolConversions.Apply(text, changes), edits: changes.Length);
        }

        Assert.Equal(Original, CurrentText().ToString());
        Assert.Equal(new TextChangeRange(new TextSpan(0, opened.Length), Original.Length), Assert.Single(CurrentText().GetChangeRanges(opened)));
    }

    [Fact]
    public void TheOpenedTextCanBeCollectedOnceTheHistoryIsCut()
    {
        var opened = OpenAndWatch();
        for (int version = 2; version <= EditHistory.EditsBeforeCut + 1; version++)
            Edit(version);
        // Collected at once when run alone; under CI's load a pool thread may still be finishing the last parses, which
        // hold their texts until they end, so the collection is retried for a few seconds.
        for (int attempt = 0; attempt < 30 && opened.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (opened.IsAlive) Thread.Sleep(100);
        }

        // The edited text stored its unchanged stretches as slices of the opened one, which kept every link since.
        Assert.False(opened.IsAlive, "the text as opened is still held after the cut");
        Assert.Equal(Original, CurrentText().ToString()); // the last edit (odd) took the x away
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference OpenAndWatch()
    {
        _workspace.Open(DocPath, _uri, Original, 1);
        return new WeakReference(CurrentText());
    }
}
