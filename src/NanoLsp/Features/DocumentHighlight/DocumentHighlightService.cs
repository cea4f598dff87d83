using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Workspace;

namespace NanoLsp.Features.DocumentHighlight;

/// <summary>
/// The places of the symbol under the caret in its own document: its declarations (<see cref="DocumentHighlightKinds.Text"/>)
/// and its references, written (assigned, incremented, passed by ref or out) or read, and for a type each target-typed
/// `new(...)` that makes one. Roslyn's own highlighter is not
/// public; its finder of references is, scoped to the one document.
/// </summary>
public static class DocumentHighlightService
{
    public static async Task<IReadOnlyList<(TextSpan Span, int Kind)>> GetAsync(Document document, int position, CancellationToken cancellationToken)
    {
        // The document's own framework: a linked file's symbol in every framework's project is one place each time.
        document = PreferredDocument.Alone(document);
        var symbol = await SymbolFinder.FindSymbolAtPositionAsync(document, position, cancellationToken).ConfigureAwait(false);
        if (symbol is null)
            return [];
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var found = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, ImmutableHashSet.Create(document), cancellationToken)
            .ConfigureAwait(false);
        // A constructor or destructor is declared under its type's name.
        string name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor } method
            ? method.ContainingType.Name : symbol.Name;
        var places = new Dictionary<TextSpan, int>();
        foreach (var reference in found)
        {
            // The declarations that name the symbol: the references of a property cascade to its accessors, declared at
            // `get` and `set`, which the editor should not mark.
            foreach (var declared in reference.Definition.Locations)
                if (declared.IsInSource && declared.SourceTree == tree && text.ToString(declared.SourceSpan).TrimStart('@') == name)
                    places[declared.SourceSpan] = DocumentHighlightKinds.Text;
            foreach (var used in reference.Locations)
                if (!used.IsImplicit && used.Document.Id == document.Id && !places.ContainsKey(used.Location.SourceSpan))
                    places[used.Location.SourceSpan] = IsWritten(model, root, used.Location.SourceSpan, cancellationToken)
                        ? DocumentHighlightKinds.Write : DocumentHighlightKinds.Read;
        }
        // A target-typed `new(...)` makes the type without naming it: Roslyn's own highlighter marks its `new`, which
        // the finder of references does not return for the type.
        if (symbol is INamedTypeSymbol type && model is not null && root is not null)
            foreach (var creation in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitObjectCreationExpressionSyntax>())
                if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition, type.OriginalDefinition))
                    places.TryAdd(creation.NewKeyword.Span, DocumentHighlightKinds.Read);
        return [.. places.OrderBy(p => p.Key.Start).Select(p => (p.Key, p.Value))];
    }

    /// <summary>Whether the reference at <paramref name="span"/> is written: an assignment's target (compound and
    /// deconstructing ones too), incremented or decremented, or passed by ref or out. Roslyn's own answer
    /// (ReferenceLocation.IsWrittenTo) is internal; its operations say the same.</summary>
    private static bool IsWritten(SemanticModel? model, SyntaxNode? root, TextSpan span, CancellationToken cancellationToken)
    {
        if (model is null || root is null)
            return false;
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        // `this.count` or `other.count`: the operation is the member access, not its name.
        if (node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access && access.Name == node)
            node = access;
        var operation = model.GetOperation(node, cancellationToken);
        for (var child = operation; child?.Parent is { } parent; child = parent)
        {
            switch (parent)
            {
                case IAssignmentOperation assignment:
                    return assignment.Target == child;
                case IIncrementOrDecrementOperation:
                    return true;
                case IArgumentOperation argument:
                    return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
                case ITupleOperation:
                    continue; // `(a, b) = pair`: the tuple is the deconstruction's target
                default:
                    return false;
            }
        }
        return false;
    }
}
