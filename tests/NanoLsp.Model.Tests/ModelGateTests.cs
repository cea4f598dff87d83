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
    public async Task OnceClosedEveryWaiterAndEveryLaterCallerIsToldTheModelIsGone()
    {
        // The model unloaded (a reload replaced it) while requests still held it: none of them waits for ever.
        var gate = new ModelGate();
        await gate.EnterAsync(urgent: false, default); // LanguageModel.Dispose takes the turn, then closes
        var urgent = gate.EnterAsync(urgent: true, default);
        var normal = gate.EnterAsync(urgent: false, default);

        gate.Close();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => urgent.WaitAsync(Wait));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => normal.WaitAsync(Wait));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => gate.EnterAsync(urgent: false, default));
    }

    [Fact]
    public async Task AnAlreadyCancelledWaitNeverTakesTheModel()
    {
        var gate = new ModelGate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(urgent: true, new CancellationToken(canceled: true)));
        await gate.EnterAsync(urgent: false, default).WaitAsync(Wait);
    }
}

/// <summary>The gate inside the model: an unloaded model answers ObjectDisposedException, never a wait without end.</summary>
public sealed class UnloadedModelTests
{
    [Fact]
    public async Task AnUnloadedModelLetsTheWorkAheadOfItEndAndFailsEveryLaterCall()
    {
        var model = TinyModel.Load();
        var prompt = model.BuildPrompt("int Add(int a, int b) => ", ";\n");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        // The work in flight holds the model until released; a generation waits behind it, a ranking's scoring too.
        var running = model.GenerateAsync(prompt, new GenerationOptions
        {
            MaxTokens = 2, StopBefore = _ => { held.TrySetResult(); release.Wait(TimeSpan.FromMinutes(1)); return true; },
        });
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = 2 });
        var urgent = model.ScoreAsync(prompt, ["a + b"], new ScoringOptions { Urgent = true });

        var unload = Task.Run(model.Dispose); // waits for its turn: after the work in flight and what waits ahead of it
        release.Set();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        await unload.WaitAsync(TimeSpan.FromSeconds(30));

        // What waited ahead of the unload ran (the urgent scoring first); nothing waits for ever.
        await Task.WhenAll(urgent, queued).WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = 2 }).WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.ScoreAsync(prompt, ["a"], new ScoringOptions { Urgent = true }).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
