using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Protocol;
using NanoLsp.Workspace;

namespace NanoLsp.Features.DocumentHighlight;

/// <summary>
/// The places of the symbol under the caret in its own document: its declarations (<see cref="DocumentHighlightKinds.Text"/>)
/// and its references, written (assigned, incremented, passed by ref or out) or read, and for a type each target-typed
/// `new(...)` that makes one. Roslyn's own highlighter is not public, and its finder of references, even scoped to one
/// document, first looks for the symbol's overrides and implementations in every project of the solution: a caret moved
/// on ThreeMammals/Ocelot cost the server 184 ms of CPU (`NanoLsp.Driver clicks --only-highlights`). So the document's
/// identifiers of the symbol's name are bound here, one semantic model, and compared with the symbol (and what it
/// overrides or implements). Over 2,034 places of Ocelot and docfx files both answers were the same but on `var`, where
/// the finder marked every `string` keyword of the file and this marks nothing.
/// </summary>
public static class DocumentHighlightService
{
    public static async Task<IReadOnlyList<(TextSpan Span, int Kind)>> GetAsync(Document document, int position, CancellationToken cancellationToken)
    {
        // The document's own framework: a linked file's symbol in every framework's project is one place each time.
        document = PreferredDocument.Alone(document);
        var symbol = await SymbolFinder.FindSymbolAtPositionAsync(document, position, cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (symbol is null || model is null || root is null)
            return [];
        // A constructor or destructor is declared and called under its type's name.
        string name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor } method
            ? method.ContainingType.Name : symbol.Name;
        var target = Family(symbol);
        // `[Description(...)]` names DescriptionAttribute.
        string? attributeName = name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : null;
        var places = new Dictionary<TextSpan, int>();
        // Every identifier of the name, in the code and in its documentation comments (`<paramref name="x"/>`, crefs).
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name && token.ValueText != attributeName || token.Parent is not { } node)
                continue;
            // Declared there without a declaration node: a tuple element named by the variable it is made of.
            if (symbol.Locations.Any(l => l.SourceTree == root.SyntaxTree && l.SourceSpan == token.Span))
            {
                places[token.Span] = DocumentHighlightKinds.Text;
                continue;
            }
            if (model.GetDeclaredSymbol(node, cancellationToken) is { } declared && IsDeclarationName(declared, token))
            {
                // A type's constructors and destructor are declared under its name.
                if (target.Overlaps(Family(declared)) || declared is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor }
                    && target.Contains(declared.ContainingType.OriginalDefinition))
                    places[token.Span] = DocumentHighlightKinds.Text;
                continue;
            }
            if (Referenced(model, node, cancellationToken).Any(r => target.Overlaps(Family(r))))
                places[token.Span] = node.FirstAncestorOrSelf<SyntaxNode>(n => n is not NameSyntax) is BaseNamespaceDeclarationSyntax ? DocumentHighlightKinds.Text
                    : IsWritten(model, root, token.Span, cancellationToken) ? DocumentHighlightKinds.Write : DocumentHighlightKinds.Read;
        }
        // `: base(...)` and `: this(...)` call a constructor without naming it.
        if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || symbol is INamedTypeSymbol)
            foreach (var initializer in root.DescendantNodes().OfType<ConstructorInitializerSyntax>())
            {
                var info = model.GetSymbolInfo(initializer, cancellationToken);
                if (info.CandidateSymbols.Prepend(info.Symbol).OfType<IMethodSymbol>()
                    .Any(called => target.Contains(called.OriginalDefinition) || target.Contains(called.ContainingType.OriginalDefinition)))
                    places.TryAdd(initializer.ThisOrBaseKeyword.Span, DocumentHighlightKinds.Read);
            }
        // A target-typed `new(...)` makes the type without naming it: Roslyn's own highlighter marks its `new`, which
        // the finder of references does not return for the type.
        if (symbol is INamedTypeSymbol type)
            foreach (var creation in root.DescendantNodes().OfType<ImplicitObjectCreationExpressionSyntax>())
                if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition, type.OriginalDefinition))
                    places.TryAdd(creation.NewKeyword.Span, DocumentHighlightKinds.Read);
        return [.. places.OrderBy(p => p.Key.Start).Select(p => (p.Key, p.Value))];
    }

    /// <summary>Whether the token is the name its declaration declares (not another name inside the declaration).</summary>
    private static bool IsDeclarationName(ISymbol declared, SyntaxToken token) =>
        declared.Locations.Any(l => l.IsInSource && l.SourceSpan == token.Span);

    /// <summary>What a name refers to: its symbol or candidates, and for a type named in `new T(...)` the constructor.</summary>
    private static IEnumerable<ISymbol> Referenced(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(node, cancellationToken);
        foreach (var symbol in info.CandidateSymbols.Prepend(info.Symbol).OfType<ISymbol>())
            yield return symbol;
        // `new Lib.Shape<int>(...)`: the creation's type is the name, qualified or generic.
        var typeSyntax = node;
        while (typeSyntax.Parent is QualifiedNameSyntax qualified && qualified.Right == typeSyntax || typeSyntax.Parent is AliasQualifiedNameSyntax)
            typeSyntax = typeSyntax.Parent;
        if (typeSyntax.Parent is ObjectCreationExpressionSyntax creation && creation.Type == typeSyntax)
        {
            var made = model.GetSymbolInfo(creation, cancellationToken);
            foreach (var constructor in made.CandidateSymbols.Prepend(made.Symbol).OfType<ISymbol>())
                yield return constructor;
        }
    }

    /// <summary>
    /// A symbol, as every reference to it names it (the generic definition, the extension method as declared, a partial
    /// member's definition part), with what it overrides and the interface members it implements: a call through a base
    /// class or an interface is an occurrence of the override, as Roslyn's finder of references cascades to them. Only
    /// up the hierarchy (the symbol itself says): down it, the finder searched every project of the solution, which made
    /// each caret move on a real repository cost about 200 ms of CPU.
    /// </summary>
    private static HashSet<ISymbol> Family(ISymbol symbol)
    {
        var family = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var member = Canonical(symbol); member is not null && family.Add(member); member = Canonical(member.OverriddenMember()))
        {
            if (member.ContainingType is { } type && member.Kind is SymbolKind.Method or SymbolKind.Property or SymbolKind.Event)
                foreach (var contract in type.AllInterfaces.SelectMany(i => i.GetMembers(member.Name)))
                    if (SymbolEqualityComparer.Default.Equals(Canonical(type.FindImplementationForInterfaceMember(contract)), member))
                        family.Add(Canonical(contract)!);
        }
        return family;
    }

    private static ISymbol? Canonical(ISymbol? symbol) => symbol switch
    {
        null => null,
        // An indexer's parameter is each accessor's own: `key` in the getter and the setter is one name.
        IParameterSymbol { ContainingSymbol: IMethodSymbol { AssociatedSymbol: IPropertySymbol { IsIndexer: true } indexer } } parameter
            when parameter.Ordinal < indexer.Parameters.Length => indexer.Parameters[parameter.Ordinal].OriginalDefinition,
        IMethodSymbol method => ((method.ReducedFrom ?? method).PartialDefinitionPart ?? method.ReducedFrom ?? method).OriginalDefinition,
        IPropertySymbol property => (property.PartialDefinitionPart ?? property).OriginalDefinition,
        _ => symbol.OriginalDefinition,
    };

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
