using NanoLsp.Protocol;

namespace NanoLsp.Server;

public enum LifecyclePhase
{
    /// <summary>Before initialize: every request but initialize is answered ServerNotInitialized.</summary>
    Created,
    Initializing,
    Initialized,
    /// <summary>After shutdown: only exit is expected; requests are answered InvalidRequest.</summary>
    ShuttingDown,
}

/// <summary>Server-wide state that is not the workspace: lifecycle, client capabilities, settings.</summary>
public sealed class ServerState
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LifecyclePhase Phase { get; set; } = LifecyclePhase.Created;

    public InitializeParams? InitializeParams { get; set; }

    public ClientCapabilities ClientCapabilities { get; set; } = ClientCapabilities.None;

    /// <summary>Replaced whole by initialize and didChangeConfiguration; a request reads it once (RequestContext).</summary>
    public ServerSettings Settings { get => Volatile.Read(ref _settings); set => Volatile.Write(ref _settings, value); }

    private ServerSettings _settings = ServerSettings.Default;

    /// <summary>Completes with the process exit code when the client sends exit (0 after shutdown, else 1).</summary>
    public Task<int> ExitCode => _exit.Task;

    public void RequestExit() => _exit.TrySetResult(Phase == LifecyclePhase.ShuttingDown ? 0 : 1);
}
