namespace NanoLsp.Model;

/// <summary>A fill-in-the-middle prompt as token ids, plus the token healing it needs.</summary>
public sealed record FimPrompt(int[] Ids, TokenHealing? Healing)
{
    /// <summary>The prefix's tokens as they end the prompt (after token healing backed up): the context a
    /// token prior continues.</summary>
    public int[] PrefixIds { get; init; } = [];

    /// <summary>
    /// PSM layout (docs/model-format.md):
    /// <c>[&lt;|file_sep|&gt; CONTEXT "\n"] &lt;|fim_prefix|&gt; PREFIX &lt;|fim_suffix|&gt; SUFFIX &lt;|fim_middle|&gt;</c>.
    /// Over <paramref name="maxTokens"/>, the parts nearest the cursor survive: the context header
    /// is cut from its end, the suffix from its end, the prefix from its start.
    /// </summary>
    public static FimPrompt Build(NanoTokenizer tokenizer, string prefix, string suffix, string? context = null,
        int maxTokens = 768, bool tokenHealing = true)
    {
        int[] prefixIds = tokenizer.Encode(prefix);
        int[] suffixIds = tokenizer.Encode(suffix);
        int[] contextIds = string.IsNullOrEmpty(context) ? [] : tokenizer.Encode(context + "\n");

        // Healing looks at the prefix alone: its last token is the one the cursor may split.
        var (healedPrefix, healing) = TokenHealing.Prepare(tokenizer, prefixIds, tokenHealing);

        int budget = maxTokens - 3; // the three FIM markers
        if (budget < 8) throw new ArgumentOutOfRangeException(nameof(maxTokens), "A FIM prompt needs room for at least 8 tokens.");
        // Prefix first (it predicts the line best), then suffix up to a quarter, then context.
        int prefixTake = Math.Min(healedPrefix.Length, budget - Math.Min(suffixIds.Length, budget / 4));
        int suffixTake = Math.Min(suffixIds.Length, budget - prefixTake);
        int left = budget - prefixTake - suffixTake; // the context also needs its <|file_sep|>
        int contextTake = left > 1 ? Math.Min(contextIds.Length, left - 1) : 0;

        var ids = new List<int>(maxTokens);
        if (contextTake > 0)
        {
            ids.Add(tokenizer.FileSeparator);
            ids.AddRange(contextIds.AsSpan(0, contextTake));
        }
        ids.Add(tokenizer.FimPrefix);
        ids.AddRange(healedPrefix.AsSpan(healedPrefix.Length - prefixTake));
        ids.Add(tokenizer.FimSuffix);
        ids.AddRange(suffixIds.AsSpan(0, suffixTake));
        ids.Add(tokenizer.FimMiddle);
        return new FimPrompt(ids.ToArray(), healing) { PrefixIds = healedPrefix[^prefixTake..] };
    }
}
