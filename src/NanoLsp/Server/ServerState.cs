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
    private volatile ServerSettings _settings = ServerSettings.Default;

    public LifecyclePhase Phase { get; set; } = LifecyclePhase.Created;

    public InitializeParams? InitializeParams { get; set; }

    public ClientCapabilities ClientCapabilities { get; set; } = ClientCapabilities.None;

    public ServerSettings Settings
    {
        get => _settings;
        set
        {
            _settings = value;
            SettingsChanged?.Invoke(value);
        }
    }

    public event Action<ServerSettings>? SettingsChanged;

    /// <summary>Completes with the process exit code when the client sends exit (0 after shutdown, else 1).</summary>
    public Task<int> ExitCode => _exit.Task;

    public void RequestExit() => _exit.TrySetResult(Phase == LifecyclePhase.ShuttingDown ? 0 : 1);
}
