using NanoLsp.Model;

namespace NanoLsp.Model.Tests;

/// <summary>The model's turn-taking: one at a time, in order, urgent work before queued normal work.</summary>
public sealed class ModelGateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task UrgentWorkGoesBeforeQueuedNormalWorkAndEachKindInOrder()
    {
        var gate = new ModelGate();
        await gate.EnterAsync(urgent: false, default); // the work that runs now

        var order = new List<string>();
        async Task Queue(string name, bool urgent)
        {
            await gate.EnterAsync(urgent, default);
            lock (order) order.Add(name);
            gate.Exit();
        }
        var waiting = new List<Task> { Queue("normal 1", false), Queue("normal 2", false), Queue("urgent 1", true), Queue("urgent 2", true) };
        Assert.All(waiting, t => Assert.False(t.IsCompleted)); // nothing runs while the model is held

        gate.Exit();
        await Task.WhenAll(waiting).WaitAsync(Wait);

        Assert.Equal(["urgent 1", "urgent 2", "normal 1", "normal 2"], order);
    }

    [Fact]
    public async Task ACancelledWaitLeavesTheQueueAndTheTurnPassesOn()
    {
        var gate = new ModelGate();
        await gate.EnterAsync(urgent: false, default);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(urgent: true, cancel.Token);
        var next = gate.EnterAsync(urgent: false, default);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));
        Assert.False(next.IsCompleted);

        gate.Exit();
        await next.WaitAsync(Wait); // the turn went past the cancelled waiter
        gate.Exit();
        await gate.EnterAsync(urgent: false, default).WaitAsync(Wait); // and the model is free again
    }

    [Fact]
    public async Task AnAlreadyCancelledWaitNeverTakesTheModel()
    {
        var gate = new ModelGate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(urgent: true, new CancellationToken(canceled: true)));
        await gate.EnterAsync(urgent: false, default).WaitAsync(Wait);
    }
}
