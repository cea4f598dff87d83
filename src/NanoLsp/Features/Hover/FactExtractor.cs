using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoLsp.Features.Hover;

/// <summary>
/// Fills <see cref="DiagnosticFacts"/> from the semantic model at a diagnostic's location.
/// One pass of generic facts (the quoted names, the identifier at the span, the enclosing type and
/// member), then the specific facts the diagnostic's kind calls for.
/// </summary>
public static partial class FactExtractor
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static DiagnosticFacts Extract(Diagnostic diagnostic, SemanticModel model, FactKind kind, CancellationToken cancellationToken)
    {
        var facts = new DiagnosticFacts();
        foreach (Match m in QuotedPattern().Matches(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            facts.Quoted.Add(m.Groups[1].Value);

        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var span = diagnostic.Location.SourceSpan;
        if (span.End > root.FullSpan.End)
            return facts;
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var token = root.FindToken(span.Start);
        var position = span.Start;

        if (token.IsKind(SyntaxKind.IdentifierToken))
            facts.Name = token.ValueText;
        var enclosingType = model.GetEnclosingSymbol(position, cancellationToken) is { } enclosing
            ? enclosing as INamedTypeSymbol ?? enclosing.ContainingType
            : null;
        facts.Type = enclosingType?.ToDisplayString(TypeFormat);
        facts.Enclosing = EnclosingMemberName(node, model, cancellationToken);

        switch (kind)
        {
            case FactKind.UnknownName:
                facts.Name ??= facts.Q(0);
                if (facts.Name is { } unknown)
                    facts.Closest.AddRange(EditDistance.Closest(unknown, model.LookupSymbols(position).Select(s => s.Name)));
                break;
            case FactKind.UnknownType:
                facts.Name ??= facts.Q(0);
                if (facts.Name is { } unknownType)
                    facts.Closest.AddRange(EditDistance.Closest(unknownType, model.LookupNamespacesAndTypes(position).Select(s => s.Name)));
                break;
            case FactKind.MissingMember:
                MissingMember(facts, node, model, position, cancellationToken);
                break;
            case FactKind.Conversion:
                Conversion(facts, node, model, cancellationToken);
                break;
            case FactKind.Argument:
                Argument(facts, node, model, cancellationToken);
                break;
            case FactKind.Declared:
                Declared(facts, node, model, cancellationToken);
                break;
            case FactKind.Variable:
                if ((model.GetSymbolInfo(node, cancellationToken).Symbol) is { } variable)
                    DescribeSymbol(facts, variable);
                break;
            case FactKind.UninitializedMember:
                // Reported on the constructor (or the member when there is none): the member is named in the message.
                if (enclosingType?.GetMembers(facts.Q(0) ?? "").FirstOrDefault() is { } uninitialized)
                    DescribeSymbol(facts, uninitialized);
                else
                    Declared(facts, node, model, cancellationToken);
                break;
            case FactKind.Referenced:
                Referenced(facts, node, model, cancellationToken);
                break;
            case FactKind.Invocation:
                Invocation(facts, node, model, cancellationToken);
                break;
            case FactKind.Implementation:
                Implementation(facts, enclosingType, node, model, cancellationToken);
                break;
            case FactKind.Operator:
                Operator(facts, node, model, cancellationToken);
                break;
            case FactKind.Nullability:
                Nullability(facts, node, model, cancellationToken);
                break;
            case FactKind.Syntax:
                var previous = token.GetPreviousToken();
                facts.Detail = previous.RawKind == 0 ? null : previous.Text;
                break;
            case FactKind.UsingDirective:
                facts.Name = node.FirstAncestorOrSelf<UsingDirectiveSyntax>()?.NamespaceOrType.ToString() ?? facts.Name;
                break;
            case FactKind.Statement:
                facts.Detail = node.FirstAncestorOrSelf<StatementSyntax>()?.ToString().Split('\n')[0].Trim() ?? node.ToString();
                break;
        }
        return facts;
    }

    private static string? EnclosingMemberName(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax);
        return member switch
        {
            null => null,
            FieldDeclarationSyntax f => f.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
            _ => model.GetDeclaredSymbol(member, cancellationToken)?.Name is { } n ? (n == ".ctor" ? model.GetDeclaredSymbol(member, cancellationToken)!.ContainingType.Name : n) : null,
        };
    }

    private static string Shorten(string code)
    {
        var oneLine = string.Join(' ', code.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }

    // Apostrophes inside words ("doesn't") are not quotes.
    [GeneratedRegex("(?<![A-Za-z])'([^']+)'(?![A-Za-z])")]
    private static partial Regex QuotedPattern();
}

/// <summary>Which specific facts an explanation needs.</summary>
public enum FactKind
{
    None,
    UnknownName,
    UnknownType,
    MissingMember,
    Conversion,
    Argument,
    Declared,
    Variable,
    UninitializedMember,
    Referenced,
    Invocation,
    Implementation,
    Operator,
    Nullability,
    Syntax,
    UsingDirective,
    Statement,
}
