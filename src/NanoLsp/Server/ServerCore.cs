using NanoLsp.Logging;
using NanoLsp.Workspace;

namespace NanoLsp.Server;

/// <summary>What the host owns and hands to the composition root: lifecycle and settings, the client
/// at the other end of the connection, and the log.</summary>
public sealed record ServerCore(ServerState State, ILanguageClient Client, ILog Log);

/// <summary>What the composition root built: every handler (one per LSP method), the workspace the
/// request queue takes snapshots of, and what to dispose when the server stops, in order.</summary>
public sealed record ComposedServer(IReadOnlyList<ILspHandler> Handlers, WorkspaceManager Workspace, IReadOnlyList<object> Owned)
{
    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Owned)
        {
            if (owned is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else if (owned is IDisposable disposable)
                disposable.Dispose();
        }
    }
}
