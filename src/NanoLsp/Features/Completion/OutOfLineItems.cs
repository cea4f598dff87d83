using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Tags;
using RoslynCompletionItem = Microsoft.CodeAnalysis.Completion.CompletionItem;

namespace NanoLsp.Features.Completion;

/// <summary>
/// Completion items whose change is never on their own line alone: the list sends their text, and
/// <c>completionItem/resolve</c> the rest as additionalTextEdits (docs/protocol.md, "Completion (the list)"). Asking
/// Roslyn for their change in the list would cost it dearly for an edit it could not send: at a statement's start about
/// 3,200 such items took 2.4-2.6 s a list, and one `await` 50-140 ms on dotnet/docfx.
/// </summary>
internal static class OutOfLineItems
{
    /// <summary>
    /// One from a namespace not imported or a snippet (Roslyn's inline description names the namespace or the snippet: a
    /// using directive, a snippet's lines), or `await` in a function not yet async, which Roslyn makes async by rewriting
    /// and formatting the whole function. In an async function (or top-level code) `await`'s change stays on its line
    /// (`task.await` becomes `await task`), so it is asked for as before.
    /// </summary>
    public static async ValueTask<bool> ReachesBeyondItsLineAsync(RoslynCompletionItem item, Document document, CancellationToken cancellationToken)
    {
        if (item.InlineDescription.Length > 0)
            return true;
        // Roslyn's await items ('awaitf' adds ConfigureAwait(false)). Other keyword items with a change of their own (an
        // XML doc comment's tags) keep it on their line.
        if (item.DisplayText is not ("await" or "awaitf") || !item.Tags.Contains(WellKnownTags.Keyword))
            return false;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && !InAsyncFunction(root, item.Span.Start);
    }

    /// <summary>Whether code at <paramref name="position"/> may await as it is: inside an async method, local function,
    /// lambda or anonymous method (the nearest function decides), or in top-level statements.</summary>
    internal static bool InAsyncFunction(SyntaxNode root, int position)
    {
        for (var node = root.FindToken(position).Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax:
                    return false; // constructors, operators, accessors: never async
                case GlobalStatementSyntax:
                    return true;
            }
        }
        return false;
    }
}
