namespace NanoLsp.Model;

public enum StopReason
{
    EndOfText, Newline, StopString, MaxTokens, Deadline, ContextFull, Cancelled,
    /// <summary>The mask (with token healing) left no token allowed.</summary>
    NothingAllowed,
}

public sealed record GenerationOptions
{
    public int MaxTokens { get; init; } = 64;
    public SamplingOptions Sampling { get; init; }
    /// <summary>Stop at the first newline of the completion (the newline is not returned).</summary>
    public bool SingleLine { get; init; }
    /// <summary>Stop before the first occurrence of any of these (not returned).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Wall-clock budget from the start of the call, prefill included; null for none.</summary>
    public TimeSpan? Deadline { get; init; }
    public ITokenMask? Mask { get; init; }
    /// <summary>Called after each accepted token, on the generating thread.</summary>
    public Action<GeneratedToken>? OnToken { get; init; }
}

/// <summary>One generated token: the model's log-probability of it (before masks and temperature), and
/// its log-probability among the tokens token healing and the mask allowed (equal to LogProb when nothing
/// was forbidden). After `list.Co` a monitor may leave one member: the model is then sure of it even if
/// it would not have guessed it unaided.</summary>
public readonly record struct GeneratedToken(int Id, float LogProb, float ConstrainedLogProb)
{
    public GeneratedToken(int id, float logProb) : this(id, logProb, logProb) { }
}

public sealed record GenerationResult(
    string Text,
    IReadOnlyList<GeneratedToken> Tokens,
    StopReason StopReason,
    int PromptTokens,
    int ReusedPromptTokens,
    TimeSpan PrefillTime,
    TimeSpan TotalTime);
