using Microsoft.CodeAnalysis;
using NanoLsp.Assist;
using NanoLsp.Memory;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>What a backend is asked: the prompt context at a cursor of a Roslyn document (kept so that a
/// backend can constrain its decoding with Roslyn, as the local model's monitors do), and how.</summary>
public sealed record BackendRequest(Document Document, int Position, PromptContext Context, InlineCompletionOptions Options)
{
    /// <summary>Continuations to score besides decoding (the repository's candidates); a backend that cannot
    /// score them answers none.</summary>
    public IReadOnlyList<string> Continuations { get; init; } = [];

    /// <summary>When scoring the continuations must be done (Stopwatch ticks; null: no limit). Past it the
    /// backend answers without scores: the model's own answer, on time, beats a better one too late.</summary>
    public long? ScoreUntil { get; init; }

    /// <summary>The repository's next-token distribution to mix into decoding, made from the prompt prefix's
    /// tokens; null: the model alone.</summary>
    public Func<int[], ITokenPrior>? Prior { get; init; }
}

/// <summary>One candidate: the text to insert at the cursor and the tokens it was made of (with their
/// log-probabilities; empty for a backend that reports none).</summary>
public sealed record Candidate(string Text, IReadOnlyList<GeneratedToken> Tokens)
{
    /// <summary>Where the text came from when not from decoding (a repository candidate, already cut where
    /// the model stopped agreeing with it).</summary>
    public CandidateKind? FromMemory { get; init; }
}

/// <summary>A backend's candidates, best first, and how they were made (for the report).</summary>
public sealed record BackendAnswer(IReadOnlyList<Candidate> Candidates)
{
    public GenerationResult? Generation { get; init; }
    public MonitorStats? MonitorStats { get; init; }

    /// <summary>Bytes token healing re-typed before the candidates (they are not in them).</summary>
    public int HealedBytes { get; init; }

    /// <summary>The model's scores of the request's <see cref="BackendRequest.Continuations"/>, in order.</summary>
    public IReadOnlyList<ScoredContinuation> Scored { get; init; } = [];

    /// <summary>Decoding ended where the model stopped being sure (ConfidenceCut's rule).</summary>
    public bool StoppedAtDoubt { get; init; }

    /// <summary>The answer came too late to be worth showing (the generation ran out of the deadline).</summary>
    public bool PastDeadline { get; init; }

    /// <summary>Which backend answered (nanolsp.backends' name: "local" for the nano model), for the report.</summary>
    public string Backend { get; init; } = "local";

    /// <summary>Milliseconds of the backend's own steps (the local model: monitor, decode, score), for the report.</summary>
    public IReadOnlyDictionary<string, double> StepMs { get; init; } = new Dictionary<string, double>();

    /// <summary>The answering backend's show policy when it is not the one the pipeline was given (a router's remote
    /// answer: the local model's policy was fitted to the local model's tokens).</summary>
    public ShowPolicy? ShowPolicy { get; init; }
}

/// <summary>
/// The seam for where suggestions come from: the local nano model today (<see cref="LocalModelBackend"/>);
/// a remote OpenAI-compatible model plugs in here without touching the pipeline's other stages (context,
/// stop rule, filters, length). A backend decodes; it does not filter.
/// </summary>
public interface ICompletionBackend
{
    /// <summary>The tokenizer the prompt windows are budgeted with.</summary>
    NanoTokenizer Tokenizer { get; }

    /// <summary>The model context in tokens (prompt plus answer).</summary>
    int ContextLength { get; }

    /// <summary>How much of this backend's suggestions to show (learned from its traces); whole by default.</summary>
    ShowPolicy ShowPolicy => ShowPolicy.Whole;

    /// <param name="cancellationToken">The request's one token: the client's cancel, a newer keystroke in the same
    /// document, and the deadline.</param>
    Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken);
}
