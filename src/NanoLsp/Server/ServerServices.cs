using NanoLsp.Features.Diagnostics;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Workspace;

namespace NanoLsp.Server;

/// <summary>The shared services a handler may take in its constructor (see <see cref="HandlerCatalog"/>).</summary>
public sealed class ServerServices
{
    public ServerServices(WorkspaceManager workspace, ILanguageClient client, IServerLogger logger, ServerState state)
    {
        Workspace = workspace;
        Client = client;
        Logger = logger;
        State = state;
        Diagnostics = new DiagnosticsPublisher(workspace, client, logger, state);
        Model = new ModelHost(client, logger, state);
    }

    /// <summary>The one owner of document text and Solution snapshots (mutating handlers only write through it).</summary>
    public WorkspaceManager Workspace { get; }

    public ILanguageClient Client { get; }

    public IServerLogger Logger { get; }

    public ServerState State { get; }

    /// <summary>Pushes diagnostics for open documents (text sync schedules it).</summary>
    public DiagnosticsPublisher Diagnostics { get; }

    /// <summary>The nano model: loaded after initialized, off the request queue (inline completion reads it).</summary>
    public ModelHost Model { get; }

    /// <summary>Raised once by the initialized notification, before the workspace loads: background
    /// warm-ups (MEF composition of code-action providers) start here rather than at construction, so
    /// they do not slow the initialize answer.</summary>
    public event Action? Initialized;

    internal void RaiseInitialized() => Initialized?.Invoke();

    /// <summary>Set by the host once the catalog exists: initialize and initialized read it.</summary>
    public ServerCapabilitiesBuilder Capabilities { get; internal set; } = new([]);
}
