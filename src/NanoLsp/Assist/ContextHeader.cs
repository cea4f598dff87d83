using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>The context header (docs/context-header.md). First cut: no header yet.</summary>
internal static class ContextHeader
{
    public static Task<string> BuildAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer,
        int budgetTokens, CancellationToken cancellationToken) => Task.FromResult("");
}
