namespace NanoLsp.Model;

public enum StopReason
{
    EndOfText, Newline, StopString, MaxTokens, Deadline, ContextFull, Cancelled,
    /// <summary>The caller's <see cref="GenerationOptions.StopBefore"/> judged the next token not worth showing
    /// (it is not in the result).</summary>
    Doubt,
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
    /// <summary>A distribution mixed into the model's before masks apply (the repository memory); the
    /// tokens' log-probabilities are then those of the mixture.</summary>
    public ITokenPrior? Prior { get; init; }
    /// <summary>Asked of each chosen token before it joins the result (on the generating thread): true ends
    /// decoding there with <see cref="StopReason.Doubt"/>. This is how a caller stops where the model stops
    /// being sure, without cancelling the generation.</summary>
    public Func<GeneratedToken, bool>? StopBefore { get; init; }

    /// <summary>Called on the generating thread after each token joins the result and no stop rule fired, with
    /// the tokens and the text so far: a streaming caller sends what it can (a stop string may still cut the
    /// text's end, so it holds back what could begin one).</summary>
    public Action<IReadOnlyList<GeneratedToken>, string>? OnProgress { get; init; }

    /// <summary>How many of the most likely tokens to keep with each generated token (<see cref="GeneratedToken.Top"/>);
    /// 0: none (the OpenAI-compatible server's <c>logprobs</c>).</summary>
    public int TopLogProbs { get; init; }
}

/// <summary>One generated token: the model's log-probability of it (before masks and temperature), and
/// its log-probability among the tokens token healing and the mask allowed (equal to LogProb when nothing
/// was forbidden). After `list.Co` a monitor may leave one member: the model is then sure of it even if
/// it would not have guessed it unaided. Where healing or the mask left one text to write first (the healed
/// bytes, one member's name), a token inside it is 0 and a token beyond it is judged among the tokens that
/// also write all of it (<see cref="ForcedText"/>), not split with the other spellings of that text.
/// <para><see cref="RetypesHealedText"/>: every byte of the token re-types text that token healing backed
/// over (the user's own text, not a guess); such tokens never count as the model's doubt.</para></summary>
public readonly record struct GeneratedToken(int Id, float LogProb, float ConstrainedLogProb)
{
    public GeneratedToken(int id, float logProb) : this(id, logProb, logProb) { }

    public bool RetypesHealedText { get; init; }

    /// <summary>The most likely tokens at this step among those allowed, best first, with their log-probabilities
    /// on the same scale as <see cref="LogProb"/>; empty unless <see cref="GenerationOptions.TopLogProbs"/> asked.</summary>
    public IReadOnlyList<(int Id, float LogProb)> Top { get; init; } = [];
}

public sealed record GenerationResult(
    string Text,
    IReadOnlyList<GeneratedToken> Tokens,
    StopReason StopReason,
    int PromptTokens,
    int ReusedPromptTokens,
    TimeSpan PrefillTime,
    TimeSpan TotalTime);
