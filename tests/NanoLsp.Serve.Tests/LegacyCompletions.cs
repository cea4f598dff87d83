using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;

namespace NanoLsp.Serve.Tests;

/// <summary>
/// POST /v1/completions through the official OpenAI .NET library. Its 2.x surface has no typed client for the
/// legacy completions API (the one with `suffix`; LegacyCompletionClient is internal), so requests go through the
/// client's own pipeline: its API-key policy, transport and error classification, as the library's protocol methods do.
/// </summary>
internal sealed class LegacyCompletions(Uri baseAddress, string key = "no-key")
{
    private readonly OpenAIClient client = Client(baseAddress, key);

    public sealed record Answer(int Status, JsonElement Body, string? RetryAfter);

    public async Task<Answer> CreateAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        using var message = Message(request);
        await client.Pipeline.SendAsync(message);
        var response = message.Response!;
        response.Headers.TryGetValue("Retry-After", out string? retryAfter);
        return new Answer(response.Status, JsonDocument.Parse(response.Content).RootElement.Clone(), retryAfter);
    }

    /// <summary>The server-sent events of a streamed completion, parsed with System.Net.ServerSentEvents (what the
    /// library itself streams with), up to and without <c>[DONE]</c>; fails when the stream ends without it.</summary>
    public async IAsyncEnumerable<JsonElement> StreamAsync(JsonObject request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        request["stream"] = true;
        using var message = Message(request);
        message.Apply(new RequestOptions { CancellationToken = cancellationToken, BufferResponse = false });
        await client.Pipeline.SendAsync(message);
        var response = message.Response!;
        if (response.Status != 200)
            throw new ClientResultException(response);
        using var stream = response.ContentStream!;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]") yield break;
            yield return JsonDocument.Parse(item.Data).RootElement.Clone();
        }
        throw new InvalidOperationException("The stream ended without data: [DONE].");
    }

    private PipelineMessage Message(JsonObject request)
    {
        var message = client.Pipeline.CreateMessage();
        message.ResponseClassifier = PipelineMessageClassifier.Create([200]);
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(baseAddress, "v1/completions");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(request.ToJsonString()));
        return message;
    }

    /// <summary>A client of the server at <paramref name="baseAddress"/>; no retries, so a 429 is seen as it is.</summary>
    public static OpenAIClient Client(Uri baseAddress, string key = "no-key") =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseAddress, "v1/"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(2),
        });
}
