using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoLsp.Assist;

/// <summary>The names a monitor allows at a site, in the token runs' Latin-1-of-UTF-8 form.
/// Compared by reference: one instance per resolved site.</summary>
internal sealed class NameSet(IEnumerable<string> names, bool allowsRange = false)
{
    public readonly string[] Keys = names.Distinct(StringComparer.Ordinal).Select(VocabularyIndex.Key).ToArray();

    /// <summary>The receiver can start a range (<c>i..j</c>): a second dot is then no member access.</summary>
    public readonly bool AllowsRange = allowsRange;
}

/// <summary>Resolves a site to the names allowed there, from the semantic model at the cursor.</summary>
internal sealed class SymbolNames(SemanticModel model, SyntaxNode root, int position)
{
    private NameSet? _typesInScope;

    // `new int[3]`, `new string('x', 3)`: keywords that name types.
    private static readonly string[] PredefinedTypes =
        ["bool", "byte", "sbyte", "char", "decimal", "double", "float", "int", "uint", "long", "ulong", "short", "ushort", "object", "string", "nint", "nuint"];

    /// <summary>Null when the receiver does not resolve (or resolves to nothing with members).</summary>
    public NameSet? For(CompletionSite site, int? receiverOffset)
    {
        if (site.Receiver is null) return _typesInScope ??= TypesInScope();
        var (symbol, type) = receiverOffset is { } offset ? BindInDocument(offset, site.Receiver.Length) : (null, null);
        if (symbol is null && (type is null || type.TypeKind == TypeKind.Error)) (symbol, type) = BindSpeculatively(site.Receiver);

        IEnumerable<ISymbol> members;
        if (symbol is INamespaceSymbol ns)
            members = model.LookupNamespacesAndTypes(position, ns);
        else if (symbol is ITypeSymbol staticType && symbol.Kind != SymbolKind.TypeParameter)
            members = site.Kind == SiteKind.ObjectCreation
                ? model.LookupNamespacesAndTypes(position, (INamespaceOrTypeSymbol)staticType)
                : model.LookupStaticMembers(position, (INamespaceOrTypeSymbol)staticType);
        else if (site.Kind == SiteKind.ObjectCreation || type is null || type.TypeKind is TypeKind.Error or TypeKind.Dynamic)
            return null;
        else
        {
            members = model.LookupSymbols(position, type, includeReducedExtensionMethods: true);
            // `Color Color`: a property named like its type may also reach the type's static members.
            if (symbol is not null && symbol.Name == type.Name && site.Receiver == symbol.Name)
                members = members.Concat(model.LookupStaticMembers(position, type));
        }
        var names = members.Where(m => m.CanBeReferencedByName && m is not IMethodSymbol { MethodKind: MethodKind.Constructor })
            .Select(m => m.Name).ToList();
        bool range = type is not null && (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            || type.Name == "Index" || (type is INamedTypeSymbol { IsGenericType: true } n && n.ConstructedFrom.SpecialType == SpecialType.System_Nullable_T));
        return names.Count == 0 ? null : new NameSet(names, range);
    }

    private NameSet TypesInScope()
    {
        var names = model.LookupNamespacesAndTypes(position)
            .Where(s => s is INamespaceSymbol || s is INamedTypeSymbol t && (Constructible(t) || t.GetTypeMembers().Length > 0)
                || s is ITypeParameterSymbol { HasConstructorConstraint: true } || s is ITypeParameterSymbol { HasValueTypeConstraint: true })
            .Where(s => s.CanBeReferencedByName)
            .Select(s => s.Name)
            .Concat(PredefinedTypes);
        return new NameSet(names);
    }

    private static bool Constructible(INamedTypeSymbol t) =>
        !t.IsStatic && !t.IsAbstract && t.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Delegate or TypeKind.Error
        || t.TypeKind == TypeKind.Interface && t.GetAttributes().Any(a => a.AttributeClass?.Name == "CoClassAttribute");

    private (ISymbol? Symbol, ITypeSymbol? Type) BindInDocument(int start, int length)
    {
        var token = root.FindToken(start + length - 1);
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node.Span.Start < start || node.Span.End > start + length) break;
            if (node is ExpressionSyntax expression && node.Span.Start == start && node.Span.End == start + length)
            {
                var info = model.GetSymbolInfo(expression);
                // An unfinished `inventory.Re` above a statement that starts with a name parses as a declaration
                // (`inventory.Re inventory.Receive(...);`): the receiver is then bound as a type, and the variable
                // is only a candidate. Roslyn's own completion reads its members off that candidate, so does this.
                if (info.Symbol is null && info.CandidateReason == CandidateReason.NotATypeOrNamespace
                    && info.CandidateSymbols is [var candidate] && ValueType(candidate) is { } candidateType)
                    return (candidate, candidateType);
                return (info.Symbol, model.GetTypeInfo(expression).Type);
            }
        }
        return (null, null);
    }

    /// <summary>The type of a variable, parameter, field, property or event; null for anything else.</summary>
    private static ITypeSymbol? ValueType(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        IEventSymbol e => e.Type,
        _ => null,
    };

    private (ISymbol? Symbol, ITypeSymbol? Type) BindSpeculatively(string receiver)
    {
        var expression = SyntaxFactory.ParseExpression(receiver);
        if (expression.ContainsDiagnostics) return (null, null);
        var symbol = model.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Symbol;
        var type = model.GetSpeculativeTypeInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Type;
        if (symbol is null && (type is null || type.TypeKind == TypeKind.Error))
        {
            var asType = model.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
            if (asType is INamespaceOrTypeSymbol) return (asType, null);
        }
        return (symbol, type);
    }
}
