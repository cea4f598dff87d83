using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;

namespace NanoLsp.Features.InlineCompletion.Routing;

/// <summary>A remote server's failure, said without the key (a server may quote the key it refused).</summary>
public sealed class RemoteBackendException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a remote completion answered: the text, and its tokens' text and log-probabilities when it gave them.</summary>
public sealed record RemoteCompletion(string Text, IReadOnlyList<(string Token, float LogProb)> Tokens);

/// <summary>
/// POST {baseUrl}/completions (the OpenAI legacy completions API, the one with <c>suffix</c>) through the official
/// OpenAI .NET library's pipeline: its key policy and transport. The library's 2.x surface has no typed client for this
/// API (its LegacyCompletionClient is internal), so the request is built as its protocol methods build theirs. The
/// library's retries are off: a retry is too late for ghost text, and Polly (RemoteCompletionBackend) judges failures.
/// </summary>
public sealed class RemoteCompletionClient
{
    private readonly OpenAIClient _client;
    private readonly Uri _completions;
    private readonly string? _key;

    public RemoteCompletionClient(Uri baseUrl, string? key, TimeSpan timeout)
    {
        _key = key;
        _completions = new Uri(baseUrl, "completions");
        // A server without keys still gets a placeholder: the library insists on a credential.
        _client = new OpenAIClient(new ApiKeyCredential(key ?? "no-key"), new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout,
        });
    }

    public async Task<RemoteCompletion> CompleteAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var message = _client.Pipeline.CreateMessage();
        message.ResponseClassifier = PipelineMessageClassifier.Create([200]);
        message.Request.Method = "POST";
        message.Request.Uri = _completions;
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        try
        {
            await _client.Pipeline.SendAsync(message).ConfigureAwait(false);
        }
        catch (ClientResultException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteBackendException($"cannot reach the server: {Redact(e.InnerException?.Message ?? e.Message)}", e);
        }
        var response = message.Response!;
        string content = response.Content.ToString();
        if (response.Status != 200)
            throw new RemoteBackendException($"HTTP {response.Status} {response.ReasonPhrase}: {Redact(ErrorMessage(content))}");
        return Parse(content);
    }

    /// <summary>choices[0].text, and choices[0].logprobs.tokens/token_logprobs when present; anything else is malformed.</summary>
    internal static RemoteCompletion Parse(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var choice = document.RootElement.GetProperty("choices")[0];
            string text = choice.GetProperty("text").GetString() ?? throw new RemoteBackendException("the answer's text is null");
            var tokens = new List<(string, float)>();
            if (choice.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind == JsonValueKind.Object
                && logprobs.TryGetProperty("tokens", out var names) && logprobs.TryGetProperty("token_logprobs", out var values)
                && names.GetArrayLength() == values.GetArrayLength())
            {
                for (int i = 0; i < names.GetArrayLength(); i++)
                    tokens.Add((names[i].GetString() ?? "", values[i].ValueKind == JsonValueKind.Number ? values[i].GetSingle() : 0f));
            }
            return new RemoteCompletion(text, tokens);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new RemoteBackendException($"the answer is not a completions response ({e.GetType().Name}): {Shorten(content)}", e);
        }
    }

    private static string ErrorMessage(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.TryGetProperty("error", out var error))
                return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : error.ToString();
        }
        catch (JsonException)
        {
            // Not JSON: the body itself says it.
        }
        return Shorten(content);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private string Redact(string text) => _key is { Length: > 0 } key ? text.Replace(key, "***", StringComparison.Ordinal) : text;
}
