using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoLsp.Features.Diagnostics;

/// <summary>
/// What the guesses of a project made without MSBuild cause: files it takes that the real project would not (a file a
/// project file removes, another framework's copy of a type, two templates or snippets of a folder no project takes), and
/// overrides of a base whose members' signatures name types it does not know.
/// </summary>
public static partial class ProvisionalDiagnostics
{
    private static readonly HashSet<string> DefinedTwice = new(StringComparer.Ordinal)
    {
        "CS0101", // the namespace already contains a definition
        "CS0102", // the type already contains a definition
        "CS0111", // the type already defines a member with the same parameter types
        "CS0260", // missing partial modifier: another declaration of the type exists
    };

    /// <summary>
    /// Without the errors of a type declared whole in several files (not as the parts of a partial type): the project
    /// took a file its real one leaves out. docfx's snippet folder has two RtfDocumentProcessor.cs, a samples folder
    /// two Program.cs; every one of their members was "already defined".
    /// </summary>
    private static async Task<IReadOnlyList<Diagnostic>> WithoutGuessedDuplicatesAsync(Document document, SyntaxNode? root, IReadOnlyList<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        if (root is null || !diagnostics.Any(d => DefinedTwice.Contains(d.Id)) || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            return diagnostics;
        return diagnostics.Where(d => !DefinedTwice.Contains(d.Id) || !DeclaredWholeInSeveralFiles(model, root, d, cancellationToken)).ToList();
    }

    private static bool DeclaredWholeInSeveralFiles(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (NodeAt(root, diagnostic)?.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
            return false;
        // Top-level statements make a Program of their own file's: a Program class elsewhere is a second one.
        return type.Locations.Where(l => l.IsInSource).Select(l => l.SourceTree).Distinct().Count() > 1
            && type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<BaseTypeDeclarationSyntax>()
                .Any(t => !t.Modifiers.Any(m => m.Text == "partial"));
    }

    /// <summary>
    /// "Does not implement an inherited abstract member" (CS0534) or "an interface member" (CS0535) where the type meant
    /// to: it declares an override that overrides nothing (its signature names a type unknown here: CS0115, left out), or
    /// a member of an unimplemented interface member's name whose signature names one, or the member's own signature
    /// does. After the load that member is the implementation (docfx's UniversalReference processors: five; Ocelot's
    /// test doubles of its interfaces over ASP.NET Core's HttpContext, a package's there).
    /// </summary>
    private static bool ImplementsWithUnknownTypes(SemanticModel model, SyntaxNode? root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root is null || NodeAt(root, diagnostic)?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
            return false;
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        bool Unknown(ISymbol member) => Signature(member).Any(t => IsUnknown(t, seen));
        if (diagnostic.Id == "CS0534")
            return declaration.Members.Any(member => member.Modifiers.Any(m => m.Text == "override")
                && model.GetDeclaredSymbol(member, cancellationToken) is (IMethodSymbol or IPropertySymbol or IEventSymbol) and var symbol && symbol.OverriddenMember() is null);
        var unimplemented = type.AllInterfaces.SelectMany(i => i.GetMembers()).Where(m => m.IsAbstract && type.FindImplementationForInterfaceMember(m) is null);
        return unimplemented.Any(m => Unknown(m) || type.GetMembers(m.Name).Any(Unknown));
    }

    /// <summary>
    /// Type arguments that cannot be inferred (CS0411) for a method no member or extension of the receiver's type here has:
    /// the one it calls is a package's extension (`observable.ToArray()` is System.Reactive's; the compiler tried LINQ's
    /// for ParallelQuery, as in CliWrap's tests).
    /// </summary>
    private static bool NothingOfTheNameApplies(SemanticModel model, SyntaxNode? root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root is null || NodeAt(root, diagnostic)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax access }
            || model.GetTypeInfo(access.Expression, cancellationToken).Type is not { TypeKind: not TypeKind.Error } receiver)
            return false;
        return model.LookupSymbols(access.SpanStart, receiver, access.Name.Identifier.ValueText, includeReducedExtensionMethods: true).IsEmpty;
    }

    private static IEnumerable<ITypeSymbol> Signature(ISymbol member) => member switch
    {
        IMethodSymbol method => [method.ReturnType, .. method.Parameters.Select(p => p.Type)],
        IPropertySymbol property => [property.Type, .. property.Parameters.Select(p => p.Type)],
        IEventSymbol @event => [@event.Type],
        _ => [],
    };
}
