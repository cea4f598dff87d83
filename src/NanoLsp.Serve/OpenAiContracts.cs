using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLsp.Serve;

// The OpenAI-compatible wire types this server speaks (the legacy completions API, which is the one with `suffix`,
// and the models list), in snake_case as the API writes them. Fields a client may send as a string or a list
// (prompt, stop) stay JsonElement here; CompletionRequestReader makes them one shape and says what is wrong.

/// <summary>POST /v1/completions, as sent.</summary>
public sealed class CompletionRequestBody
{
    public string? Model { get; set; }
    public JsonElement Prompt { get; set; }
    public string? Suffix { get; set; }
    public int? MaxTokens { get; set; }
    public float? Temperature { get; set; }
    public float? TopP { get; set; }
    public int? N { get; set; }
    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }
    public int? Logprobs { get; set; }
    public bool? Echo { get; set; }
    public JsonElement Stop { get; set; }
    public int? BestOf { get; set; }
    public long? Seed { get; set; }
}

public sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}

public sealed record CompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

/// <summary>One choice; in a stream chunk <see cref="Text"/> is the new text and <see cref="FinishReason"/> is null until the last.</summary>
public sealed record CompletionChoice(string Text, int Index, CompletionLogprobs? Logprobs, string? FinishReason);

/// <summary>The legacy API's logprobs: one entry per generated token, in order.</summary>
public sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> TokenLogprobs,
    IReadOnlyList<Dictionary<string, float>> TopLogprobs,
    IReadOnlyList<int> TextOffset);

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);

public sealed record ModelList(string Object, IReadOnlyList<ModelInfo> Data);

public sealed record ModelInfo(string Id, string Object, long Created, string OwnedBy);

/// <summary>The API's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record ErrorBody(ErrorDetail Error);

public sealed record ErrorDetail(string Message, string Type, string? Param, string? Code);

public static class Wire
{
    /// <summary>snake_case both ways; nulls are written (the API writes "logprobs": null and "finish_reason": null).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
    };
}
