using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Assist;

/// <summary>
/// Writes a type as a header stub (docs/context-header.md): no accessibility, attributes, bodies or
/// initializers; type names without their namespaces.
/// </summary>
internal static partial class StubFormat
{
    public const int MaxEnumMembers = 12;

    private static readonly SymbolDisplayFormat TypeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    private static readonly SymbolDisplayFormat ParameterFormat = TypeFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeDefaultValue
            | SymbolDisplayParameterOptions.IncludeExtensionThis);

    public static TypeStub? Stub(INamedTypeSymbol type, bool includePrivate, TextSpan hidden, SyntaxTree tree)
    {
        var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        if (declaration is null) return null;
        if (type.TypeKind == TypeKind.Enum)
        {
            var names = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToList();
            var shown = names.Take(MaxEnumMembers).Concat(names.Count > MaxEnumMembers ? ["..."] : []);
            return new TypeStub($"enum {type.Name} {{ {string.Join(", ", shown)} }}", true, []);
        }
        if (type.TypeKind == TypeKind.Delegate) return null;

        string line = TypeLine(declaration);
        var members = new List<string>();
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || (!includePrivate && member.DeclaredAccessibility == Accessibility.Private)) continue;
            var syntax = member.DeclaringSyntaxReferences.FirstOrDefault();
            if (syntax is null) continue;
            if (syntax.SyntaxTree == tree && hidden.Contains(syntax.Span.Start)) continue; // in view already
            if (!IsMemberDeclaration(syntax.GetSyntax())) continue; // record parameters, accessors
            if (MemberLine(member) is { } stub) members.Add(stub);
        }
        bool bodiless = declaration is TypeDeclarationSyntax { OpenBraceToken.IsMissing: true } || declaration is TypeDeclarationSyntax { OpenBraceToken.RawKind: 0 };
        return new TypeStub(bodiless ? line + ";" : line, bodiless, bodiless ? [] : members);
    }

    private static bool IsMemberDeclaration(SyntaxNode node) =>
        node is MemberDeclarationSyntax || node is VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax };

    /// <summary>`KIND Name&lt;T&gt;(primary parameters) : Bases` as written in source, constraints left out.</summary>
    private static string TypeLine(BaseTypeDeclarationSyntax declaration)
    {
        string kind = declaration switch
        {
            RecordDeclarationSyntax r => r.ClassOrStructKeyword.Text == "struct" ? "record struct" : "record",
            ClassDeclarationSyntax => "class",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };
        string text = kind + " " + declaration.Identifier.Text;
        if (declaration is TypeDeclarationSyntax t)
        {
            if (t.TypeParameterList is { } tp) text += tp.ToString();
            if (t.ParameterList is { } pl) text += pl.ToString();
        }
        if (declaration.BaseList is { } bases) text += " " + bases.ToString();
        return Squash(text);
    }

    private static string? MemberLine(ISymbol member)
    {
        string mods = Modifiers(member);
        switch (member)
        {
            case IMethodSymbol m when m.MethodKind == MethodKind.Constructor:
                return $"{mods}{m.ContainingType.Name}({Parameters(m.Parameters)});";
            case IMethodSymbol m when m.MethodKind == MethodKind.Ordinary && m.ExplicitInterfaceImplementations.IsEmpty:
                string typeParams = m.TypeParameters.IsEmpty ? "" : "<" + string.Join(", ", m.TypeParameters.Select(p => p.Name)) + ">";
                return $"{mods}{Type(m.ReturnType)} {m.Name}{typeParams}({Parameters(m.Parameters)});";
            case IPropertySymbol p when p.ExplicitInterfaceImplementations.IsEmpty:
                string accessors = "get;";
                if (p.GetMethod is null) accessors = "";
                if (p.SetMethod is { } set) accessors += (accessors.Length > 0 ? " " : "") + (set.IsInitOnly ? "init;" : "set;");
                string name = p.IsIndexer ? $"this[{Parameters(p.Parameters)}]" : p.Name;
                return $"{mods}{Type(p.Type)} {name} {{ {accessors} }}";
            case IFieldSymbol f:
                return $"{mods}{Type(f.Type)} {f.Name};";
            case IEventSymbol e when e.ExplicitInterfaceImplementations.IsEmpty:
                return $"{mods}event {Type(e.Type)} {e.Name};";
            default:
                return null; // operators, destructors, static constructors, nested types (their own block)
        }
    }

    // Training keeps these, in this order (training/context_header.py _KEPT).
    private static string Modifiers(ISymbol member)
    {
        var kept = new List<string>();
        if (member.IsStatic && !(member is IFieldSymbol { IsConst: true })) kept.Add("static");
        if (member is IFieldSymbol { IsConst: true }) kept.Add("const");
        if (member.IsAbstract && member.ContainingType.TypeKind != TypeKind.Interface) kept.Add("abstract");
        if (member.IsOverride) kept.Add("override");
        if (member is IMethodSymbol { IsAsync: true }) kept.Add("async");
        return kept.Count == 0 ? "" : string.Join(" ", kept) + " ";
    }

    // Short names without namespaces, as source usually writes them (the declaring file's usings apply
    // there, not the cursor's), which is also what the training extractor copies from the text.
    private static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    private static string Parameters(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.ToDisplayString(ParameterFormat)));

    private static string Squash(string s) => Whitespace().Replace(s, " ").Trim().Replace(" (", "(");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
