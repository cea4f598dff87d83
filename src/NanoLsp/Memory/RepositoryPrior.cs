using NanoLsp.Model;

namespace NanoLsp.Memory;

/// <summary>
/// Channel 1, mixing: at each decoding step, what followed the same token context elsewhere in the
/// repository, as a distribution the engine interpolates with the model's (a nested cache: the longest
/// matches dominate, the edited document's own code counts double). How much it is trusted grows with the
/// length of the longest match and with the agreement of the matches (<see cref="Weight"/>).
/// </summary>
public sealed class RepositoryPrior(MemoryView view, int[] promptPrefix) : ITokenPrior
{
    private const int ContextTokens = TokenMatch.MaxLength;

    public PriorDistribution Next(IReadOnlyList<int> generated)
    {
        int fromPrompt = Math.Max(0, ContextTokens - generated.Count);
        var context = new int[Math.Min(fromPrompt, promptPrefix.Length) + Math.Min(generated.Count, ContextTokens)];
        int n = 0;
        for (int i = promptPrefix.Length - Math.Min(fromPrompt, promptPrefix.Length); i < promptPrefix.Length; i++) context[n++] = promptPrefix[i];
        for (int i = generated.Count - Math.Min(generated.Count, ContextTokens); i < generated.Count; i++) context[n++] = generated[i];
        var matches = view.Continuations(context);
        if (matches.Count == 0) return PriorDistribution.None;

        int longest = matches.Max(m => m.Length);
        var weights = new Dictionary<int, double>();
        double total = 0;
        foreach (var m in matches)
        {
            // Each token of match length doubles the weight: a shorter match speaks only where no longer one does.
            double w = Math.Pow(2, Math.Min(m.Length, 16) - Math.Min(longest, 16)) * (m.Local ? 2 : 1);
            weights[m.Next] = weights.GetValueOrDefault(m.Next) + w;
            total += w;
        }
        double top = weights.Values.Max() / total;
        var tokens = weights.Select(kv => (kv.Key, (float)(kv.Value / total))).ToList();
        return new PriorDistribution(Weight(longest, top), tokens);
    }

    /// <summary>λ from the longest match (in tokens) and the share of its favourite continuation. Tuned on the
    /// dev repositories (docs/repository-memory.md): two tokens of shared context say little, eight say a lot.</summary>
    public static float Weight(int longest, double agreement)
    {
        double byLength = longest switch { <= 2 => 0.05, 3 => 0.15, <= 5 => 0.3, <= 8 => 0.5, <= 12 => 0.65, _ => 0.8 };
        return (float)(byLength * (0.5 + 0.5 * agreement));
    }
}
