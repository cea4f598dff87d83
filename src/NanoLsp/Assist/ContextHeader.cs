using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>
/// The context header (docs/context-header.md): stubs of the source types the code around the cursor
/// refers to, resolved through the semantic model across files, least relevant first, trimmed to a
/// token budget. Kept to the same shape and selection rules as training/context_header.py, which
/// builds it from source text for training.
/// </summary>
internal static class ContextHeader
{
    internal static async Task<string> BuildUncachedAsync(Document document, int position, TextSpan windows, NanoTokenizer tokenizer,
        int budgetTokens, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return "";

        var token = root.FindToken(Math.Max(0, Math.Min(position, root.FullSpan.End - 1)));
        var enclosingSyntax = token.Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(t => t.OpenBraceToken.Span.End <= position && position <= t.CloseBraceToken.SpanStart);
        var enclosing = enclosingSyntax is null ? null : model.GetDeclaredSymbol(enclosingSyntax, cancellationToken);
        var member = token.Parent?.AncestorsAndSelf().FirstOrDefault(n =>
            n is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax
            && n.Parent == enclosingSyntax);

        // Relevance: 3 the enclosing type, 2 types used in the enclosing member, 1 types named elsewhere in the windows.
        // Only the enclosing member is bound (Roslyn binds a whole body per member, and after each keystroke
        // that is the one it must re-bind anyway); elsewhere a name is looked up as a type name at the cursor.
        var uses = new Dictionary<INamedTypeSymbol, (int Score, int Count)>(SymbolEqualityComparer.Default);
        // The name being typed at the cursor is left out: it is usually partial, and leaving it out lets
        // HeaderCache reuse the header while it is typed.
        var (typingStart, typingEnd) = HeaderCache.IdentifierAt(await document.GetTextAsync(cancellationToken).ConfigureAwait(false), position);
        bool Typing(SimpleNameSyntax name) => name.Identifier.Span.Start <= typingEnd && name.Identifier.Span.End >= typingStart
            && typingEnd > typingStart;
        void Use(INamedTypeSymbol type, int score)
        {
            if (!type.Locations.Any(l => l.IsInSource)) return;
            var old = uses.GetValueOrDefault(type);
            uses[type] = (Math.Max(old.Score, score), old.Count + 1);
        }
        if (member is not null)
        {
            foreach (var name in member.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => !Typing(n)))
                foreach (var type in TypesOf(model.GetSymbolInfo(name, cancellationToken)))
                    Use(type, 2);
        }
        var byName = new Dictionary<string, INamedTypeSymbol[]>(StringComparer.Ordinal);
        var sourceTypeNames = SourceTypeNames(model.Compilation);
        foreach (var name in root.DescendantNodes(windows).OfType<SimpleNameSyntax>())
        {
            if (!windows.Contains(name.Span) || (member is not null && member.Span.Contains(name.Span)) || Typing(name)) continue;
            string identifier = name.Identifier.ValueText;
            // Only source types are used: a name no source type has finds none (most names in the windows are members,
            // locals and library types), and each lookup walks every imported namespace (docs/context-header.md).
            if (!sourceTypeNames.Any(names => names.Contains(identifier))) continue;
            if (!byName.TryGetValue(identifier, out var types))
            {
                types = model.LookupNamespacesAndTypes(position, name: identifier).OfType<INamedTypeSymbol>().ToArray();
                byName[identifier] = types;
            }
            foreach (var type in types) Use(type, 1);
        }
        if (enclosing is not null) uses[enclosing] = (3, uses.GetValueOrDefault(enclosing).Count);

        var blocks = new List<(int Score, int Count, TypeStub Stub)>();
        foreach (var (type, (score, count)) in uses)
        {
            bool isEnclosing = SymbolEqualityComparer.Default.Equals(type, enclosing);
            bool declaredInView = type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == root.SyntaxTree && windows.Contains(r.Span.Start));
            if (declaredInView && !isEnclosing) continue; // its declaration is in view already
            var stub = StubFormat.Stub(type, includePrivate: isEnclosing, hidden: windows, tree: root.SyntaxTree);
            if (stub is null || (stub.Members.Count == 0 && (isEnclosing || !stub.OneLine))) continue;
            blocks.Add((score, count, stub));
        }
        // Least relevant first (stable on ties so the header does not flicker between keystrokes).
        var ordered = blocks.OrderBy(b => b.Score).ThenBy(b => b.Count).ThenBy(b => b.Stub.Line, StringComparer.Ordinal).Select(b => b.Stub).ToList();
        // Lines are sized one by one; joined, a few may merge or split differently, so check the whole
        // (as FimPrompt encodes it, with its closing newline) and cut a little more when it overshoots.
        int target = budgetTokens;
        for (int attempt = 0; ; attempt++)
        {
            string header = Render(Trim(ordered, tokenizer, target));
            int over = tokenizer.Encode(header + "\n").Length - 1 - budgetTokens;
            if (over <= 0 || attempt == 3) return over <= 0 ? header : "";
            target -= over;
        }
    }

    /// <summary>The names of the types declared in source that the compilation sees: its own and those of the projects it
    /// references (Roslyn keeps each set per compilation; nested types included).</summary>
    private static List<ICollection<string>> SourceTypeNames(Compilation compilation)
    {
        var names = new List<ICollection<string>> { compilation.Assembly.TypeNames };
        foreach (var reference in compilation.References.OfType<CompilationReference>())
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)
                names.Add(assembly.TypeNames);
        return names;
    }

    /// <summary>Source types a name's symbol brings in: the type itself, the containing type of a member,
    /// and the type of a value (a local's, a property's, a method's return), with type arguments and
    /// array elements unwrapped.</summary>
    private static IEnumerable<INamedTypeSymbol> TypesOf(SymbolInfo info)
    {
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (symbol is null) yield break;
        var roots = new List<ITypeSymbol?>();
        switch (symbol)
        {
            case ITypeSymbol t: roots.Add(t); break;
            case ILocalSymbol l: roots.Add(l.Type); break;
            case IParameterSymbol p: roots.Add(p.Type); break;
            case IRangeVariableSymbol: break;
            case IMethodSymbol m:
                roots.Add(m.MethodKind == MethodKind.ReducedExtension ? m.ReceiverType : m.ContainingType);
                roots.Add(m.ReturnType);
                break;
            case IPropertySymbol p: roots.Add(p.ContainingType); roots.Add(p.Type); break;
            case IFieldSymbol f: roots.Add(f.ContainingType); roots.Add(f.Type); break;
            case IEventSymbol e: roots.Add(e.ContainingType); roots.Add(e.Type); break;
        }
        foreach (var root in roots)
            foreach (var t in Unwrap(root, 0))
                yield return t;
    }

    private static IEnumerable<INamedTypeSymbol> Unwrap(ITypeSymbol? type, int depth)
    {
        if (type is null || depth > 3) yield break;
        if (type is IArrayTypeSymbol array)
        {
            foreach (var t in Unwrap(array.ElementType, depth + 1)) yield return t;
            yield break;
        }
        if (type is not INamedTypeSymbol named) yield break;
        yield return named.OriginalDefinition;
        foreach (var arg in named.TypeArguments)
            foreach (var t in Unwrap(arg, depth + 1)) yield return t;
    }

    /// <summary>Cuts whole members from the least relevant types first, then the types themselves.</summary>
    private static List<TypeStub> Trim(List<TypeStub> stubs, NanoTokenizer tokenizer, int budget)
    {
        int Cost(string line) => tokenizer.Encode(line + "\n").Length;
        var lineCost = stubs.Select(s => s.OneLine ? Cost(s.Line) : Cost(s.Line) + Cost("{") + Cost("}")).ToList();
        var memberCost = stubs.Select(s => s.Members.Select(m => Cost("    " + m)).ToList()).ToList();
        var members = stubs.Select(s => s.Members.ToList()).ToList();
        int total = lineCost.Sum() + memberCost.Sum(c => c.Sum());
        var dropped = new bool[stubs.Count];
        for (int i = 0; total > budget && i < stubs.Count;)
        {
            if (memberCost[i].Count > 0)
            {
                total -= memberCost[i][^1];
                memberCost[i].RemoveAt(memberCost[i].Count - 1);
                members[i].RemoveAt(members[i].Count - 1);
            }
            else
            {
                total -= lineCost[i];
                dropped[i] = true;
                i++;
            }
        }
        return stubs.Select((s, i) => s with { Members = members[i] }).Where((_, i) => !dropped[i]).ToList();
    }

    private static string Render(List<TypeStub> stubs)
    {
        var lines = new List<string>();
        foreach (var s in stubs)
        {
            lines.Add(s.Line);
            if (s.OneLine) continue;
            lines.Add("{");
            lines.AddRange(s.Members.Select(m => "    " + m));
            lines.Add("}");
        }
        return string.Join("\n", lines);
    }
}

/// <summary>One type block: its line (or the whole one-line enum / body-less record) and member lines.</summary>
internal sealed record TypeStub(string Line, bool OneLine, IReadOnlyList<string> Members);
