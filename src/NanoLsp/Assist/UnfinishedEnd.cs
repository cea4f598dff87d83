using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Assist;

/// <summary>
/// What a suggestion that stops mid-statement has not finished at its end, so the compile check judges
/// what it breaks, not what it has yet to write. `Console.` + `WriteLine(` leaves an argument list and
/// a statement open; as it stands the parser reads the next lines into them (`Console.WriteLine(var
/// threshold = 5;` and errors about `var` and `threshold`) or reads the line as a declaration's type
/// (`Console.WriteLine var threshold`). So the check closes, at the suggestion's end, what the syntax
/// tree shows open there (<see cref="Closers"/>): the string the last token is in, then, walking up its
/// ancestors, every parenthesis, bracket, brace and interpolated string opened before the end whose closing
/// token is missing (or, when the suggestion opened it, lies past the end), and the semicolon of each
/// statement on the way whose own semicolon is missing (or lies past the end, when something was closed);
/// the walk stops at a block the user opened before the suggestion or at a type. A construct the user
/// opened and closed over several lines stays as it is. On that text the errors that
/// only say the code is unfinished do not count (<see cref="Excuses"/>): anything located in the closers
/// themselves, the parser's missing-token errors past them (blocks it leaves open), and the arity errors
/// of a call or creation whose argument list the closers ended (`new Product(` has no arguments yet), and
/// errors about a method group the suggestion ends with (`if (!inventory.Ship`: the call's `(` is next).
/// Errors inside the suggestion (an unknown member, a wrong type, a name that does not exist) still count.
/// Only a suggestion with nothing after it on its line is judged so (one that joins the rest of a line
/// must fit it as it is), and not one that ends its statement inside a string it never closed.
/// </summary>
internal sealed class UnfinishedEnd
{
    /// <summary>Syntax errors that only say something is missing (`;`, `)`, `}`, an expression or a name expected).</summary>
    private static readonly HashSet<string> MissingTokenErrors =
        ["CS1001", "CS1002", "CS1003", "CS1026", "CS1031", "CS1513", "CS1514", "CS1525", "CS1733", "CS0443"];

    /// <summary>Semantic errors an argument list still being written has: no argument for a required
    /// parameter, no overload or constructor that takes this many arguments.</summary>
    private static readonly HashSet<string> ArityErrors = ["CS7036", "CS1501", "CS1729"];

    /// <summary>"Only assignment, call, increment, decrement, await, and new object expressions can be used as a statement":
    /// said of an expression the closers ended as a statement (`Console.WriteLine;`), which the user goes on writing.</summary>
    private const string NotAStatement = "CS0201";

    /// <summary>Errors about a method group used as a value (operator `!` on it, converting it, passing it),
    /// said of a call at the end whose parenthesis is not written yet (`if (!inventory.Ship`).</summary>
    private static readonly HashSet<string> MethodGroupErrors = ["CS0023", "CS0019", "CS0428", "CS1503", "CS0201"];

    private static readonly (SyntaxKind Open, SyntaxKind Close)[] Pairs =
    [
        (SyntaxKind.OpenParenToken, SyntaxKind.CloseParenToken),
        (SyntaxKind.OpenBracketToken, SyntaxKind.CloseBracketToken),
        (SyntaxKind.OpenBraceToken, SyntaxKind.CloseBraceToken),
        (SyntaxKind.InterpolatedStringStartToken, SyntaxKind.InterpolatedStringEndToken),
        (SyntaxKind.InterpolatedVerbatimStringStartToken, SyntaxKind.InterpolatedStringEndToken),
    ];

    private readonly int _end; // where the closers go: the suggestion's end, or its trailing separator

    /// <summary>The text that closes what is open at the suggestion's end (may be empty).</summary>
    public string Closers { get; }

    /// <summary>The edit that finishes the suggested text: <see cref="Closers"/> at its end, in place of a trailing
    /// comma (`Product(1, ` is checked as `Product(1)`: an argument list with a missing argument is not
    /// overload-resolved, so a wrong argument before it would go unseen).</summary>
    public TextChange Change { get; }

    private UnfinishedEnd(int at, int end, string closers)
    {
        _end = at;
        Closers = closers;
        Change = new TextChange(TextSpan.FromBounds(at, end), closers);
    }

    /// <summary>Null when the suggestion has text after it on its line or ends inside a comment, a directive
    /// or a raw string (it is then judged as it stands).</summary>
    /// <param name="root">The tree with the suggestion inserted at <paramref name="start"/>.</param>
    /// <param name="end">The offset just past the inserted text.</param>
    public static UnfinishedEnd? Find(SyntaxNode root, SourceText text, int start, int end)
    {
        if (end <= start) return null;
        var line = text.Lines.GetLineFromPosition(end);
        for (int i = end; i < line.End; i++)
            if (!char.IsWhiteSpace(text[i])) return null;

        var trivia = root.FindTrivia(end - 1, findInsideTrivia: true);
        if (trivia.Span.Contains(end - 1) && !trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            return null;
        var last = root.FindToken(end - 1);
        if (last.SpanStart >= end) last = last.GetPreviousToken();
        if (last.IsKind(SyntaxKind.None) || last.Span.End < start) return null; // nothing but whitespace and trivia was inserted

        var closers = new StringBuilder();
        if (last.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken && Unterminated(last))
        {
            // `WriteLine("total);` ends its statement inside a string it never closed: a broken line, not an unfinished one.
            if (last.Text.TrimEnd().EndsWith(';')) return null;
            closers.Append(last.IsKind(SyntaxKind.CharacterLiteralToken) ? '\'' : '"');
        }
        else if (last.Kind() is SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                 or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
                 or SyntaxKind.InterpolatedRawStringEndToken)
            return null;

        bool closedAny = closers.Length > 0;
        for (var node = last.Parent; node is not null; node = node.Parent)
        {
            // A body the user opened before the suggestion is closed by its own `}`; one the suggestion opened is not.
            if (node is BlockSyntax block && block.OpenBraceToken.SpanStart < start) break;
            if (node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax) break;
            closedAny |= CloseOpenPairs(node, start, end, closers);
            // A statement (or a field, an arrow-bodied member) ends with its own semicolon: one the parser found
            // missing, or one past the end when what was open at the end took in the lines below (a statement
            // that goes on over the next lines, the user's own `.Sum();`, keeps its semicolon there).
            if (node is StatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax
                && node.ChildTokens().LastOrDefault() is var own && own.IsKind(SyntaxKind.SemicolonToken)
                && (own.IsMissing || (own.SpanStart >= end && closedAny)))
                closers.Append(';');
        }
        int at = last.IsKind(SyntaxKind.CommaToken) && last.SpanStart >= start ? last.SpanStart : end;
        return new UnfinishedEnd(at, end, closers.ToString());
    }

    /// <summary>Appends the closing text of each pair among the node's own tokens that is open at the end: opened
    /// before it, and closed nowhere (the closing token missing) or, for a pair the suggestion opened, only past
    /// it (the parser matched it with a closing token of the lines below). A pair the user opened and closed on a
    /// later line is the user's construct over several lines (`Foo(` ... `b);`) and stays as it is.
    /// Returns whether it closed any.</summary>
    private static bool CloseOpenPairs(SyntaxNode node, int start, int end, StringBuilder closers)
    {
        bool closedAny = false;
        var tokens = node.ChildTokens().ToList();
        for (int c = 0; c < tokens.Count; c++)
        {
            var close = tokens[c];
            if (!close.IsMissing && close.SpanStart < end) continue;
            foreach (var (open, closeKind) in Pairs)
            {
                if (!close.IsKind(closeKind)) continue;
                var opener = tokens.Take(c).LastOrDefault(t => t.IsKind(open) && !t.IsMissing && t.SpanStart < end);
                if (opener.IsKind(SyntaxKind.None) || (!close.IsMissing && opener.SpanStart < start)) continue;
                closers.Append(closeKind == SyntaxKind.InterpolatedStringEndToken ? "\"" : SyntaxFacts.GetText(closeKind));
                closedAny = true;
                break;
            }
        }
        return closedAny;
    }

    private static bool Unterminated(SyntaxToken token) =>
        token.GetDiagnostics().Any(d => d.Id is "CS1010" or "CS1039");

    /// <summary>Whether an error of the checked text (the suggestion with <see cref="Change"/> made) only says
    /// the code is unfinished at the suggestion's end.</summary>
    /// <param name="root">The checked text's tree.</param>
    /// <param name="model">Its semantic model, for a semantic error (an arity error is excused only when the
    /// arguments written so far fit a candidate: `Report(3` stays an error however it goes on).</param>
    public bool Excuses(Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
    {
        var span = diagnostic.Location.SourceSpan;
        int closed = _end + Closers.Length;
        if (span.Start >= _end && span.Start < closed) return true;        // about the closers themselves
        if (span.Start >= _end) return MissingTokenErrors.Contains(diagnostic.Id); // a block left open further down
        if (ArityErrors.Contains(diagnostic.Id))
            return model is not null && CallAround(root.FindNode(span, getInnermostNodeForTie: true)) is var (call, list)
                && ClosedHere(list.CloseToken(), closed) && ArgumentsSoFarFit(model, call, list);
        if (MethodGroupErrors.Contains(diagnostic.Id) && model is not null && CallNotOpened(root, model) is { } group && span.Contains(group.Span))
            return true;
        if (diagnostic.Id == NotAStatement)
            return root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement
                && ClosedHere(statement.SemicolonToken, closed);
        return false;
    }

    /// <summary>The member access or name the suggestion ends with, when it names only methods: a call whose
    /// `(` the user has yet to type.</summary>
    private ExpressionSyntax? CallNotOpened(SyntaxNode root, SemanticModel model)
    {
        if (_end == 0) return null;
        var last = root.FindToken(_end - 1);
        if (last.SpanStart >= _end) last = last.GetPreviousToken();
        if (!last.IsKind(SyntaxKind.IdentifierToken) && !last.IsKind(SyntaxKind.GreaterThanToken)) return null;
        ExpressionSyntax? name = null;
        for (var node = last.Parent; node is SimpleNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax
             && node.Span.End == last.Span.End; node = node.Parent)
            name = (ExpressionSyntax)node;
        if (name is null) return null;
        var info = model.GetSymbolInfo(name);
        var symbols = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols;
        return symbols.Length > 0 && symbols.All(s => s is IMethodSymbol) ? name : null;
    }

    /// <summary>The token was inserted by the closers.</summary>
    private bool ClosedHere(SyntaxToken token, int closed) => !token.IsMissing && token.SpanStart >= _end && token.SpanStart < closed;

    /// <summary>The nearest call, creation, element access or constructor initializer around the node (within
    /// its statement), with its argument list.</summary>
    private static (SyntaxNode Call, BaseArgumentListSyntax List)? CallAround(SyntaxNode node)
    {
        foreach (var n in node.AncestorsAndSelf())
        {
            switch (n)
            {
                case InvocationExpressionSyntax i: return (i, i.ArgumentList);
                case BaseObjectCreationExpressionSyntax { ArgumentList: { } a } creation: return (creation, a);
                case ElementAccessExpressionSyntax e: return (e, e.ArgumentList);
                case ConstructorInitializerSyntax c: return (c, c.ArgumentList);
                case StatementSyntax or MemberDeclarationSyntax: return null;
            }
        }
        return null;
    }

    /// <summary>Some candidate of the call takes the arguments written so far (by position or name, each
    /// convertible to its parameter), so more arguments can finish it. Generic parameters are not judged.</summary>
    private static bool ArgumentsSoFarFit(SemanticModel model, SyntaxNode call, BaseArgumentListSyntax list)
    {
        var info = model.GetSymbolInfo(call);
        var candidates = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols;
        return candidates.Any(candidate => candidate switch
        {
            IMethodSymbol method => Fit(model, method.Parameters, list.Arguments),
            IPropertySymbol indexer => Fit(model, indexer.Parameters, list.Arguments),
            _ => false,
        });
    }

    private static bool Fit(SemanticModel model, IReadOnlyList<IParameterSymbol> parameters, SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var parameter = argument.NameColon is { } name
                ? parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText)
                : i < parameters.Count ? parameters[i] : parameters.LastOrDefault(p => p.IsParams);
            if (parameter is null) return false;
            var type = parameter.Type;
            if (type.TypeKind == TypeKind.Error || ContainsTypeParameter(type)) continue;
            if (model.ClassifyConversion(argument.Expression, type).Exists) continue;
            if (parameter.IsParams && type is IArrayTypeSymbol array && model.ClassifyConversion(argument.Expression, array.ElementType).Exists) continue;
            return false;
        }
        return true;
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };
}

internal static class ArgumentListExtensions
{
    public static SyntaxToken CloseToken(this BaseArgumentListSyntax list) => list switch
    {
        ArgumentListSyntax a => a.CloseParenToken,
        BracketedArgumentListSyntax b => b.CloseBracketToken,
        _ => default,
    };
}
