using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Memory;

/// <summary>
/// Channel 3, neighbours in the prompt: the windows of other files of the repository most like the lines
/// above the cursor (Jaccard over identifiers), each under a comment naming its file, ahead of the FIM
/// windows. Kept while the cursor stays on its line, so that the prompt's start does not move and the
/// prefix cache still hits. Useful to a model trained with such prompts (docs/repository-memory.md).
/// </summary>
public sealed class RepositoryNeighbourSource(RepositoryMemory memory) : IContextSource
{
    private const int QueryLines = 12;
    private const int MaxWindows = 2;
    private const double MinSimilarity = 0.2;
    // A reference swapped whole: requests of two documents may run at once.
    private sealed record Last(string Path, int Line, string Text);
    private Last? _last;

    public string Name => "neighbours";

    public async Task<string> GetAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer, int budgetTokens,
        CancellationToken cancellationToken)
    {
        if (document.FilePath is not { } path) return "";
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        int line = text.Lines.GetLineFromPosition(position).LineNumber;
        if (_last is { } last && last.Path == path && last.Line == line)
            return Fit(last.Text, tokenizer, budgetTokens);
        var view = memory.ViewAt(path, text, position);
        if (view is null) return "";
        var recent = Enumerable.Range(Math.Max(0, line - QueryLines), Math.Min(line, QueryLines))
            .Select(i => text.Lines[i].ToString()).ToList();
        var parts = view.Neighbours(recent, MaxWindows, MinSimilarity)
            .Select(w => $"// {Relative(w.Path, view.Roots)}\n{w.Text().TrimEnd()}\n");
        string header = string.Concat(parts);
        _last = new Last(path, line, header);
        return Fit(header, tokenizer, budgetTokens);
    }

    /// <summary>Whole windows only: one cut in the middle would end the header mid-statement.</summary>
    private static string Fit(string header, NanoTokenizer tokenizer, int budgetTokens)
    {
        while (header.Length > 0 && tokenizer.Encode(header).Length > budgetTokens)
        {
            int cut = header.LastIndexOf("\n// ", header.Length - 2, StringComparison.Ordinal);
            header = cut < 0 ? "" : header[..(cut + 1)];
        }
        return header;
    }

    private static string Relative(string path, IReadOnlyList<string> roots) =>
        roots.Select(r => Path.GetRelativePath(r, path)).Where(r => !r.StartsWith("..", StringComparison.Ordinal)).DefaultIfEmpty(Path.GetFileName(path)).First();
}
