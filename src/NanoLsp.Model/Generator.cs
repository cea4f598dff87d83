using System.Diagnostics;
using System.Text;

namespace NanoLsp.Model;

/// <summary>The generation loop: prefill through the prefix cache, then one token at a time
/// under token healing and the caller's mask, until a stop rule fires.</summary>
public sealed class Generator(Decoder decoder, NanoTokenizer tokenizer, PrefixCache prefixCache)
{
    private readonly float[] _work = new float[decoder.Manifest.VocabSize]; // (vocab) logits being masked

    public GenerationResult Generate(int[] prompt, TokenHealing? healing, GenerationOptions options, CancellationToken cancellation = default)
    {
        long start = Stopwatch.GetTimestamp();
        var tokens = new List<GeneratedToken>();
        var completion = new List<byte>(); // bytes after the re-typed healing text
        var rng = new Rng(options.Sampling.Seed);
        int[] step = new int[1];
        TimeSpan prefillTime = TimeSpan.Zero;

        GenerationResult Finish(StopReason reason, string? text = null) => new(
            text ?? Encoding.UTF8.GetString(completion.ToArray()), tokens, reason, prompt.Length,
            prefixCache.LastReused, prefillTime, Stopwatch.GetElapsedTime(start));

        if (cancellation.IsCancellationRequested) return Finish(StopReason.Cancelled);
        ReadOnlySpan<float> logits;
        try
        {
            logits = prefixCache.Prefill(prompt, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return Finish(StopReason.Cancelled);
        }
        prefillTime = Stopwatch.GetElapsedTime(start);
        var generatedIds = new List<int>();

        while (true)
        {
            if (cancellation.IsCancellationRequested) return Finish(StopReason.Cancelled);
            if (tokens.Count >= options.MaxTokens) return Finish(StopReason.MaxTokens);
            if (options.Deadline is { } deadline && Stopwatch.GetElapsedTime(start) >= deadline) return Finish(StopReason.Deadline);

            logits.CopyTo(_work);
            float logSumExp = Sampler.LogSumExp(_work);
            if (options.Prior is { } prior)
                logSumExp = TokenPriorMixing.Apply(_work, logSumExp, prior.Next(generatedIds));
            healing?.Apply(_work);
            options.Mask?.Apply(new TokenMaskContext(generatedIds, Encoding.UTF8.GetString(completion.ToArray())), _work);
            if (!_work.AsSpan().ContainsAnyExcept(float.NegativeInfinity)) return Finish(StopReason.NothingAllowed);
            float allowedLogSumExp = Sampler.LogSumExp(_work);
            int id = Sampler.Sample(_work, options.Sampling, ref rng);

            // The model ends a middle with end-of-text; any other special token also means it is done.
            if (tokenizer.IsSpecial(id)) return Finish(StopReason.EndOfText);

            var tokenBytes = tokenizer.TokenBytes(id);
            float constrained = ForcedText.ConstrainedLogProb(_work, id, ForcedText.Of(healing, options.Mask), tokenizer, allowedLogSumExp);
            int retyped = healing?.Accept(id) ?? 0;
            // _work[id] is the (mixed) logit: masks only ever forbid other tokens.
            var token = new GeneratedToken(id, _work[id] - logSumExp, constrained)
            {
                RetypesHealedText = retyped == tokenBytes.Length,
                Top = options.TopLogProbs > 0 ? Sampler.TopK(_work, options.TopLogProbs, logSumExp) : [],
            };
            if (options.StopBefore?.Invoke(token) == true) return Finish(StopReason.Doubt);
            tokens.Add(token);
            generatedIds.Add(id);
            foreach (byte b in tokenBytes[retyped..]) completion.Add(b);

            string text = Encoding.UTF8.GetString(completion.ToArray());
            if (options.SingleLine && text.IndexOf('\n') is var newline and >= 0)
                return Finish(StopReason.Newline, text[..newline].TrimEnd('\r'));
            foreach (string stop in options.StopStrings)
            {
                if (stop.Length > 0 && text.IndexOf(stop, StringComparison.Ordinal) is var at and >= 0)
                    return Finish(StopReason.StopString, text[..at]);
            }
            if (prefixCache.Cache.Length >= prefixCache.Cache.Capacity) return Finish(StopReason.ContextFull);
            options.OnProgress?.Invoke(tokens, text);

            step[0] = id;
            logits = decoder.Forward(prefixCache.Cache, step);
        }
    }
}
