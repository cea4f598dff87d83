namespace NanoLsp.Server;

/// <summary>A service with background work to start once the client is initialized (the model load, the
/// MEF composition of code-action providers): started then rather than at construction, so that the
/// initialize answer does not wait for it. The composition root hands these to the initialized handler.</summary>
public interface IStartsAfterInitialized
{
    void Start(ServerSettings settings);
}

/// <summary>A service with native work in flight that must settle before the process exits (ONNX Runtime
/// building a session when exit arrives crashed the process with SIGSEGV, 1 exit in 12 measured).</summary>
public interface IDrainsBeforeExit
{
    Task DrainAsync();
}

/// <summary>A service that follows nanolsp.* settings after they change (the model host reloads for a new
/// model path). The composition root hands these to the didChangeConfiguration handler.</summary>
public interface IFollowsSettings
{
    void SettingsChanged(ServerSettings settings);
}

/// <summary>A service that starts work once the workspace has loaded (the repository memory indexes it). The
/// composition root hands these to the initialized handler, which calls them after each load.</summary>
public interface IFollowsWorkspaceLoad
{
    void WorkspaceLoaded(IReadOnlyList<string> roots);
}
