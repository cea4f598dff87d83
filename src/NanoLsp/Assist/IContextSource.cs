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
public sealed class DeclarationHeaderSource(bool serveStale = false) : IContextSource
{
    /// <summary>With serveStale (the server), a header one keystroke old stands in while the exact one is built
    /// in the background (HeaderCache.ServeStale).</summary>
    public HeaderCache Cache { get; } = new() { ServeStale = serveStale };

    public string Name => "declarations";

    public Task<string> GetAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budgetTokens,
        CancellationToken cancellationToken) =>
        Cache.GetOrBuildAsync(document, position, windows, tokenizer, budgetTokens,
            ct => ContextHeader.BuildUncachedAsync(document, position, windows, tokenizer, budgetTokens, ct), cancellationToken);
}
