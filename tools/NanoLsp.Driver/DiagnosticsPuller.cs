using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>A pull diagnostics provider of the server: its identifier (null for one declared without) and whether a
/// change to one document may change another's report (then VS Code pulls the other open documents too).</summary>
public sealed record PullProvider(string? Identifier, bool InterFileDependencies);

/// <summary>
/// Pull diagnostics as VS Code's language client (11) asks for them while the user types: after each change every
/// provider is pulled for the document, with the result id of its last report; a pull still running when the next
/// change is sent is cancelled ($/cancelRequest) and asked again once it has returned. For a provider with inter-file
/// dependencies, each pull of the changed document is followed by a sweep over the other open documents, one every
/// 500 ms (its background scheduler). Each pull of the changed document is timed from the change it was sent after.
/// </summary>
public sealed class DiagnosticsPuller(LspClient client, IReadOnlyList<PullProvider> providers)
{
    /// <summary>VS Code's pause between two background pulls.</summary>
    private static readonly TimeSpan BackgroundPause = TimeSpan.FromMilliseconds(500);

    private sealed class Provider
    {
        public Task? Running;
        public long Id;
        public bool Again;
        public string Uri = "";
        public Stopwatch Since = new();
        public readonly List<double> AnsweredMs = [];
        public int Cancelled;
        public bool Sweeping, SweepAgain;
        public readonly List<double> BackgroundMs = [];
        public int BackgroundUnchanged;
    }

    private readonly Lock _lock = new();
    private readonly Provider[] _state = providers.Select(_ => new Provider()).ToArray();
    private readonly ConcurrentDictionary<(int, string), string> _resultIds = new();
    private readonly List<string> _open = [];
    private readonly List<Task> _sweeps = [];

    public IReadOnlyList<PullProvider> Providers => providers;

    /// <summary>
    /// The server's pull diagnostics providers: the one in its initialize answer, else those it registers after
    /// initialized (textDocument/diagnostic registrations, in their order); none when it only pushes.
    /// </summary>
    public static async Task<List<PullProvider>> DiscoverAsync(LspClient client, JsonElement serverCapabilities)
    {
        static PullProvider Of(JsonElement options) => new(
            options.ValueKind == JsonValueKind.Object && options.TryGetProperty("identifier", out var id) ? id.GetString() : null,
            options.ValueKind == JsonValueKind.Object && options.TryGetProperty("interFileDependencies", out var inter) && inter.ValueKind == JsonValueKind.True);
        if (serverCapabilities.TryGetProperty("diagnosticProvider", out var declared))
            return [Of(declared)];
        static IEnumerable<JsonElement> Pulls(JsonElement registration) =>
            registration.TryGetProperty("registrations", out var list)
                ? list.EnumerateArray().Where(r => r.GetProperty("method").GetString() == "textDocument/diagnostic")
                : [];
        try
        {
            var registration = await client.WaitForNotificationAsync("client/registerCapability", r => Pulls(r).Any(), TimeSpan.FromSeconds(10));
            return Pulls(registration).Select(r => Of(r.TryGetProperty("registerOptions", out var o) ? o : default)).ToList();
        }
        catch (TimeoutException)
        {
            return [];
        }
    }

    public static JsonObject Params(string uri, string? identifier, string? previousResultId = null) =>
        new() { ["textDocument"] = new JsonObject { ["uri"] = uri }, ["identifier"] = identifier, ["previousResultId"] = previousResultId };

    /// <summary>A document was opened: the sweeps pull it when another one changes.</summary>
    public void Opened(string uri)
    {
        lock (_lock)
            if (!_open.Contains(uri)) _open.Add(uri);
    }

    /// <summary>A change to <paramref name="uri"/> was sent: every provider is pulled (or cancelled and pulled again).</summary>
    public void Changed(string uri)
    {
        for (int k = 0; k < _state.Length; k++)
        {
            var provider = _state[k];
            lock (_lock)
            {
                if (provider.Running is { IsCompleted: false })
                {
                    provider.Again = true;
                    provider.Uri = uri;
                    provider.Since = Stopwatch.StartNew();
                    _ = client.CancelAsync(provider.Id);
                    continue;
                }
                Start(k, uri, Stopwatch.StartNew());
            }
        }
    }

    private void Start(int k, string uri, Stopwatch since)
    {
        var provider = _state[k];
        provider.Uri = uri;
        provider.Since = since;
        provider.Running = RunAsync(k, uri, since);
    }

    /// <summary>One pull with the last report's result id; the new result id kept. Null when cancelled or failed, else
    /// whether the report was "unchanged".</summary>
    private async Task<bool?> PullAsync(int k, string uri, Action<long>? started = null)
    {
        var (id, response) = await client.SendRequestAsync("textDocument/diagnostic",
            Params(uri, providers[k].Identifier, _resultIds.GetValueOrDefault((k, uri)))).ConfigureAwait(false);
        started?.Invoke(id);
        try
        {
            var report = await response.ConfigureAwait(false);
            if (report.TryGetProperty("resultId", out var resultId) && resultId.GetString() is { } kept)
                _resultIds[(k, uri)] = kept;
            return report.TryGetProperty("kind", out var kind) && kind.GetString() == "unchanged";
        }
        catch (LspResponseException)
        {
            return null; // cancelled (or failed)
        }
    }

    private async Task RunAsync(int k, string uri, Stopwatch since)
    {
        var provider = _state[k];
        bool answered = await PullAsync(k, uri, id => { lock (_lock) provider.Id = id; }).ConfigureAwait(false) is not null;
        lock (_lock)
        {
            if (answered && !provider.Again) provider.AnsweredMs.Add(since.Elapsed.TotalMilliseconds);
            else provider.Cancelled++;
            if (provider.Again)
            {
                provider.Again = false;
                // Timed from the change that made it necessary, as the user waits from there.
                var again = provider.Since;
                _ = Task.Run(() => { lock (_lock) Start(k, provider.Uri, again); });
            }
            else if (providers[k].InterFileDependencies)
                Sweep(k, uri);
        }
    }

    /// <summary>The other open documents pulled one by one, a pause before each (a sweep asked for while one runs
    /// starts again after it).</summary>
    private void Sweep(int k, string changed)
    {
        var provider = _state[k];
        if (provider.Sweeping)
        {
            provider.SweepAgain = true;
            return;
        }
        provider.Sweeping = true;
        _sweeps.Add(Task.Run(async () =>
        {
            while (true)
            {
                List<string> others;
                lock (_lock)
                {
                    provider.SweepAgain = false;
                    others = _open.Where(u => u != changed).ToList();
                }
                foreach (var uri in others)
                {
                    await Task.Delay(BackgroundPause).ConfigureAwait(false);
                    var watch = Stopwatch.StartNew();
                    var unchanged = await PullAsync(k, uri).ConfigureAwait(false);
                    lock (_lock)
                    {
                        if (unchanged == true) provider.BackgroundUnchanged++;
                        else if (unchanged == false) provider.BackgroundMs.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                lock (_lock)
                {
                    if (!provider.SweepAgain || _stopped)
                    {
                        provider.Sweeping = false;
                        return;
                    }
                }
            }
        }));
    }

    private bool _stopped;

    /// <summary>Waits for the pulls still running (and those they ask again); the sweeps end after the one under way.</summary>
    public async Task DrainAsync()
    {
        for (int round = 0; round < 100; round++)
        {
            Task[] running;
            lock (_lock) running = [.. _state.Select(p => p.Running).OfType<Task>().Where(t => !t.IsCompleted)];
            if (running.Length == 0) break;
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            await Task.Delay(20).ConfigureAwait(false);
        }
        Task[] sweeps;
        lock (_lock)
        {
            _stopped = true;
            sweeps = [.. _sweeps];
        }
        await Task.WhenAll(sweeps).WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
    }

    public void Report()
    {
        static double Q(List<double> times, double q) => times.Count == 0 ? 0 : times[Math.Min(times.Count - 1, (int)Math.Ceiling(q / 100 * times.Count) - 1)];
        for (int k = 0; k < _state.Length; k++)
        {
            var provider = _state[k];
            var times = provider.AnsweredMs.Order().ToList();
            Console.WriteLine($"diagnostics {providers[k].Identifier ?? "(pull)",-18} {times.Count,4} answered: p50 {Q(times, 50):0.0}  p95 {Q(times, 95):0.0}  " +
                $"max {(times.Count > 0 ? times[^1] : 0):0.0} ms from the change; {provider.Cancelled} cancelled or superseded by a newer change");
            if (providers[k].InterFileDependencies)
            {
                var background = provider.BackgroundMs.Order().ToList();
                Console.WriteLine($"  other open documents: {background.Count} full reports (p50 {Q(background, 50):0.0}  p95 {Q(background, 95):0.0} ms), " +
                    $"{provider.BackgroundUnchanged} unchanged");
            }
        }
    }
}
