using Microsoft.CodeAnalysis;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Server;

public class RequestQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly RecordingLogger _logger = new();
    private WorkspaceManager _workspace = null!;
    private RequestQueue _queue = null!;

    public Task InitializeAsync()
    {
        _workspace = new WorkspaceManager(_logger);
        _queue = new RequestQueue(uri => _workspace.Snapshot is var snapshot ? new RequestContext
        {
            Snapshot = snapshot,
            Document = uri is null ? null : ProtocolConversions.FindDocument(snapshot.Solution, uri),
            DocumentUri = uri,
            Logger = _logger,
        } : null!, _logger);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        _workspace.Dispose();
    }

    private Task<T> Write<T>(Func<RequestContext, Task<T>> work, CancellationToken token = default) =>
        _queue.Enqueue("write", mutates: true, null, (context, _) => work(context), token);

    private Task<T> Read<T>(Func<RequestContext, Task<T>> work, string? uri = null, CancellationToken token = default) =>
        _queue.Enqueue("read", mutates: false, uri, (context, _) => work(context), token);

    [Fact]
    public async Task WritesRunOneAtATimeInArrivalOrder()
    {
        var order = new List<int>();
        var running = 0;
        var overlapped = false;
        var tasks = Enumerable.Range(0, 20).Select(i => Write(async _ =>
        {
            if (Interlocked.Increment(ref running) > 1)
                overlapped = true;
            await Task.Delay(i % 3);
            lock (order)
                order.Add(i);
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();
        await Task.WhenAll(tasks).WaitAsync(Timeout);
        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task ReadsRunConcurrently()
    {
        // Each read waits until both have started: only possible when they run at the same time.
        using var barrier = new Barrier(2);
        var first = Read(_ => Task.FromResult(barrier.SignalAndWait(Timeout)));
        var second = Read(_ => Task.FromResult(barrier.SignalAndWait(Timeout)));
        var results = await Task.WhenAll(first, second).WaitAsync(Timeout);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task ReadSeesEveryWriteBeforeItAndNoneAfter()
    {
        var path = Path.Combine(Path.GetTempPath(), "nanolsp-queue-test", "Snapshot.cs");
        var uri = ProtocolConversions.FromPath(path);
        var release = new TaskCompletionSource();
        _ = Write(_ => Task.FromResult(_workspace.Open(ProtocolConversions.ToPath(uri), uri, "class A {}", 1)));
        // The read is dequeued before the next write, but only looks at its document later.
        var read = Read(async context =>
        {
            await release.Task;
            return (await context.RequireDocument().GetTextAsync()).ToString();
        }, uri);
        var write = Write(_ => Task.FromResult(_workspace.Change(ProtocolConversions.ToPath(uri), 2, _ => Microsoft.CodeAnalysis.Text.SourceText.From("class B {}"))));
        await write.WaitAsync(Timeout);
        release.SetResult();
        Assert.Equal("class A {}", await read.WaitAsync(Timeout));
        var later = await Read(async context => (await context.RequireDocument().GetTextAsync()).ToString(), uri).WaitAsync(Timeout);
        Assert.Equal("class B {}", later);
    }

    [Fact]
    public async Task RequestCancelledWhileQueuedNeverRuns()
    {
        var blocker = new TaskCompletionSource<bool>();
        var blocking = Write(_ => blocker.Task);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var queued = Read(_ =>
        {
            ran = true;
            return Task.FromResult(1);
        }, token: cancel.Token);
        cancel.Cancel();
        blocker.SetResult(true);
        await blocking.WaitAsync(Timeout);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Timeout));
        Assert.False(ran);
    }

    [Fact]
    public async Task AFailingHandlerDoesNotStopTheQueue()
    {
        var failing = Write<int>(_ => throw new InvalidOperationException("boom"));
        var next = Write(_ => Task.FromResult(42));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Timeout));
        Assert.Equal(42, await next.WaitAsync(Timeout));
    }

    [Fact]
    public async Task RequestForAnUnknownDocumentGetsAClearError()
    {
        var read = Read(context => Task.FromResult(context.RequireDocument()), "file:///nowhere/Missing.cs");
        var error = await Assert.ThrowsAsync<Protocol.LspException>(() => read.WaitAsync(Timeout));
        Assert.Contains("Missing.cs", error.Message);
    }
}
