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

    private static void MissingMember(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var name = node.FirstAncestorOrSelf<SimpleNameSyntax>() ?? (node as MemberAccessExpressionSyntax)?.Name;
        ExpressionSyntax? receiver = name?.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access.Expression,
            MemberBindingExpressionSyntax binding => (binding.Parent?.Parent as ConditionalAccessExpressionSyntax)?.Expression,
            _ => null,
        };
        if (name is not null)
            facts.Name = name.Identifier.ValueText;
        if (receiver is null)
            return;
        var info = model.GetTypeInfo(receiver, cancellationToken);
        var type = info.Type ?? model.GetSymbolInfo(receiver, cancellationToken).Symbol as ITypeSymbol;
        if (type is null || type.TypeKind == TypeKind.Error)
            return;
        facts.Type = type.ToDisplayString(TypeFormat);
        if (facts.Name is { } missing)
            facts.Closest.AddRange(EditDistance.Closest(missing,
                model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Select(s => s.Name)));
    }

    private static void Conversion(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax expression)
            expression = node.DescendantNodesAndSelf().OfType<ExpressionSyntax>().FirstOrDefault()!;
        if (expression is null)
            return;
        var info = model.GetTypeInfo(expression, cancellationToken);
        facts.Actual = info.Type?.ToDisplayString(TypeFormat);
        facts.Expected = (info.ConvertedType is { } converted && !SymbolEqualityComparer.Default.Equals(converted, info.Type)
            ? converted : TargetType(expression, model, cancellationToken))?.ToDisplayString(TypeFormat);
        facts.Detail = Shorten(expression.ToString());
    }

    // Where the converted type is not recorded (an error conversion), the target says what was needed.
    private static ITypeSymbol? TargetType(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } =>
                model.GetTypeInfo(declaration.Type, cancellationToken).Type,
            AssignmentExpressionSyntax assignment => model.GetTypeInfo(assignment.Left, cancellationToken).Type,
            ReturnStatementSyntax => (model.GetEnclosingSymbol(expression.SpanStart, cancellationToken) as IMethodSymbol)?.ReturnType,
            _ => null,
        };

    private static void Argument(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var argument = node.FirstAncestorOrSelf<ArgumentSyntax>();
        if (argument?.Parent is not BaseArgumentListSyntax list || list.Parent is null)
            return;
        facts.Actual = model.GetTypeInfo(argument.Expression, cancellationToken).Type?.ToDisplayString(TypeFormat);
        facts.Detail = Shorten(argument.Expression.ToString());
        var method = Candidates(list.Parent, model, cancellationToken).FirstOrDefault();
        if (method is null)
            return;
        facts.Member = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var index = list.Arguments.IndexOf(argument);
        var parameter = argument.NameColon is { } named
            ? method.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
            : index < method.Parameters.Length ? method.Parameters[index] : method.Parameters.LastOrDefault(p => p.IsParams);
        if (parameter is null)
            return;
        facts.Name = parameter.Name;
        facts.Expected = parameter.Type.ToDisplayString(TypeFormat);
    }

    private static IEnumerable<IMethodSymbol> Candidates(SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(call, cancellationToken);
        var symbols = info.Symbol is not null ? [info.Symbol] : info.CandidateSymbols;
        if (symbols.IsDefaultOrEmpty && call is InvocationExpressionSyntax invocation)
            symbols = model.GetMemberGroup(invocation.Expression, cancellationToken);
        return symbols.OfType<IMethodSymbol>();
    }

    private static void Declared(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var declaration = node.AncestorsAndSelf().FirstOrDefault(n => n is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
            or MethodDeclarationSyntax or PropertyDeclarationSyntax or ParameterSyntax or BaseTypeDeclarationSyntax or CatchDeclarationSyntax
            or ForEachStatementSyntax or EventDeclarationSyntax or ConstructorDeclarationSyntax);
        var symbol = declaration is null ? null : model.GetDeclaredSymbol(declaration, cancellationToken);
        if (symbol is not null)
            DescribeSymbol(facts, symbol);
    }

    private static void DescribeSymbol(DiagnosticFacts facts, ISymbol symbol)
    {
        facts.Name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor ? ctor.ContainingType.Name : symbol.Name;
        var type = symbol switch
        {
            ILocalSymbol l => l.Type,
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            IParameterSymbol p => p.Type,
            IMethodSymbol m => m.ReturnType,
            IEventSymbol e => e.Type,
            _ => null,
        };
        facts.Actual = type?.ToDisplayString(TypeFormat);
        if (type is not null)
            facts.Detail = type.IsReferenceType ? "null" : type.SpecialType == SpecialType.System_Boolean ? "false" : $"default({facts.Actual})";
        if (symbol.ContainingType is { } containing)
            facts.Type = containing.ToDisplayString(TypeFormat);
    }

    private static void Referenced(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var target = node is ArgumentSyntax a ? a.Expression : node;
        var info = model.GetSymbolInfo(target, cancellationToken);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (symbol is null && target.Parent is { } parent)
        {
            info = model.GetSymbolInfo(parent, cancellationToken);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        }
        if (symbol is null)
            return;
        facts.Name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } c ? c.ContainingType.Name : symbol.Name;
        facts.Member = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        facts.Actual = symbol.DeclaredAccessibility.ToString().ToLowerInvariant().Replace("protectedorinternal", "protected internal").Replace("protectedandinternal", "private protected");
        if (symbol.ContainingType is { } containing)
            facts.Type = containing.ToDisplayString(TypeFormat);
        var obsolete = symbol.GetAttributes().FirstOrDefault(x => x.AttributeClass?.Name == nameof(ObsoleteAttribute));
        if (obsolete?.ConstructorArguments.FirstOrDefault().Value is string message)
            facts.Detail = message;
        if (symbol is IMethodSymbol method)
            facts.Expected = method.ReturnType.ToDisplayString(TypeFormat);
    }

    private static void Invocation(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var call = node.FirstAncestorOrSelf<SyntaxNode>(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax)
            ?? node.DescendantNodesAndSelf().FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);
        if (call is null)
            return;
        var arguments = call switch
        {
            InvocationExpressionSyntax i => i.ArgumentList.Arguments.Count,
            BaseObjectCreationExpressionSyntax o => o.ArgumentList?.Arguments.Count ?? 0,
            ConstructorInitializerSyntax c => c.ArgumentList.Arguments.Count,
            _ => 0,
        };
        facts.Detail = arguments.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var candidates = Candidates(call, model, cancellationToken).ToList();
        if (candidates.Count == 0)
            return;
        var first = candidates[0];
        facts.Name = first.MethodKind == MethodKind.Constructor ? first.ContainingType.Name : first.Name;
        facts.Member = first.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        facts.Expected = first.ReturnType.ToDisplayString(TypeFormat);
        facts.Type = first.ContainingType?.ToDisplayString(TypeFormat);
        // The overloads that exist, so the reader sees which argument counts would be accepted.
        foreach (var candidate in candidates.Take(4))
            facts.Closest.Add(candidate.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
        // The first required parameter the call leaves out (CS7036).
        var missing = first.Parameters.Skip(arguments).FirstOrDefault(p => !p.IsOptional && !p.IsParams);
        if (missing is not null)
            facts.Missing.Add($"{missing.Type.ToDisplayString(TypeFormat)} {missing.Name}");
    }

    private static void Implementation(DiagnosticFacts facts, INamedTypeSymbol? type, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration)
            type = model.GetDeclaredSymbol(declaration, cancellationToken) as INamedTypeSymbol ?? type;
        if (type is null)
            return;
        facts.Name = type.Name;
        var named = node is BaseTypeSyntax or TypeSyntax ? model.GetTypeInfo(node is BaseTypeSyntax b ? b.Type : node, cancellationToken).Type as INamedTypeSymbol : null;
        if (named?.TypeKind == TypeKind.Interface)
        {
            facts.Expected = named.ToDisplayString(TypeFormat);
            foreach (var member in named.AllInterfaces.Add(named).SelectMany(i => i.GetMembers()))
            {
                if (member.IsAbstract && !member.IsStatic && member is not IMethodSymbol { AssociatedSymbol: not null }
                    && type.FindImplementationForInterfaceMember(member) is null)
                    facts.Missing.Add(member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
            }
            return;
        }

        facts.Expected = type.BaseType?.ToDisplayString(TypeFormat);
        var overridden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            ISymbol? o = member switch
            {
                IMethodSymbol m => m.OverriddenMethod,
                IPropertySymbol p => p.OverriddenProperty,
                IEventSymbol e => e.OverriddenEvent,
                _ => null,
            };
            for (; o is not null; o = o switch { IMethodSymbol m => m.OverriddenMethod, IPropertySymbol p => p.OverriddenProperty, IEventSymbol e => e.OverriddenEvent, _ => null })
                overridden.Add(o);
        }
        for (var baseType = type.BaseType; baseType is { IsAbstract: true }; baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers())
            {
                if (member.IsAbstract && member is not IMethodSymbol { AssociatedSymbol: not null } && !overridden.Contains(member))
                    facts.Missing.Add(member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
            }
        }
    }

    private static void Operator(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (node.FirstAncestorOrSelf<ExpressionSyntax>(e => e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or ElementAccessExpressionSyntax or AssignmentExpressionSyntax))
        {
            case BinaryExpressionSyntax binary:
                facts.Detail = binary.OperatorToken.Text;
                facts.Actual = model.GetTypeInfo(binary.Left, cancellationToken).Type?.ToDisplayString(TypeFormat);
                facts.Expected = model.GetTypeInfo(binary.Right, cancellationToken).Type?.ToDisplayString(TypeFormat);
                break;
            case AssignmentExpressionSyntax assignment:
                facts.Detail = assignment.OperatorToken.Text;
                facts.Actual = model.GetTypeInfo(assignment.Left, cancellationToken).Type?.ToDisplayString(TypeFormat);
                facts.Expected = model.GetTypeInfo(assignment.Right, cancellationToken).Type?.ToDisplayString(TypeFormat);
                break;
            case PrefixUnaryExpressionSyntax prefix:
                facts.Detail = prefix.OperatorToken.Text;
                facts.Actual = model.GetTypeInfo(prefix.Operand, cancellationToken).Type?.ToDisplayString(TypeFormat);
                break;
            case PostfixUnaryExpressionSyntax postfix:
                facts.Detail = postfix.OperatorToken.Text;
                facts.Actual = model.GetTypeInfo(postfix.Operand, cancellationToken).Type?.ToDisplayString(TypeFormat);
                break;
            case ElementAccessExpressionSyntax element:
                facts.Detail = "[]";
                facts.Name = Shorten(element.Expression.ToString());
                facts.Actual = model.GetTypeInfo(element.Expression, cancellationToken).Type?.ToDisplayString(TypeFormat);
                break;
        }
    }

    private static void Nullability(DiagnosticFacts facts, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is ArgumentSyntax argument)
            node = argument.Expression;
        if (node is ExpressionSyntax expression)
        {
            facts.Detail = Shorten(expression.ToString());
            var info = model.GetTypeInfo(expression, cancellationToken);
            facts.Actual = info.Type?.ToDisplayString(TypeFormat);
            facts.Expected = info.ConvertedType?.ToDisplayString(TypeFormat);
            if (TargetType(expression, model, cancellationToken) is { } target)
                facts.Expected = target.ToDisplayString(TypeFormat);
            if (expression.Parent is ArgumentSyntax arg)
            {
                var argumentFacts = new DiagnosticFacts();
                Argument(argumentFacts, arg, model, cancellationToken);
                facts.Name = argumentFacts.Name;
                facts.Expected = argumentFacts.Expected ?? facts.Expected;
            }
            else if (model.GetSymbolInfo(expression, cancellationToken).Symbol is { } symbol)
            {
                facts.Name = symbol.Name;
            }
        }
        else
        {
            Declared(facts, node, model, cancellationToken);
        }
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
