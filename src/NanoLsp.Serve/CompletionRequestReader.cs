using System.Text.Json;
using NanoLsp.Model;

namespace NanoLsp.Serve;

/// <summary>A completions request made one shape and checked: what the engine runs for each prompt.</summary>
public sealed record CompletionJob(
    IReadOnlyList<string> Prompts,
    string Suffix,
    int MaxTokens,
    SamplingOptions Sampling,
    IReadOnlyList<string> Stop,
    int? Logprobs, // null: no logprobs object; N: the chosen tokens and the N most likely at each step
    bool Stream,
    bool IncludeUsage);

/// <summary>
/// Reads a POST /v1/completions body. Every refusal is a 400 (or 404 for an unknown model) naming the field, as the
/// OpenAI API does; what the nano model cannot do (several samples per prompt, echo, token-id prompts) is refused
/// rather than ignored, so a client never gets less than it asked for without knowing.
/// </summary>
public static class CompletionRequestReader
{
    /// <summary>The legacy API's own defaults: 16 tokens, temperature 1.</summary>
    public const int DefaultMaxTokens = 16;
    public const float DefaultTemperature = 1f;
    public const int MaxStopStrings = 4;
    public const int MaxLogprobs = 5;

    public static async Task<CompletionJob> ReadAsync(Stream body, string modelId, int maxTokensLimit, CancellationToken cancellationToken)
    {
        CompletionRequestBody? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<CompletionRequestBody>(body, Wire.Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiError.Invalid($"The body is not a valid completions request: {e.Message}");
        }
        if (request is null) throw ApiError.Invalid("The body is empty: send a JSON object with model and prompt.");
        return Check(request, modelId, maxTokensLimit);
    }

    public static CompletionJob Check(CompletionRequestBody request, string modelId, int maxTokensLimit)
    {
        if (string.IsNullOrEmpty(request.Model)) throw ApiError.Invalid("model is required.", "model");
        if (request.Model != modelId)
            throw new ApiError(StatusCodes.Status404NotFound, $"The model '{request.Model}' does not exist here; this server serves '{modelId}' (GET /v1/models).",
                param: "model", code: "model_not_found");

        var prompts = Strings(request.Prompt, "prompt", allowEmptyList: false);
        if (prompts.Count == 0) throw ApiError.Invalid("prompt is required (a string or a list of strings).", "prompt");

        int maxTokens = request.MaxTokens ?? DefaultMaxTokens;
        if (maxTokens < 1 || maxTokens > maxTokensLimit)
            throw ApiError.Invalid($"max_tokens must be between 1 and {maxTokensLimit} (the server's --max-tokens).", "max_tokens");

        float temperature = request.Temperature ?? DefaultTemperature;
        if (temperature is < 0 or > 2 || float.IsNaN(temperature)) throw ApiError.Invalid("temperature must be between 0 and 2.", "temperature");
        float topP = request.TopP ?? 1f;
        if (topP is <= 0 or > 1 || float.IsNaN(topP)) throw ApiError.Invalid("top_p must be in (0, 1].", "top_p");

        if (request.N is { } n && n != 1) throw ApiError.Invalid("n must be 1: send one request per sample.", "n");
        if (request.BestOf is { } bestOf && bestOf != 1) throw ApiError.Invalid("best_of must be 1.", "best_of");
        if (request.Echo == true) throw ApiError.Invalid("echo is not supported.", "echo");

        int logprobs = request.Logprobs ?? 0;
        if (logprobs is < 0 or > MaxLogprobs) throw ApiError.Invalid($"logprobs must be between 0 and {MaxLogprobs}.", "logprobs");

        var stop = Strings(request.Stop, "stop", allowEmptyList: true);
        if (stop.Count > MaxStopStrings) throw ApiError.Invalid($"stop takes at most {MaxStopStrings} strings.", "stop");
        if (stop.Any(s => s.Length == 0)) throw ApiError.Invalid("stop strings must not be empty.", "stop");

        // Without a seed each request samples anew, as the API does; the engine's RNG needs one, so one is drawn.
        ulong seed = request.Seed is { } s ? unchecked((ulong)s) : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        bool stream = request.Stream == true;
        return new CompletionJob(prompts, request.Suffix ?? "", maxTokens, new SamplingOptions(temperature, 0, topP, seed), stop,
            request.Logprobs is null ? null : logprobs, stream, stream && request.StreamOptions?.IncludeUsage == true);
    }

    /// <summary>A string or a list of strings; null or absent is empty.</summary>
    private static List<string> Strings(JsonElement value, string field, bool allowEmptyList)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return [value.GetString()!];
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        throw ApiError.Invalid($"{field} must be a string or a list of strings (token-id lists are not supported).", field);
                    items.Add(item.GetString()!);
                }
                if (items.Count == 0 && !allowEmptyList) throw ApiError.Invalid($"{field} must not be an empty list.", field);
                return items;
            default:
                throw ApiError.Invalid($"{field} must be a string or a list of strings.", field);
        }
    }
}
