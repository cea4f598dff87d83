namespace NanoLsp.Assist;

public enum SuggestionShape { SingleLine, MultiLine }

/// <summary>Token budgets for one prompt (a 512-token model context: prompt 480, header 120, suffix 90, prefix 265).
/// <see cref="ContextTokens"/> is what the whole prompt may take; the rest of the model context is left
/// for the generated tokens.</summary>
public sealed record PromptBudget(int ContextTokens, int HeaderTokens, int SuffixTokens)
{
    /// <summary>The three FIM markers, the file separator and the header's closing newline.</summary>
    public const int MarkerTokens = 5;

    /// <summary>What the prefix window may take: everything the header and suffix leave.</summary>
    public int PrefixTokens => Math.Max(8, ContextTokens - HeaderTokens - SuffixTokens - MarkerTokens);

    /// <summary>Budgets for a model context, leaving a sixteenth of it for the generated tokens.</summary>
    public static PromptBudget For(int modelContext) => For(modelContext, modelContext / 16);

    /// <summary>Budgets for a model context when <paramref name="generationTokens"/> must stay free for the
    /// answer. Pass the same split to FimPrompt (maxTokens = modelContext - generationTokens): a prompt over
    /// its budget is cut there from the header's end, which is where the most relevant type sits.</summary>
    public static PromptBudget For(int modelContext, int generationTokens)
    {
        int context = modelContext - Math.Max(0, generationTokens);
        if (context < 64) throw new ArgumentOutOfRangeException(nameof(modelContext),
            $"A model context of {modelContext} tokens with {generationTokens} for the answer leaves under 64 for the prompt.");
        return new PromptBudget(context, context / 4, context * 90 / 480);
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
