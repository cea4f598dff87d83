using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanoLsp.Workspace;

namespace NanoLsp.Features.Diagnostics;

/// <summary>
/// Diagnostics of the quick solution served before the real load (<see cref="ProvisionalProjects"/>). A project
/// without packages compiles there against what the real load gives it (the framework and its project
/// references), so its diagnostics are the real ones. A project with packages lacks their types there: it shows
/// syntax and semantic errors, less those a missing reference causes (an unknown type, namespace, name or member,
/// an unreferenced assembly, an operator on an operand of an unknown type, flow analysis in a member with one of those), and no warnings (flow analysis over unknown types says little). No project shows
/// what a source generator's missing output causes. The open files of a repository too big for the quick pass show their
/// syntax errors alone. The real load's answer replaces them; where it failed for every project, the same projects stay
/// (WorkspaceLoader), and so does this filter.
/// </summary>
public static partial class ProvisionalDiagnostics
{
    private static readonly HashSet<string> MissingReference = new(StringComparer.Ordinal)
    {
        "CS0012", // type defined in an assembly that is not referenced
        "CS0103", // the name does not exist in the current context
        "CS0115", // no suitable method found to override (a base class from a package)
        "CS0117", // type does not contain a definition
        "CS0234", // type or namespace does not exist in the namespace
        "CS0246", // type or namespace could not be found
        "CS0426", // type name does not exist in the type
        "CS0518", // predefined type is not defined or imported
        "CS1061", // no member or extension method
        "CS1069", // type forwarded to an assembly that is not referenced
        "CS1929", // extension method receiver mismatch (the right overload may be a package's)
        "CS1935", // no query pattern (System.Linq or a package's)
        "CS7069", // reference to a type that claims to be defined in an assembly not found
        "CS0305", // a generic type without type arguments (`List`, `Span`): a package's type of the name wins after the load
    };

    // The other half of a partial member that a source generator writes ([GeneratedRegex], [LibraryImport], the
    // SDK's own generators included): generators run only in the real load. Left out of every provisional project.
    private static readonly HashSet<string> MissingGeneratedCode = new(StringComparer.Ordinal)
    {
        "CS8795", // partial method must have an implementation part
        "CS9248", // partial property must have an implementation part
    };

    // A partial type whose generated half would implement them (System.Text.Json's JsonSerializerContext, the MVVM
    // toolkit's): reported on the partial type's declaration.
    private static readonly HashSet<string> MissingGeneratedMembers = new(StringComparer.Ordinal)
    {
        "CS0534", // does not implement an inherited abstract member
        "CS0535", // does not implement an interface member
    };

    /// <summary>Whether a document's diagnostics are filtered: while the workspace loads, and wherever a project made
    /// without MSBuild stands in for MSBuild's after a load that failed for every project (<see cref="ProvisionalProjects.IsStandIn"/>).</summary>
    public static bool Apply(bool provisionalSnapshot, Document document) => provisionalSnapshot || ProvisionalProjects.IsStandIn(document.Project);

    // Types that do not fit: where a type involved is not wholly known here (a package's; a nullable or generic one made
    // of it; one of the project's own built on it, `class CustomerSpec : Specification<Customer>` with the base a
    // package's), the error is the missing reference's. The compiler reports no cascade of an unknown type itself, but
    // does of those. Where every type involved is known, the error is the code's own.
    private static readonly HashSet<string> TypesNotFitting = new(StringComparer.Ordinal)
    {
        "CS0019", // operator cannot be applied to operands of these types
        "CS0023", // operator cannot be applied to an operand of this type
        "CS0029", // cannot implicitly convert
        "CS0030", // cannot convert
        "CS0173", // no conversion between the conditional's branches
        "CS0266", // cannot implicitly convert (an explicit conversion exists)
        "CS0411", // type arguments cannot be inferred
        "CS1503", // argument cannot convert
        "CS1729", // no constructor that takes that many arguments
        "CS7036", // no argument given for a required parameter
        "CS0307", // not a generic method or type (a name that is unknown's)
        "CS0308", // a non-generic type used with type arguments
        "CS0538", // not an interface in an explicit interface implementation
        "CS0616", // not an attribute class
        "CS1674", // not IDisposable in a using statement
        "CS8130", // cannot infer a deconstruction variable's type
        "CS1955", // a member that cannot be invoked used like a method (a field of a package's delegate type)
        "CS1950", // a collection initializer's Add has invalid arguments
        "CS8422", // a static local function refers to this (a call whose arguments did not bind falls back on instance members)
        "CS8821", // a static lambda refers to this (the same)
        "CS0121", // the call is ambiguous (an argument that binds to neither overload's unknown parameter type)
        "CS0123", // no overload matches the delegate
        "CS0815", // cannot assign void to an implicitly typed variable (the package's overload returns a value)
        "CS8183", // cannot infer the type of a discard (a deconstruction of an unknown type)
    };

    public static async Task<IReadOnlyList<Diagnostic>> FilterAsync(Document document, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        // The open files of a repository too big for the quick pass: its syntax errors only (ProvisionalProjects.AddOpenFilesProject).
        if (ProvisionalProjects.IsOpenFilesOnly(document.Project))
        {
            if (!document.TryGetSyntaxTree(out var tree)) return [];
            var syntax = tree.GetDiagnostics().ToHashSet();
            return diagnostics.Where(syntax.Contains).ToList();
        }
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        diagnostics = await WithoutGuessedDuplicatesAsync(document, root, diagnostics, cancellationToken).ConfigureAwait(false);
        bool Generated(Diagnostic d) => MissingGeneratedCode.Contains(d.Id)
            || MissingGeneratedMembers.Contains(d.Id) && root is not null && NodeAt(root, d)?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type
                && type.Modifiers.Any(m => m.Text == "partial");
        if (!ProvisionalProjects.HasPackages(document.Project))
            return diagnostics.Where(d => !Generated(d)).ToList();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // A generic method the type does not have where it has a non-generic one (`services.GetService<T>()`): the generic
        // one is an extension method of a package.
        bool PackageExtension(Diagnostic d) => d.Id == "CS0308" && root is not null
            && NodeAt(root, d)?.FirstAncestorOrSelf<GenericNameSyntax>() is { Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } };
        var kept = errors.Where(d => !MissingReference.Contains(d.Id) && !Generated(d) && !PackageExtension(d)).ToList();
        if (kept.Any(d => d.Id == "CS0411") && await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } calls)
            kept = kept.Where(d => d.Id != "CS0411" || !NothingOfTheNameApplies(calls, root, d, cancellationToken)).ToList();
        if (kept.Any(d => d.Id is "CS0534" or "CS0535") && await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } types)
            kept = kept.Where(d => d.Id is not ("CS0534" or "CS0535") || !ImplementsWithUnknownTypes(types, root, d, cancellationToken)).ToList();
        if (kept.Any(d => TypesNotFitting.Contains(d.Id)) && await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } model)
            kept = kept.Where(d => !TypesNotFitting.Contains(d.Id) || !InvolvesUnknownType(model, d, cancellationToken)).ToList();
        if (!kept.Any(d => FlowAnalysis.Contains(d.Id)) || root is null)
            return kept;
        // Flow analysis in a member where something was unknown: `x is T t && a == t.B` with `==` not applied leaves t
        // "unassigned" after it. In a member where nothing was, it is the code's own error.
        var membersWithUnknowns = errors.Except(kept).Select(d => MemberOf(root, d)).OfType<SyntaxNode>().ToHashSet();
        return kept.Where(d => !FlowAnalysis.Contains(d.Id) || MemberOf(root, d) is not { } member || !membersWithUnknowns.Contains(member)).ToList();
    }

    private static readonly HashSet<string> FlowAnalysis = new(StringComparer.Ordinal)
    {
        "CS0165", // use of unassigned local variable
        "CS0170", // use of possibly unassigned field
        "CS0177", // the out parameter must be assigned before control leaves the method
        "CS0269", // use of unassigned out parameter
    };

    private static SyntaxNode? MemberOf(SyntaxNode root, Diagnostic diagnostic) => NodeAt(root, diagnostic)?.FirstAncestorOrSelf<MemberDeclarationSyntax>();

    private static SyntaxNode? NodeAt(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Location.IsInSource && diagnostic.Location.SourceTree == root.SyntaxTree && root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            ? root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            : null;

    /// <summary>Whether a type the diagnostic's code involves is not wholly known: an expression's type or the type it is
    /// converted to there, the type a constructor's base call or a base list names.</summary>
    private static bool InvolvesUnknownType(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != model.SyntaxTree)
            return false;
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            return false;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        // The whole operation the diagnostic is about: an operator's operands, a call's arguments, a creation's type.
        node = node.FirstAncestorOrSelf<SyntaxNode>(n => n is ExpressionSyntax { Parent: not (ArgumentSyntax or ExpressionSyntax) }
            or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax or BaseTypeSyntax or ConstructorDeclarationSyntax) ?? node;
        var types = new List<ITypeSymbol?>();
        foreach (var expression in node.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
        {
            var info = model.GetTypeInfo(expression, cancellationToken);
            // An operation that did not bind has an unknown type because of the error itself (`Math.Abs("x")`): an unknown
            // type counts where a name brought it in.
            bool named = expression is NameSyntax or MemberAccessExpressionSyntax;
            types.Add(info.Type is { TypeKind: TypeKind.Error } && !named ? null : info.Type);
            types.Add(info.ConvertedType is { TypeKind: TypeKind.Error } && !named ? null : info.ConvertedType);
            // The methods a call, a creation or a method group names, bound or candidates: an argument does not fit a
            // parameter of an unknown type (`app.Run(Handle)` where RequestDelegate is a package's).
            var symbol = model.GetSymbolInfo(expression, cancellationToken);
            foreach (var method in symbol.CandidateSymbols.Prepend(symbol.Symbol).OfType<IMethodSymbol>())
                types.AddRange([method.ReturnType, .. method.Parameters.Select(p => p.Type)]);
        }
        // `: base(options)` or a constructor with none: the base type's constructors are the ones looked for.
        if (node is ConstructorInitializerSyntax or ConstructorDeclarationSyntax or PrimaryConstructorBaseTypeSyntax or BaseTypeSyntax
            && node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } typeDeclaration
            && model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is INamedTypeSymbol declared)
            types.Add(declared.BaseType);
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        return types.Any(t => IsUnknown(t, seen));
    }

    /// <summary>An unknown type, or one made of one: an element, a type argument, a base type, an interface.</summary>
    private static bool IsUnknown(ITypeSymbol? type, HashSet<ITypeSymbol> seen) => type switch
    {
        null => false,
        { TypeKind: TypeKind.Error } => true,
        _ when !seen.Add(type) => false,
        IArrayTypeSymbol array => IsUnknown(array.ElementType, seen),
        INamedTypeSymbol named => named.TypeArguments.Any(t => IsUnknown(t, seen)) || IsUnknown(named.BaseType, seen) || named.Interfaces.Any(i => IsUnknown(i, seen)),
        _ => false,
    };
}
