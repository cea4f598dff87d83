using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Assist;

/// <summary>
/// The names that exist at a place (locals, parameters, members, types, namespaces from <c>LookupSymbols</c>, and
/// every C# keyword), sorted for prefix queries. The same on every keystroke of a line (a name the line itself
/// declares counts through the text written instead), so <see cref="LineMemo"/> keeps it for the line's next monitors.
/// </summary>
internal sealed class ScopeNames
{
    private static readonly string[] Keywords = SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds())
        .Select(SyntaxFacts.GetText).Where(t => t.Length > 0 && char.IsLetter(t[0]))
        .Concat(["var", "dynamic", "nint", "nuint", "value", "args"]) // names the parser reads as identifiers
        .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every name in the Latin-1-of-UTF-8 form of the token runs, sorted ordinally.</summary>
    public readonly string[] Sorted;
    public readonly NameSet Set;
    /// <summary>The enclosing method may return a delegate (a returned name may then be a lambda's parameter).</summary>
    public readonly bool ReturnsDelegate;

    public ScopeNames(SemanticModel model, int position)
    {
        var names = model.LookupSymbols(position).Where(s => s.CanBeReferencedByName).Select(s => s.Name).Concat(Keywords);
        Set = new NameSet(names);
        Sorted = (string[])Set.Keys.Clone();
        Array.Sort(Sorted, StringComparer.Ordinal);
        var returnType = (model.GetEnclosingSymbol(position) as IMethodSymbol)?.ReturnType;
        if (returnType is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask" } task) returnType = task.TypeArguments[0];
        ReturnsDelegate = returnType is null || NameScope.MayBeDelegate(returnType);
    }

    /// <summary>Some name starts with <paramref name="prefix"/> (Latin-1 form).</summary>
    public bool AnyStartsWith(string prefix)
    {
        int i = LowerBound(prefix);
        return i < Sorted.Length && Sorted[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    public bool Contains(string name)
    {
        int i = LowerBound(name);
        return i < Sorted.Length && Sorted[i] == name;
    }

    private int LowerBound(string key)
    {
        int lo = 0, hi = Sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(Sorted[mid], key) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

/// <summary>
/// The names in scope at the cursor (<see cref="ScopeNames"/>) and whether a spliced name is a <em>use</em> Roslyn's
/// parser places where only existing names may go. The semantic model is asked for only when a call's overloads
/// must be bound (<see cref="IsUseSite"/> at an argument).
/// </summary>
internal sealed class NameScope(ScopeNames names, Func<SemanticModel> model, SourceText text, SyntaxTree tree, int position)
{
    public NameSet Set => names.Set;
    public bool AnyStartsWith(string prefix) => names.AnyStartsWith(prefix);
    public bool Contains(string name) => names.Contains(name);

    /// <summary>
    /// Splices <paramref name="replacement"/> over [<paramref name="spanStart"/>, cursor) of the document and
    /// tells whether the identifier starting at <paramref name="nameStart"/> in the spliced text is a use of
    /// a name where only one in scope can go (an expression, a statement's first name, a declared type), and
    /// not a name being declared, a member of an initializer or pattern, a named argument, or a possible
    /// lambda parameter. Extra names that are allowed there (parameter names of the call's overloads, for
    /// named arguments) come back too. False whenever unsure.
    /// </summary>
    public bool IsUseSite(int spanStart, string replacement, int nameStart, out IReadOnlyList<string> extra)
    {
        extra = [];
        var spliced = text.WithChanges(new TextChange(TextSpan.FromBounds(spanStart, position), replacement));
        var root = tree.WithChangedText(spliced).GetRoot();
        var token = root.FindToken(nameStart);
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.SpanStart != nameStart) return false;
        if (token.Parent is not SimpleNameSyntax name) return false; // a declarator, parameter, designation, label...
        var parent = name.Parent;
        switch (parent)
        {
            case MemberAccessExpressionSyntax access when access.Name == name:
            case QualifiedNameSyntax qualified when qualified.Right == name:
            case InitializerExpressionSyntax:
            case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } left when left.Left == name:
                return false;
            case ExpressionStatementSyntax or VariableDeclarationSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax
                or PostfixUnaryExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
                or MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or IfStatementSyntax or WhileStatementSyntax
                or DoStatementSyntax or SwitchStatementSyntax or ForEachStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax
                or AwaitExpressionSyntax or ArrowExpressionClauseSyntax or InterpolationSyntax or LockStatementSyntax
                or TypeArgumentListSyntax or IsPatternExpressionSyntax or QualifiedNameSyntax or ForStatementSyntax:
                return true;
            case CastExpressionSyntax cast:
                return cast.Expression == name || cast.Type == name;
            case ReturnStatementSyntax or YieldStatementSyntax:
                return !names.ReturnsDelegate;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }:
                // `var x = y =>` does not compile; a delegate-typed declaration may take a lambda.
                return declaration.Type.IsVar || declaration.Type is PredefinedTypeSyntax;
            case AssignmentExpressionSyntax assignment:
                return assignment.Left == name
                    || assignment.Kind() is not (SyntaxKind.SimpleAssignmentExpression or SyntaxKind.AddAssignmentExpression
                        or SyntaxKind.SubtractAssignmentExpression or SyntaxKind.CoalesceAssignmentExpression);
            case ArgumentSyntax { NameColon: null, Parent: BracketedArgumentListSyntax }:
                return true;
            case ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument:
                return ArgumentTakesNoLambda(call.Expression.ToString(), list.Arguments.IndexOf(argument), out extra);
            default:
                return false;
        }
    }

    /// <summary>The call binds (speculatively, at the cursor) and no overload takes a delegate, an expression
    /// tree or a type parameter at this argument: a new name there cannot be a lambda parameter.</summary>
    private bool ArgumentTakesNoLambda(string callee, int index, out IReadOnlyList<string> parameterNames)
    {
        parameterNames = [];
        var expression = SyntaxFactory.ParseExpression(callee);
        if (expression.ContainsDiagnostics || index < 0) return false;
        var info = model().GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression);
        var methods = (info.Symbol is null ? info.CandidateSymbols : [info.Symbol])
            .Select(s => s switch
            {
                IMethodSymbol m => m,
                ILocalSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } l } } => l,
                IParameterSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } p } } => p,
                IFieldSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } f } } => f,
                IPropertySymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } q } } => q,
                _ => null,
            }).OfType<IMethodSymbol>().ToList();
        if (methods.Count == 0) return false;
        foreach (var method in methods)
        {
            var parameters = method.Parameters; // a reduced extension method has no `this` parameter
            if (parameters.Length == 0) continue;
            var parameter = index < parameters.Length ? parameters[index] : parameters[^1].IsParams ? parameters[^1] : null;
            if (parameter is null) continue;
            var type = parameter.IsParams && parameter.Type is IArrayTypeSymbol array ? array.ElementType : parameter.Type;
            if (MayBeDelegate(type)) return false;
        }
        parameterNames = methods.SelectMany(m => m.Parameters).Select(p => VocabularyIndex.Key(p.Name)).Distinct().ToList();
        return true;
    }

    internal static bool MayBeDelegate(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Delegate or TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic
        || type.SpecialType is SpecialType.System_Object or SpecialType.System_Delegate or SpecialType.System_MulticastDelegate
        || type.Name == "Expression";

    /// <summary>The identifiers written in <paramref name="text"/> (what the model and the lines above
    /// declared is then a name too), in the runs' Latin-1 form.</summary>
    public static HashSet<string> IdentifiersIn(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsLetter(text[i]) || text[i] == '_')
            {
                int start = i;
                while (i < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[i])) i++;
                set.Add(VocabularyIndex.Key(text[start..i]));
            }
            else if (char.IsDigit(text[i]))
                while (i < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[i])) i++;
            else i++;
        }
        return set;
    }
}
