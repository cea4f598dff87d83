using NanoLsp.Protocol;

namespace NanoLsp.Server;

// Handler shape (after Roslyn's own LSP server): one class per LSP method, grouped by area under
// Features/<Area>/. A handler declares whether it mutates server state: the request queue runs
// mutating handlers one at a time, in arrival order, and lets non-mutating ones run concurrently
// on the immutable Solution snapshot of the moment they were dequeued.
//
// Adding a handler: see docs/adding-a-feature.md.

public interface ILspHandler
{
    /// <summary>The LSP method name: a constant from <see cref="LspMethods"/>, never a literal.</summary>
    string Method { get; }

    /// <summary>True when the handler changes workspace or server state (text sync, configuration).</summary>
    bool MutatesState { get; }
}

/// <summary>A request handler: it answers with a result (or null) or throws <see cref="LspException"/>.</summary>
public interface IRequestHandler<in TParams, TResult> : ILspHandler
{
    Task<TResult> HandleAsync(TParams request, RequestContext context, CancellationToken cancellationToken);
}

/// <summary>A notification handler: no answer goes back.</summary>
public interface INotificationHandler<in TParams> : ILspHandler
{
    Task HandleAsync(TParams notification, RequestContext context, CancellationToken cancellationToken);
}
