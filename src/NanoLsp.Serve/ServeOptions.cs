using System.Globalization;
using System.Net;

namespace NanoLsp.Serve;

/// <summary>
/// The command line of <c>nanolsp-serve</c>. Hand-parsed as the language server's own commands are
/// (src/NanoLsp/Program.cs, EvalCommand): a dozen flags do not justify another dependency.
/// The API key is never a flag (a command line is visible to every user of the machine): it is read from
/// the environment variable <see cref="ApiKeyVariable"/> names.
/// </summary>
public sealed record ServeOptions
{
    public const string DefaultApiKeyVariable = "NANOLSP_SERVE_API_KEY";

    public const string Usage = """
        nanolsp-serve — the nano code model over the OpenAI-compatible completions API.

        Usage:
          nanolsp-serve [--http ADDRESS:PORT] [--allow-remote] [--model DIR] [--model-name NAME]
                        [--api-key-env VAR] [--parallel N] [--queue N] [--timeout-ms N] [--max-tokens N]

          --http ADDRESS:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a free one)
          --allow-remote        needed to listen on anything but loopback (warns when no API key is set)
          --model DIR           a model folder with nano-model.json (default: the shipped models/nano-csharp)
          --model-name NAME     the model id clients name (default: the manifest's name)
          --api-key-env VAR     the environment variable holding the API key (default NANOLSP_SERVE_API_KEY;
                                unset or empty: no key is asked)
          --parallel N          generations at once, one model instance each (default 1)
          --queue N             requests waiting for a generation; over it: 429 with Retry-After (default 16)
          --timeout-ms N        a request's whole time, queue included (default 30000)
          --max-tokens N        the most tokens one request may ask (default 256)

        Endpoints: GET /v1/models, GET /v1/models/{id}, POST /v1/completions (docs/remote-backends.md).
        The address it listens on is printed on stdout as "listening on http://HOST:PORT".
        """;

    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8080;
    public bool AllowRemote { get; init; }
    public string? ModelDirectory { get; init; }
    public string? ModelName { get; init; }
    public string ApiKeyVariable { get; init; } = DefaultApiKeyVariable;
    public int Parallel { get; init; } = 1;
    public int Queue { get; init; } = 16;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxTokens { get; init; } = 256;

    /// <summary>Parses the arguments; an unknown or malformed one is an error with its reason.</summary>
    public static ServeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServeOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Positive(int min = 1) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min
                ? n : throw new ArgumentException($"{arg} needs a whole number of at least {min}.");
            options = arg switch
            {
                "--http" => WithAddress(options, Value()),
                "--allow-remote" => options with { AllowRemote = true },
                "--model" => options with { ModelDirectory = Value() },
                "--model-name" => options with { ModelName = Value() },
                "--api-key-env" => options with { ApiKeyVariable = Value() },
                "--parallel" => options with { Parallel = Positive() },
                "--queue" => options with { Queue = Positive(0) },
                "--timeout-ms" => options with { Timeout = TimeSpan.FromMilliseconds(Positive()) },
                "--max-tokens" => options with { MaxTokens = Positive() },
                _ => throw new ArgumentException($"unknown argument '{arg}'."),
            };
        }
        if (!options.AllowRemote && !IsLoopback(options.Host))
            throw new ArgumentException($"{options.Host} is not a loopback address: listening there needs --allow-remote (and an API key, see --api-key-env).");
        return options;
    }

    private static ServeOptions WithAddress(ServeOptions options, string address)
    {
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new ArgumentException($"--http needs ADDRESS:PORT (e.g. 127.0.0.1:8080), not '{address}'.");
        string host = address[..colon].Trim('[', ']');
        return options with { Host = host, Port = port };
    }

    /// <summary>localhost, 127.0.0.0/8 and ::1. Anything else (0.0.0.0, a LAN address, a name) is reachable from elsewhere.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
