using NanoLsp.Logging;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Owns the nano model in the server: loads it after <c>initialized</c> on the thread pool (never on
/// the JSON-RPC thread, never in the request queue, so no other feature waits for it), reloads it when
/// <c>nanolsp.model.path</c> changes, and tells the client its state with <c>nanolsp/modelStatus</c>.
/// A missing or broken model is a warning to the user, not a failure: inline completion answers
/// empty lists and every other feature keeps working.
/// </summary>
public sealed class ModelHost : IStartsAfterInitialized, IFollowsSettings, IDrainsBeforeExit, IDisposable
{
    private readonly ILanguageClient _client;
    private readonly ILog _logger;
    private readonly Lock _lock = new();
    private Task<LanguageModel?> _load = Task.FromResult<LanguageModel?>(null);
    private LanguageModel? _model;
    private string? _requestedPath;
    private bool _started;
    private bool _exiting; // after DrainAsync: no new load may start (the process is about to exit)
    // Completed once the first load has started (or never will: exit). The load starts once the first diagnostics are
    // in (FirstAnswerGate, at most 3 s after initialized), and a workspace load from the design-time cache can end
    // before that: the repository memory, which asks for the model then, would otherwise find none and not be built.
    private readonly TaskCompletionSource _loadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // How long a caller waits for that start: the gate's longest wait and some; a client that never sends initialized
    // (the fuzzer's lifecycle out of order) still gets its answers, without a model.
    private static readonly TimeSpan StartWait = FirstAnswerGate.MaxWait + TimeSpan.FromSeconds(2);

    public ModelHost(ILanguageClient client, ILog logger) => (_client, _logger) = (client, logger);

    /// <summary>After initialized: the first load, from nanolsp.model.path or the shipped model.</summary>
    public void Start(ServerSettings settings) => StartLoading(settings.ModelPath);

    /// <summary>A new nanolsp.model.path loads that model (once loading has started at all).</summary>
    public void SettingsChanged(ServerSettings settings)
    {
        bool reload;
        lock (_lock) reload = _started && settings.ModelPath != _requestedPath;
        if (reload) StartLoading(settings.ModelPath);
    }

    /// <summary>One of <see cref="ModelStates"/>; <c>loading</c> until the first load has finished.</summary>
    public string State { get; private set; } = ModelStates.Loading;

    public string Message { get; private set; } = "The model has not been loaded yet.";

    /// <summary>How much of a suggestion to show, shipped with the loaded model (whole without one).</summary>
    public ShowPolicy ShowPolicy { get; private set; } = ShowPolicy.Whole;

    /// <summary>Starts (or restarts, for a new path) loading the model; returns at once.</summary>
    private void StartLoading(string? path)
    {
        Task<LanguageModel?> previous;
        lock (_lock)
        {
            // An initialized still queued when exit arrived must not start native work the exit then cuts.
            if (_exiting) return;
            _started = true;
            _requestedPath = path;
            previous = _load;
            _load = Task.Run(() => LoadAsync(path, previous));
        }
        _loadStarted.TrySetResult();
    }

    /// <summary>The loaded model, after waiting for the first load to start and for a load in progress; null when there
    /// is none (see <see cref="Message"/>).</summary>
    public async Task<LanguageModel?> GetModelAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _loadStarted.Task.WaitAsync(StartWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not started (no initialized yet): what there is, which is none.
        }
        Task<LanguageModel?> load;
        lock (_lock) load = _load;
        return await load.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model if one is loaded now, without waiting for a load in progress: the completion list
    /// ranks with it when it is there and is Roslyn's alone meanwhile, never slower for it.</summary>
    public LanguageModel? LoadedModel
    {
        get
        {
            lock (_lock) return _load.IsCompletedSuccessfully ? _load.Result : null;
        }
    }

    /// <summary>After each inline completion: the status bar shows the latency, the typing benchmark reads the report.</summary>
    public Task ReportCompletionAsync(double latencyMs, CompletionReport report) =>
        _client.NotifyAsync(LspMethods.NanoModelStatus, new ModelStatusParams(State, Message, latencyMs, report));

    private async Task<LanguageModel?> LoadAsync(string? setting, Task<LanguageModel?> previous)
    {
        // Loads run one after another, so the last setting wins and the old model is disposed once.
        var old = await previous.ConfigureAwait(false);
        await SetStateAsync(ModelStates.Loading, "Loading the nano model...", MessageType.Info, show: false).ConfigureAwait(false);
        string directory;
        try
        {
            directory = ModelLocator.Locate(setting);
        }
        catch (ModelException e)
        {
            Swap(old, null);
            await SetStateAsync(ModelStates.Missing,
                $"NanoLsp: no inline completions, the model is missing. {e.Message} Set nanolsp.model.path to a model folder " +
                $"(one with {ModelManifest.FileName}) or reinstall to get the shipped {ModelLocator.DefaultRelativePath}. Everything else works.",
                MessageType.Warning, show: true).ConfigureAwait(false);
            return null;
        }
        try
        {
            var model = LanguageModel.Load(directory);
            if (model.CodePagedOut is { Mappings: > 0 } pagedOut)
                _logger.Debug($"ONNX Runtime's library: {pagedOut.Bytes / (1024.0 * 1024.0):0.0} MB of read-only mappings paged out after the sessions were made" +
                              (pagedOut.Refused > 0 ? $" ({pagedOut.Refused} of {pagedOut.Mappings} refused by the kernel)." : "."));
            ShowPolicy = LoadShowPolicy(directory);
            Swap(old, model);
            await SetStateAsync(ModelStates.Ready,
                $"Model {model.Manifest.Name} ready ({model.Manifest.ContextLength} tokens of context, loaded in {model.LoadTime.TotalMilliseconds:0} ms from {model.LoadedFrom}).",
                MessageType.Info, show: false).ConfigureAwait(false);
            return model;
        }
        catch (Exception e) when (e is ModelException or IOException or UnauthorizedAccessException)
        {
            Swap(old, null);
            await SetStateAsync(ModelStates.Error,
                $"NanoLsp: no inline completions, the model in {directory} could not be loaded: {e.Message} " +
                "Point nanolsp.model.path at a valid model folder (docs/model-format.md). Everything else works.",
                MessageType.Warning, show: true).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>A broken policy file costs the policy, not the model: suggestions are then shown whole.</summary>
    private ShowPolicy LoadShowPolicy(string directory)
    {
        try
        {
            return ShowPolicy.Load(directory);
        }
        catch (ModelException e)
        {
            _logger.Warning($"{e.Message} Suggestions are shown whole.");
            return ShowPolicy.Whole;
        }
    }

    private void Swap(LanguageModel? old, LanguageModel? next)
    {
        lock (_lock) _model = next;
        if (old is not null && !ReferenceEquals(old, next))
            old.Dispose(); // waits for a generation still running on it
    }

    private async Task SetStateAsync(string state, string message, MessageType type, bool show)
    {
        (State, Message) = (state, message);
        _logger.Log(type == MessageType.Warning ? LogLevel.Warning : LogLevel.Info, message);
        if (show)
            await _client.NotifyAsync(LspMethods.WindowShowMessage, new ShowMessageParams(type, message)).ConfigureAwait(false);
        await _client.NotifyAsync(LspMethods.NanoModelStatus, new ModelStatusParams(state, message)).ConfigureAwait(false);
    }

    /// <summary>Waits for a load in progress (its failure is already reported).</summary>
    public async Task DrainAsync()
    {
        Task<LanguageModel?> load;
        lock (_lock)
        {
            _exiting = true;
            load = _load;
        }
        _loadStarted.TrySetResult(); // no load starts now: whoever waits for one gets what there is
        try
        {
            await load.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported when it failed; exit goes on.
        }
    }

    public void Dispose()
    {
        LanguageModel? model;
        lock (_lock) model = _model;
        model?.Dispose();
    }
}
