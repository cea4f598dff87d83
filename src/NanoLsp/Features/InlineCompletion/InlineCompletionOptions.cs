using NanoLsp.Memory;
using NanoLsp.Assist;
using NanoLsp.Server;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>How one inline completion is made: which stages run (ablations switch them off), the
/// filter thresholds and the deadline. The handler builds it from the settings, eval from its flags.</summary>
public sealed record InlineCompletionOptions
{
    public bool IncludeHeader { get; init; } = true;
    public MonitorKinds Monitors { get; init; } = MonitorKinds.All;
    public bool Filters { get; init; } = true;
    public double MinMeanLogProb { get; init; } = ServerSettings.DefaultInlineMinMeanLogProb;
    /// <summary>With filters on, the suggestion is cut before the first token less likely than this (ConfidenceCut).</summary>
    public double? CutBelowLogProb { get; init; } = ServerSettings.DefaultInlineCutBelowLogProb;

    /// <summary>One token this unlikely in a suggestion means the model was guessing there.</summary>
    public double MinTokenLogProb { get; init; } = -9;
    public bool CompileCheck { get; init; } = true;
    public TimeSpan CompileCheckBudget { get; init; } = TimeSpan.FromMilliseconds(ServerSettings.DefaultInlineCompileCheckMs);
    /// <summary>End to end (context, model, filters); past it the answer is dropped. Null: none.</summary>
    public TimeSpan? Deadline { get; init; } = TimeSpan.FromMilliseconds(300);
    /// <summary>1 for automatic triggers; up to 3 when invoked (beam search).</summary>
    public int Alternatives { get; init; } = 1;
    /// <summary>Tokens generated at most for a single-line / multi-line suggestion.</summary>
    public int SingleLineTokens { get; init; } = 32;
    public int MultiLineTokens { get; init; } = 80;
    /// <summary>The longest suggestion shown, in characters (SuggestionLength cuts it on a boundary).</summary>
    public int MaxLength { get; init; } = ServerSettings.DefaultInlineMaxLength;

    /// <summary>The repository memory's channels in use (as the server's default settings; they act only once
    /// the memory is built).</summary>
    public MemoryChannels Memory { get; init; } = MemoryChannels.Mixing | MemoryChannels.Candidates | MemoryChannels.Names;

    /// <summary>How many repository lines and identifiers are candidates (each one a row the model scores). The most
    /// supported line and identifier save as many keystrokes as three and two did on the dev typing session (54.1 %
    /// against 54.3-55.1 %, within its noise) for a cheaper model stage (eval `--candidates L,W`; p50 34 -> 30 ms).</summary>
    public int CandidateLines { get; init; } = 1;
    public int CandidateWords { get; init; } = 1;

    /// <summary>A repository candidate is shown up to its first token the model finds less likely than this.</summary>
    public double MemoryCandidateCut { get; init; } = -1.5;

    /// <summary>Cut each suggestion to what the backend's show policy expects to be right (off: show it whole).</summary>
    public bool ShowPolicy { get; init; } = true;

    /// <summary>What typing into a shown suggestion instead of taking it does (TypingAlongCache).</summary>
    public DeclinedSuggestion Declined { get; init; } = DeclinedSuggestion.Silent;

    public FilterOptions FilterOptions => new(MinMeanLogProb, MinTokenLogProb, CompileCheck, CompileCheckBudget);

    /// <summary>Invoked requests get three alternatives and a longer deadline: the user is waiting for them.</summary>
    public static InlineCompletionOptions From(ServerSettings settings, bool invoked) => new()
    {
        IncludeHeader = settings.InlineContext,
        Monitors = settings.InlineMonitors ? MonitorKinds.All : MonitorKinds.None,
        Filters = settings.InlineFilters,
        MinMeanLogProb = settings.InlineMinMeanLogProb,
        CutBelowLogProb = settings.InlineCutBelowLogProb,
        CompileCheckBudget = TimeSpan.FromMilliseconds(settings.InlineCompileCheckMs),
        Deadline = TimeSpan.FromMilliseconds(invoked ? Math.Max(settings.InlineDeadlineMs, 2000) : settings.InlineDeadlineMs),
        Alternatives = invoked ? 3 : 1,
        MaxLength = settings.InlineMaxLength,
        Memory = (settings.MemoryMixing ? MemoryChannels.Mixing : 0) | (settings.MemoryCandidates ? MemoryChannels.Candidates : 0)
                 | (settings.MemoryNeighbours ? MemoryChannels.Neighbours : 0) | (settings.MemoryNames ? MemoryChannels.Names : 0),
    };
}
