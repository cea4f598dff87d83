using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// A source of prompt context: text set ahead of the fill-in-the-middle windows, within a token budget.
/// The seam for more context: the Roslyn declaration header is one source; retrieved windows from other
/// files of the repository (the repository memory) plug in as another, without touching the other stages.
/// Sources are asked in order and share the header budget; what one leaves, the next may use.
/// </summary>
public interface IContextSource
{
    /// <summary>A short name for reports and ablations.</summary>
    string Name { get; }

    /// <param name="windows">The span of the document the FIM windows already show (no need to repeat it).</param>
    Task<string> GetAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budgetTokens,
        CancellationToken cancellationToken);
}

/// <summary>The context header (docs/context-header.md): declarations the code at the cursor refers to,
/// resolved by Roslyn across files. Owns its cache of the last header per document (HeaderCache).</summary>
public sealed class DeclarationHeaderSource(HeaderCache? cache = null, bool serveStale = false) : IContextSource
{
    public HeaderCache Cache { get; } = cache ?? new();

    /// <summary>A header one keystroke old stands in while the exact one is built in the background (the server's
    /// typing requests: HeaderCache, "serving stale").</summary>
    public bool ServeStale => serveStale;

    public string Name => "declarations";

    /// <summary>This source over the same cache, building every header it misses before it answers (invoked requests:
    /// the user asked and waits for the best answer).</summary>
    public DeclarationHeaderSource Exact() => serveStale ? new(Cache) : this;

    public Task<string> GetAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budgetTokens,
        CancellationToken cancellationToken) =>
        Cache.GetOrBuildAsync(document, position, windows, tokenizer, budgetTokens,
            ct => ContextHeader.BuildUncachedAsync(document, position, windows, tokenizer, budgetTokens, ct), serveStale, cancellationToken);
}
