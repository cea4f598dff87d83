namespace NanoLsp.Assist;

public enum SuggestionShape { SingleLine, MultiLine }

/// <summary>Token budgets for one prompt (model context 512 by default: header 128, prefix ~280, suffix ~90).
/// <see cref="ContextTokens"/> is what the whole prompt may take; the rest of the model context is left
/// for the generated tokens.</summary>
public sealed record PromptBudget(int ContextTokens, int HeaderTokens, int SuffixTokens)
{
    /// <summary>The three FIM markers, the file separator and the header's closing newline.</summary>
    public const int MarkerTokens = 5;

    /// <summary>What the prefix window may take: everything the header and suffix leave.</summary>
    public int PrefixTokens => Math.Max(8, ContextTokens - HeaderTokens - SuffixTokens - MarkerTokens);

    public static PromptBudget For(int modelContext)
    {
        if (modelContext < 64) throw new ArgumentOutOfRangeException(nameof(modelContext), "A model context under 64 tokens leaves no room for a prompt.");
        // A sixteenth is left for generation: single-line answers rarely pass 20 tokens.
        int context = modelContext - modelContext / 16;
        return new PromptBudget(context, modelContext / 4, modelContext * 90 / 512);
    }
}

/// <summary>What the model is asked: FIM windows + header, and facts the stop rule and filters need.</summary>
public sealed record PromptContext(
    string Header,
    string Prefix,
    string Suffix,
    SuggestionShape Shape,
    string LinePrefix,
    string LineSuffix,
    string NextLine,
    string Indentation);
