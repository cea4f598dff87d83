using NanoLsp.Logging;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.InlineCompletion.Routing;

/// <summary>
/// The remote backends of <c>nanolsp.backends</c>, built when the setting changes (and only then: with the default
/// setting there are none, no client is created and nothing leaves the machine). Each keeps its health (Polly's
/// circuit) across requests. The user is told once when a remote stops being used (its circuit opens: one
/// window/showMessage and one log line) and once when it is back, not on every keystroke; keys are read from the
/// environment here and appear nowhere else.
/// </summary>
public sealed class BackendRegistry(ILanguageClient client, ILog log) : IStartsAfterInitialized, IFollowsSettings
{
    private readonly Lock _lock = new();
    private IReadOnlyList<BackendSetting> _settings = BackendSetting.Default;
    private IReadOnlyList<RemoteCompletionBackend> _remotes = [];
    private readonly HashSet<string> _told = []; // remotes whose outage the user has been told of, until they answer again

    /// <summary>The local model's recent latency, for the fastest-healthy policy.</summary>
    public LatencyMean LocalLatency { get; } = new();

    public IReadOnlyList<RemoteCompletionBackend> Remotes
    {
        get
        {
            lock (_lock) return _remotes;
        }
    }

    public void Start(ServerSettings settings) => SettingsChanged(settings);

    public void SettingsChanged(ServerSettings settings)
    {
        lock (_lock)
        {
            if (_settings.SequenceEqual(settings.Backends)) return;
            _settings = settings.Backends;
            _remotes = settings.Backends.Where(b => !b.IsLocal).Select(Build).OfType<RemoteCompletionBackend>().ToList();
        }
        foreach (var remote in Remotes)
            log.Info($"Remote backend '{remote.Name}': {remote.Setting.BaseUrl} model {remote.Setting.Model}, role {remote.Setting.Role}, timeout {remote.Setting.TimeoutMs} ms.");
    }

    /// <summary>The router for one request, under the settings it arrived with.</summary>
    public ICompletionBackend For(LocalModelBackend local, ServerSettings settings, bool invoked)
    {
        var remotes = Remotes;
        if (remotes.Count == 0) return local;
        return new BackendRouter(local, LocalLatency, remotes, settings.RoutingPolicy,
            settings.HedgeAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, invoked, log);
    }

    private RemoteCompletionBackend? Build(BackendSetting setting)
    {
        string? key = null;
        if (setting.ApiKeyEnv is { } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(key))
            {
                Tell($"NanoLsp: the remote backend '{setting.Name}' is not used: the environment variable {variable} that should hold its key " +
                     "is not set in the editor's environment. Inline completions come from the local model.");
                return null;
            }
        }
        return new RemoteCompletionBackend(setting, key,
            opened: (remote, reason) =>
            {
                // Each break ends with one trial request; one that fails again opens the circuit again, silently.
                lock (_lock)
                    if (!_told.Add(remote.Name)) return;
                Tell($"NanoLsp: the remote backend '{remote.Name}' ({remote.Setting.BaseUrl}) failed ({reason}); inline completions " +
                     $"come from the local model. It is tried again every {RemoteCompletionBackend.BreakDuration.TotalSeconds:0} s.");
            },
            closed: remote =>
            {
                lock (_lock) _told.Remove(remote.Name);
                log.Info($"The remote backend '{remote.Name}' answers again.");
            });
    }

    private void Tell(string message)
    {
        log.Warning(message);
        _ = client.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(MessageType.Warning, message));
    }
}
