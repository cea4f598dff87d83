using System.Text.Json;
using System.Text.RegularExpressions;

namespace NanoLsp.Server;

/// <summary>Which requests a backend answers: automatic ones while typing (inline), explicit ones (invoked), or both.</summary>
public enum BackendRole { Both, Inline, Invoked }

/// <summary>How the router picks a backend per request (docs/remote-backends.md).</summary>
public enum RoutingPolicy
{
    /// <summary>The list's order: the first healthy backend whose role fits answers; a failure falls to the next, then to the local model.</summary>
    Ordered,
    /// <summary>The local model answers; a remote is asked only when the local answer is empty.</summary>
    LocalFirst,
    /// <summary>The healthy fitting backend with the lowest recent latency (each is tried once to learn it).</summary>
    FastestHealthy,
    /// <summary>Typing is answered by the local model alone; explicit requests by the first healthy remote that fits.</summary>
    RemoteForInvoked,
}

/// <summary>
/// One entry of <c>nanolsp.backends</c>. The local model has only a kind; an OpenAI-compatible server has a base URL
/// (up to and with <c>/v1</c>), a model name, the name of the environment variable that holds its key (never the
/// key itself: settings files are shared and logged), a timeout and a role.
/// </summary>
public sealed record BackendSetting
{
    public const string LocalKind = "local";
    public const string OpenAiKind = "openai";

    public string Kind { get; init; } = LocalKind;
    public string Name { get; init; } = LocalKind;
    public Uri? BaseUrl { get; init; }
    public string? Model { get; init; }
    public string? ApiKeyEnv { get; init; }
    public int TimeoutMs { get; init; } = 2000;
    public BackendRole Role { get; init; } = BackendRole.Both;
    /// <summary>"suffix": the prompt before the cursor and the API's <c>suffix</c> after it (nanolsp-serve, Ollama);
    /// otherwise a template with {prefix} and {suffix} sent as the whole prompt (vLLM and llama.cpp with the model's own FIM tokens).</summary>
    public string Fim { get; init; } = "suffix";
    /// <summary>Ask for the tokens' logprobs (the confidence cut uses them); false for a server that refuses the field.</summary>
    public bool Logprobs { get; init; } = true;

    public bool IsLocal => Kind == LocalKind;

    public static IReadOnlyList<BackendSetting> Default { get; } = [new()];

    private static readonly Regex VariableName = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads the list; an entry that is wrong is left out and said in <paramref name="problems"/>. Problems never
    /// echo a value of an entry (a key pasted into the wrong field must not reach the log).
    /// </summary>
    public static IReadOnlyList<BackendSetting>? Parse(JsonElement value, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add("nanolsp.backends must be a list of backends (objects with a kind: local or openai).");
            return null;
        }
        var backends = new List<BackendSetting>();
        int index = 0;
        foreach (var entry in value.EnumerateArray())
        {
            string where = $"nanolsp.backends[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where} must be an object with a kind (local or openai); left out.");
                continue;
            }
            if (ParseOne(entry, where, problems) is { } backend)
            {
                if (backends.Any(b => b.Name == backend.Name))
                    problems.Add($"{where}: the name '{backend.Name}' is used twice; left out.");
                else
                    backends.Add(backend);
            }
        }
        return backends;
    }

    private static BackendSetting? ParseOne(JsonElement entry, string where, List<string> problems)
    {
        string? String(string name) => entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string kind = String("kind") ?? "";
        if (kind == LocalKind) return new BackendSetting();
        if (kind != OpenAiKind)
        {
            problems.Add($"{where}.kind must be local or openai; left out.");
            return null;
        }
        if (entry.TryGetProperty("apiKey", out _) || entry.TryGetProperty("key", out _))
        {
            problems.Add($"{where}: a key does not belong in settings; put it in an environment variable and name that in apiKeyEnv. Left out.");
            return null;
        }
        if (!Uri.TryCreate(String("baseUrl"), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            problems.Add($"{where}.baseUrl must be an http or https URL (up to and with /v1, e.g. http://localhost:8080/v1); left out.");
            return null;
        }
        string? model = String("model");
        if (string.IsNullOrWhiteSpace(model))
        {
            problems.Add($"{where}.model must name the server's model; left out.");
            return null;
        }
        string? keyVariable = String("apiKeyEnv");
        if (keyVariable is not null && !VariableName.IsMatch(keyVariable))
        {
            problems.Add($"{where}.apiKeyEnv must be the NAME of an environment variable (letters, digits, _), not the key; left out.");
            return null;
        }
        var backend = new BackendSetting
        {
            Kind = OpenAiKind,
            Name = String("name") is { Length: > 0 } name ? name : baseUrl.Authority,
            BaseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"),
            Model = model,
            ApiKeyEnv = keyVariable,
        };
        if (entry.TryGetProperty("timeoutMs", out var timeout))
        {
            if (timeout.ValueKind == JsonValueKind.Number && timeout.TryGetInt32(out int ms) && ms is >= 10 and <= 120_000)
                backend = backend with { TimeoutMs = ms };
            else
                problems.Add($"{where}.timeoutMs must be a whole number from 10 to 120000; the default ({backend.TimeoutMs}) is used.");
        }
        if (String("role") is { } role)
        {
            if (Enum.TryParse<BackendRole>(role, ignoreCase: true, out var parsed))
                backend = backend with { Role = parsed };
            else
                problems.Add($"{where}.role must be inline, invoked or both; both is used.");
        }
        if (String("fim") is { } fim)
        {
            if (fim == "suffix" || (fim.Contains("{prefix}", StringComparison.Ordinal) && fim.Contains("{suffix}", StringComparison.Ordinal)))
                backend = backend with { Fim = fim };
            else
                problems.Add($"{where}.fim must be \"suffix\" or a template holding {{prefix}} and {{suffix}}; suffix is used.");
        }
        if (entry.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind is JsonValueKind.True or JsonValueKind.False)
            backend = backend with { Logprobs = logprobs.GetBoolean() };
        return backend;
    }
}
