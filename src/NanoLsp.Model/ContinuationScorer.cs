using System.Text;

namespace NanoLsp.Model;

/// <summary>A continuation of a prompt as the model sees it: its tokens with their log-probabilities.</summary>
public sealed record ScoredContinuation(string Text, IReadOnlyList<GeneratedToken> Tokens);

/// <summary>
/// Scores given continuations of a prompt (teacher forcing): one batched forward pass per continuation
/// after the prompt, which the prefix cache already holds from the generation that came before. The
/// prompt's token healing applies as in generation: a continuation is the text after the re-typed bytes,
/// and the first tokens are judged among those consistent with them. The cache is left holding the prompt.
/// </summary>
internal sealed class ContinuationScorer(Decoder decoder, NanoTokenizer tokenizer, PrefixCache prefixCache)
{
    private readonly float[] _work = new float[decoder.Manifest.VocabSize];

    public IReadOnlyList<ScoredContinuation> Score(int[] prompt, TokenHealing? healing, IReadOnlyList<string> continuations,
        ITokenPrior? prior, int maxTokens, CancellationToken cancellation)
    {
        int vocab = decoder.Manifest.VocabSize;
        var afterPrompt = prefixCache.Prefill(prompt, cancellation).ToArray();
        int promptLength = prefixCache.Cache.Length;
        string healedText = healing is null ? "" : Encoding.UTF8.GetString(healing.Bytes);
        var results = new List<ScoredContinuation>(continuations.Count);
        foreach (string text in continuations)
        {
            cancellation.ThrowIfCancellationRequested();
            int[] ids = tokenizer.Encode(healedText + text);
            // Room for the answer in the context and the caller's cap; a longer continuation is judged on what fits.
            int fits = Math.Min(Math.Min(ids.Length, maxTokens), prefixCache.Cache.Capacity - promptLength);
            if (fits <= 0 || ids.Take(fits).Any(tokenizer.IsSpecial))
            {
                results.Add(new ScoredContinuation(text, []));
                continue;
            }
            ReadOnlySpan<float> rows = fits > 1 ? decoder.Forward(prefixCache.Cache, ids.AsSpan(0, fits - 1), keep: fits - 1, cancellation) : default;
            var heal = healing?.Clone();
            var tokens = new List<GeneratedToken>(fits);
            var generated = new List<int>(fits);
            for (int i = 0; i < fits; i++)
            {
                (i == 0 ? afterPrompt.AsSpan() : rows.Slice((i - 1) * vocab, vocab)).CopyTo(_work);
                float logSumExp = Sampler.LogSumExp(_work);
                if (prior is not null)
                    logSumExp = TokenPriorMixing.Apply(_work, logSumExp, prior.Next(generated));
                float logit = _work[ids[i]];
                heal?.Apply(_work);
                float allowed = Sampler.LogSumExp(_work);
                // As in generation: a token that writes all the healed text and more is judged among those that also do.
                float constrained = float.IsNegativeInfinity(allowed) || float.IsNegativeInfinity(_work[ids[i]]) ? float.NegativeInfinity
                    : ForcedText.ConstrainedLogProb(_work, ids[i], ForcedText.Of(heal, null), tokenizer, allowed);
                int retyped = heal?.Accept(ids[i]) ?? 0;
                tokens.Add(new GeneratedToken(ids[i], logit - logSumExp, constrained)
                {
                    RetypesHealedText = retyped == tokenizer.TokenBytes(ids[i]).Length,
                });
                generated.Add(ids[i]);
            }
            prefixCache.Cache.Truncate(promptLength);
            results.Add(new ScoredContinuation(text, tokens));
        }
        return results;
    }
}
