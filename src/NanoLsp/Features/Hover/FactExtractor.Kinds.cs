using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoLsp.Features.Hover;

// The per-kind extractors (FactExtractor.cs holds the dispatch and the generic facts).
public static partial class FactExtractor
{
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
            for (var o = member.OverriddenMember(); o is not null; o = o.OverriddenMember())
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
}
