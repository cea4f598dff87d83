using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// nanolsp.inlineCompletion.forcedCompletion: a fixed text instead of the model's, so that the stop rule,
/// filters and length run on a known suggestion (the editor end-to-end suites use it). Its tokens count
/// as sure (log-probability 0).
/// </summary>
internal sealed class ForcedTextBackend(string text, ICompletionBackend model) : ICompletionBackend
{
    public NanoTokenizer Tokenizer => model.Tokenizer;

    public int ContextLength => model.ContextLength;

    public Task<BackendAnswer> CompleteAsync(BackendRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new BackendAnswer([new Candidate(text, Tokenizer.Encode(text).Select(id => new GeneratedToken(id, 0f)).ToList())]));
}
