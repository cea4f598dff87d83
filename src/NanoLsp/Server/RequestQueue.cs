using NanoLsp.Logging;
using System.Threading.Channels;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Server;

/// <summary>
/// Runs handlers in arrival order (after Roslyn's own request queue): a mutating handler runs alone,
/// and nothing behind it starts until it has finished; a read handler is started on the Solution
/// snapshot of the moment it is dequeued and runs concurrently with the reads around it. So a read
/// sees every edit that arrived before it and none that arrived after.
/// </summary>
public sealed class RequestQueue : IAsyncDisposable
{
    private readonly Channel<WorkItem> _channel = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<string?, RequestContext> _createContext;
    private readonly ILog _logger;
    private readonly Task _loop;

    /// <param name="createContext">Takes the workspace snapshot of the moment and resolves the named document in it.</param>
    public RequestQueue(Func<string?, RequestContext> createContext, ILog logger)
    {
        _createContext = createContext;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues work; the task ends with its result, its exception, or cancelled when the token fires first.</summary>
    public Task<TResult> Enqueue<TResult>(
        string method, bool mutates, string? documentUri,
        Func<RequestContext, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var item = new WorkItem<TResult>(method, mutates, documentUri, work, cancellationToken);
        if (!_channel.Writer.TryWrite(item))
            item.Fail(new ObjectDisposedException(nameof(RequestQueue), "The server is shutting down."));
        return item.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.CancellationToken.IsCancellationRequested)
            {
                item.Cancel();
                continue;
            }
            RequestContext context;
            try
            {
                context = _createContext(item.DocumentUri);
                context.ArrivedAt = item.ArrivedAt;
            }
            catch (Exception e)
            {
                item.Fail(e);
                continue;
            }
            if (item.Mutates)
            {
                // Awaited: writes are serialised and later requests wait for them.
                await item.RunAsync(context).ConfigureAwait(false);
            }
            else
            {
                _ = Task.Run(() => item.RunAsync(context));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.Error($"Request queue stopped with an error: {e}");
        }
    }

    private abstract class WorkItem(string method, bool mutates, string? documentUri, CancellationToken cancellationToken)
    {
        public string Method { get; } = method;
        public bool Mutates { get; } = mutates;
        public string? DocumentUri { get; } = documentUri;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public long ArrivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        public abstract Task RunAsync(RequestContext context);
        public abstract void Cancel();
        public abstract void Fail(Exception e);
    }

    private sealed class WorkItem<TResult>(
        string method, bool mutates, string? documentUri,
        Func<RequestContext, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
        : WorkItem(method, mutates, documentUri, cancellationToken)
    {
        private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TResult> Task => _completion.Task;

        public override async Task RunAsync(RequestContext context)
        {
            try
            {
                _completion.TrySetResult(await work(context, CancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(CancellationToken);
            }
            catch (Exception e)
            {
                _completion.TrySetException(e);
            }
        }

        public override void Cancel() => _completion.TrySetCanceled(CancellationToken);

        public override void Fail(Exception e) => _completion.TrySetException(e);
    }
}
