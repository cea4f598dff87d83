using System.Text.Json.Serialization;

namespace NanoLsp.Protocol;

// window/* messages and work-done progress.

public enum MessageType
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Log = 4,
}

public sealed record LogMessageParams(
    [property: JsonPropertyName("type")] MessageType Type,
    [property: JsonPropertyName("message")] string Message);

public sealed record ShowMessageParams(
    [property: JsonPropertyName("type")] MessageType Type,
    [property: JsonPropertyName("message")] string Message);

public sealed record WorkDoneProgressCreateParams(
    [property: JsonPropertyName("token")] string Token);

public sealed record ProgressParams(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("value")] WorkDoneProgressValue Value);

/// <summary>One record for begin/report/end: the kind says which fields a client reads.</summary>
public sealed record WorkDoneProgressValue(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("message")] string? Message = null,
    [property: JsonPropertyName("percentage")] int? Percentage = null);
