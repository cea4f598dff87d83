using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver;

/// <summary>
/// Pull diagnostics as VS Code's language client (11) asks for them while the user types: after each change every
/// provider the server offers is pulled for the document; a pull still running when the next change is sent is
/// cancelled ($/cancelRequest) and asked again once it has returned. Each answered pull is timed from the change it
/// was sent after. Other documents are not pulled in the background here (VS Code does that every 500 ms).
/// </summary>
public sealed class DiagnosticsPuller(LspClient client, IReadOnlyList<string?> providers)
{
    private sealed class Provider
    {
        public Task? Running;
        public long Id;
        public bool Again;
        public string Uri = "";
        public Stopwatch Since = new();
        public readonly List<double> AnsweredMs = [];
        public int Cancelled;
    }

    private readonly Lock _lock = new();
    private readonly Provider[] _state = providers.Select(_ => new Provider()).ToArray();

    public IReadOnlyList<string?> Providers => providers;

    /// <summary>
    /// The server's pull diagnostics providers by identifier: the one in its initialize answer (null when it has no
    /// identifier), else those it registers after initialized (textDocument/diagnostic registrations, in their order);
    /// none when it only pushes.
    /// </summary>
    public static async Task<List<string?>> DiscoverAsync(LspClient client, JsonElement serverCapabilities)
    {
        if (serverCapabilities.TryGetProperty("diagnosticProvider", out var declared))
            return [declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty("identifier", out var id) ? id.GetString() : null];
        static IEnumerable<JsonElement> Pulls(JsonElement registration) =>
            registration.TryGetProperty("registrations", out var list)
                ? list.EnumerateArray().Where(r => r.GetProperty("method").GetString() == "textDocument/diagnostic")
                : [];
        try
        {
            var registration = await client.WaitForNotificationAsync("client/registerCapability", r => Pulls(r).Any(), TimeSpan.FromSeconds(10));
            return Pulls(registration)
                .Select(r => r.TryGetProperty("registerOptions", out var o) && o.TryGetProperty("identifier", out var id) ? id.GetString() : null)
                .ToList();
        }
        catch (TimeoutException)
        {
            return [];
        }
    }

    public static JsonObject Params(string uri, string? identifier) =>
        new() { ["textDocument"] = new JsonObject { ["uri"] = uri }, ["identifier"] = identifier };

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

    private async Task RunAsync(int k, string uri, Stopwatch since)
    {
        var provider = _state[k];
        var (id, response) = await client.SendRequestAsync("textDocument/diagnostic", Params(uri, providers[k])).ConfigureAwait(false);
        lock (_lock) provider.Id = id;
        bool answered;
        try
        {
            await response.ConfigureAwait(false);
            answered = true;
        }
        catch (LspResponseException)
        {
            answered = false; // cancelled (or failed): asked again below when a change came meanwhile
        }
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
        }
    }

    /// <summary>Waits for the pulls still running (and those they ask again).</summary>
    public async Task DrainAsync()
    {
        for (int round = 0; round < 100; round++)
        {
            Task[] running;
            lock (_lock) running = [.. _state.Select(p => p.Running).OfType<Task>().Where(t => !t.IsCompleted)];
            if (running.Length == 0) return;
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public void Report()
    {
        for (int k = 0; k < _state.Length; k++)
        {
            var provider = _state[k];
            var times = provider.AnsweredMs.Order().ToList();
            double Q(double q) => times.Count == 0 ? 0 : times[Math.Min(times.Count - 1, (int)Math.Ceiling(q / 100 * times.Count) - 1)];
            Console.WriteLine($"diagnostics {providers[k] ?? "(pull)",-18} {times.Count,4} answered: p50 {Q(50):0.0}  p95 {Q(95):0.0}  max {(times.Count > 0 ? times[^1] : 0):0.0} ms " +
                $"from the change; {provider.Cancelled} cancelled or superseded by a newer change");
        }
    }
}
