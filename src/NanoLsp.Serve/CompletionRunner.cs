using System.Text;
using NanoLsp.Model;

namespace NanoLsp.Serve;

/// <summary>One prompt's answer: the text (after the re-typed token-healing bytes), its tokens, and why it ended.</summary>
public sealed record PromptOutcome(string Text, IReadOnlyList<GeneratedToken> Tokens, int HealedBytes, string FinishReason, int PromptTokens);

/// <summary>
/// Runs a prompt on a model instance the way the editor's inline completion does below its Roslyn stages: a
/// fill-in-the-middle prompt (the request's prompt before the cursor, its suffix after; no suffix is an empty one),
/// token healing, the engine's sampler. A prompt longer than the context keeps the text nearest the cursor, as
/// FimPrompt does for the editor, rather than failing.
/// </summary>
public sealed class CompletionRunner(ILogger<CompletionRunner> logger)
{
    /// <summary>The least room a prompt keeps in the context next to the tokens asked for.</summary>
    public const int MinPromptTokens = 64;

    public static void CheckRoom(ModelManifest manifest, CompletionJob job)
    {
        if (manifest.ContextLength - job.MaxTokens < MinPromptTokens)
            throw ApiError.Invalid($"max_tokens {job.MaxTokens} leaves less than {MinPromptTokens} tokens of the model's " +
                $"{manifest.ContextLength}-token context for the prompt.", "max_tokens");
    }

    /// <param name="onProgress">Tokens and text so far, after each token (streaming); on the generating thread.</param>
    public async Task<PromptOutcome> RunAsync(LanguageModel model, string id, CompletionJob job, string prompt,
        Action<IReadOnlyList<GeneratedToken>, string>? onProgress, CancellationToken cancellationToken)
    {
        var fim = model.BuildPrompt(prompt, job.Suffix, context: null, maxTokens: model.Manifest.ContextLength - job.MaxTokens);
        var options = new GenerationOptions
        {
            MaxTokens = job.MaxTokens,
            Sampling = job.Sampling,
            StopStrings = job.Stop,
            OnProgress = onProgress,
            TopLogProbs = job.Logprobs ?? 0,
        };
        var result = await model.GenerateAsync(fim, options, cancellationToken).ConfigureAwait(false);
        if (result.StopReason == StopReason.Cancelled || cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{Id}: cancelled (client gone or request timed out) after {Tokens} tokens in {Ms:0} ms",
                id, result.Tokens.Count, result.TotalTime.TotalMilliseconds);
            throw new OperationCanceledException(cancellationToken);
        }
        logger.LogInformation("{Id}: {Tokens} tokens in {Ms:0} ms ({Reason}; prompt {Prompt} tokens, {Reused} reused)",
            id, result.Tokens.Count, result.TotalTime.TotalMilliseconds, result.StopReason, result.PromptTokens, result.ReusedPromptTokens);
        return new PromptOutcome(result.Text, result.Tokens, fim.Healing?.Bytes.Length ?? 0, FinishReason(result.StopReason), fim.Ids.Length);
    }

    /// <summary>"length" when the budget (or the context) ran out, "stop" when the model or a stop string ended it.</summary>
    public static string FinishReason(StopReason reason) =>
        reason is StopReason.MaxTokens or StopReason.ContextFull or StopReason.Deadline ? "length" : "stop";

    /// <summary>
    /// The legacy API's logprobs: each token's text (less the <paramref name="healedBytes"/> that re-type the prompt's
    /// healed end), its log-probability, the most likely tokens at its step, and its offset counted from the
    /// prompt's start (<paramref name="offset"/> is the prompt's length).
    /// </summary>
    public static CompletionLogprobs Logprobs(NanoTokenizer tokenizer, IReadOnlyList<GeneratedToken> tokens, int healedBytes, int offset)
    {
        int skipBytes = healedBytes;
        var texts = new List<string>();
        var values = new List<float>();
        var tops = new List<Dictionary<string, float>>();
        var offsets = new List<int>();
        foreach (var token in tokens)
        {
            var bytes = tokenizer.TokenBytes(token.Id);
            int skip = Math.Min(skipBytes, bytes.Length);
            skipBytes -= skip;
            string text = Encoding.UTF8.GetString(bytes[skip..]);
            texts.Add(text);
            values.Add(token.LogProb);
            var top = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var (topId, logProb) in token.Top) top.TryAdd(Encoding.UTF8.GetString(tokenizer.TokenBytes(topId)), logProb);
            tops.Add(top);
            offsets.Add(offset);
            offset += text.Length;
        }
        return new CompletionLogprobs(texts, values, tops, offsets);
    }
}
