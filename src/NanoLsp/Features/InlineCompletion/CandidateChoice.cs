using NanoLsp.Memory;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Stage 4b, repository candidates (channel 2): each candidate copied from the repository is kept up to
/// its first token the model finds unlikely (<see cref="InlineCompletionOptions.MemoryCandidateCut"/>, looser
/// than the cut of the model's own answer: the repository vouches for the text). The one that reaches
/// furthest goes ahead of the model's answer when it says more and does not contradict it: where the two
/// disagree, the model's arg max was the likelier token, so its answer stands.
/// </summary>
public static class CandidateChoice
{
    /// <returns>The candidates for the filters, best first.</returns>
    public static IReadOnlyList<Candidate> Choose(BackendAnswer answer, IReadOnlyList<MemoryCandidate> fromMemory,
        InlineCompletionOptions options, NanoTokenizer tokenizer)
    {
        if (fromMemory.Count == 0 || answer.Scored.Count != fromMemory.Count) return answer.Candidates;
        string model = answer.Candidates.FirstOrDefault()?.Text ?? "";
        if (options.Filters && options.CutBelowLogProb is { } modelCut && answer.Candidates.FirstOrDefault() is { } greedy)
            model = ConfidenceCut.Apply(greedy.Text, greedy.Tokens, answer.HealedBytes, tokenizer, modelCut).Text;

        Candidate? best = null;
        for (int i = 0; i < fromMemory.Count; i++)
        {
            var scored = answer.Scored[i];
            if (scored.Tokens.Count == 0) continue;
            var (agreed, kept) = ConfidenceCut.Apply(scored.Text, scored.Tokens, answer.HealedBytes, tokenizer, options.MemoryCandidateCut);
            if (agreed.Trim().Length < 2 || kept.Count == 0) continue;
            bool consistent = agreed.StartsWith(model, StringComparison.Ordinal) || model.StartsWith(agreed, StringComparison.Ordinal);
            if (!consistent || agreed.Length <= model.Length) continue;
            // The tokens through the cut, token healing's re-typing ones included (as a decoded candidate's are).
            int retyping = scored.Tokens.TakeWhile(t => t.RetypesHealedText).Count();
            if (best is null || agreed.Length > best.Text.Length)
                best = new Candidate(agreed, scored.Tokens.Take(retyping + kept.Count).ToList()) { FromMemory = fromMemory[i].Kind };
        }
        return best is null ? answer.Candidates : [best, .. answer.Candidates];
    }
}
