using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>What the monitor restricts. <see cref="All"/> is the default set (member access and object creation);
/// <see cref="Names"/> (names in scope at a name site) is added by the repository memory's names channel.</summary>
[Flags] public enum MonitorKinds { None = 0, MemberAccess = 1, ObjectCreation = 2, All = 3, Names = 4 }

/// <summary>Steps where the monitor restricted the choice, per kind, and steps where that changed the
/// arg max (what greedy decoding would have picked).</summary>
public sealed record MonitorStats(int MemberAccessSteps, int ObjectCreationSteps, int ArgmaxChanges)
{
    /// <summary>Tokens set to negative infinity over all steps (not counting those already forbidden).</summary>
    public long TokensForbidden { get; init; }

    /// <summary>Receivers whose binding threw (left unrestricted).</summary>
    public int ResolveFailures { get; init; }

    /// <summary>Steps where the model's arg max began a name that does not exist at a name site and the
    /// monitor restricted the choice to names in scope (<see cref="MonitorKinds.Names"/>).</summary>
    public int NameSteps { get; init; }
}

/// <summary>
/// A Roslyn-backed decoding monitor, created per request. Each step it reads the last line of
/// (document text before the cursor + generated text); after <c>expr.</c> (+ partial name) it allows
/// only tokens that continue the name of an accessible member of expr's type, or complete one and
/// go on with other characters; after <c>new </c> only types in scope. With <see cref="MonitorKinds.Names"/>, where
/// a name is used (a statement's start, an operand, an argument) and the model's own choice starts a name that
/// does not exist there, only names in scope, keywords and non-name tokens. Anything it cannot resolve is
/// left unrestricted: the monitor must never block the model for things it does not know.
/// </summary>
public sealed class MemberMonitor : IForcingTokenMask
{
    private readonly NanoTokenizer _tokenizer;
    private readonly VocabularyIndex _vocab;
    private readonly MonitorKinds _kinds;
    private readonly SyntaxNode _root;
    private readonly Task<SemanticModel?> _semantic;  // asked for only when the line's memo lacks an answer
    private readonly LineMemo _memo;
    private SymbolNames? _names;
    private readonly byte[] _docTail;      // UTF-8 of the text before the cursor from the previous line start
    private readonly byte[] _healBytes;    // the prompt's tail that token healing backed over (generation re-types it)
    private readonly int _docTailStart;    // document offset of _docTail[0]
    private readonly Dictionary<(NameSet, string), AllowedRuns> _runCache = new();
    private readonly SourceText _text;
    private readonly int _position;
    private NameScope? _scope;
    private readonly Dictionary<string, NameSet> _nameSets = new(StringComparer.Ordinal);
    private int _memberSteps, _creationSteps, _argmaxChanges, _failures, _nameSteps;
    private long _forbidden;
    private byte[] _forced = [];

    /// <summary>After <see cref="Apply"/>: the rest of the one member name the site still allows (a partial
    /// name only one member continues), which every allowed token writes or starts with; empty otherwise.
    /// The engine then judges a token by what it adds beyond that name, not by how the model split its
    /// probability between spellings of it ("ceive", "ce", "ceive(").</summary>
    public ReadOnlySpan<byte> Forced => _forced;

    public MonitorStats Stats => new(_memberSteps, _creationSteps, _argmaxChanges) { TokensForbidden = _forbidden, ResolveFailures = _failures, NameSteps = _nameSteps };

    private const int ChainLines = 4;

    private MemberMonitor(NanoTokenizer tokenizer, MonitorKinds kinds, SyntaxNode root, Task<SemanticModel?> semantic, LineMemo memo,
        byte[] docTail, int docTailStart, byte[] healBytes, SourceText text, int position)
    {
        _root = root;
        _semantic = semantic;
        _memo = memo;
        _text = text;
        _position = position;
        _tokenizer = tokenizer;
        _vocab = VocabularyIndex.For(tokenizer);
        _kinds = kinds;
        _docTail = docTail;
        _docTailStart = docTailStart;
        _healBytes = healBytes;
    }

    /// <summary>Null when monitoring is off, or the cursor is where generated code cannot reach a member
    /// access (inside a comment, a string or a directive) or the document has no semantic model.</summary>
    /// <param name="healedBytes">The bytes the prompt's token healing backed over (FimPrompt.Healing; empty
    /// without healing): generation re-types them first, so the monitor reads the line without them.</param>
    public static async Task<MemberMonitor?> CreateAsync(Document document, int position, NanoTokenizer tokenizer,
        MonitorKinds kinds, ReadOnlyMemory<byte> healedBytes, CancellationToken cancellationToken)
    {
        if (kinds == MonitorKinds.None) return null;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (position < 0 || position > text.Length)
            throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is outside the document (length {text.Length}).");
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return null;
        if (IsInsideCommentStringOrDirective(root, position)) return null;
        // Not awaited: on the line's later keystrokes the memo answers what the monitor asks, and the model waits for the
        // semantic model only when it does not. Started on the pool: making it can take milliseconds before its first
        // await (a new compilation for the edit), which the request's thread would otherwise spend before the model's turn.
        var semantic = Task.Run(() => document.GetSemanticModelAsync(cancellationToken), cancellationToken);

        int line = text.Lines.GetLineFromPosition(position).LineNumber;
        // A few lines back, so a fluent chain that starts lines with `.` can be followed to its receiver.
        int tailStart = text.Lines[Math.Max(0, line - ChainLines)].Start;
        byte[] tail = Encoding.UTF8.GetBytes(text.ToString(TextSpan.FromBounds(tailStart, position)));
        // The prompt's prefix ends at the cursor too, so the healed bytes are the end of this tail (a healed
        // whitespace run can reach above it: then the whole tail is re-typed).
        byte[] heal = healedBytes.Length <= tail.Length ? healedBytes.ToArray() : tail;
        return new MemberMonitor(tokenizer, kinds, root, semantic, LineMemo.For(document.Id, text, position), tail, tailStart, heal, text, position);
    }

    private static bool IsInsideCommentStringOrDirective(SyntaxNode root, int position)
    {
        if (position > 0)
        {
            // A line comment or directive runs to the line end; a block comment only up to its "*/".
            var trivia = root.FindTrivia(position - 1, findInsideTrivia: true);
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsDirective
                || (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) && position < trivia.Span.End))
                return true;
        }
        var token = root.FindToken(position, findInsideTrivia: true);
        return token.Span.Start < position && position < token.Span.End
            && token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.CharacterLiteralToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken;
    }

    public void Apply(TokenMaskContext context, Span<float> logits)
    {
        _forced = [];
        bool healing = _healBytes.Length > 0;

        // The line as it stands: document tail (minus the bytes healing re-types) + every generated byte.
        var bytes = new List<byte>(_docTail.Length + 64);
        bytes.AddRange(healing ? _docTail.AsSpan(0, _docTail.Length - _healBytes.Length).ToArray() : _docTail);
        int docBytes = bytes.Count;
        foreach (int id in context.Generated) bytes.AddRange(_tokenizer.TokenBytes(id).ToArray());
        // While healing is still re-typing, the candidate's first bytes overlap the document: the site is
        // then read before the healed token, exactly as if the prompt had not been cut.
        string all = Encoding.UTF8.GetString(bytes.ToArray());
        int lineStart = all.LastIndexOf('\n') + 1;
        string line = all[lineStart..];

        bool joined = false;
        if (line.TrimStart().StartsWith('.') && JoinChain(all) is { } chain)
        {
            // `.Where(` on a line of its own: the receiver is the chain on the lines above.
            line = chain;
            joined = true;
        }
        if (CompletionSite.Find(line) is not { } site)
        {
            if (!joined && (_kinds & MonitorKinds.Names) != 0) ApplyNames(all, lineStart, bytes, docBytes, logits);
            return;
        }
        bool creation = site.Kind != SiteKind.MemberAccess;
        if (creation ? (_kinds & MonitorKinds.ObjectCreation) == 0 : (_kinds & MonitorKinds.MemberAccess) == 0) return;

        // A receiver wholly inside the document is bound on the real tree (lambda parameters, locals);
        // one that reaches into generated text is bound speculatively at the cursor.
        int docChars = Encoding.UTF8.GetString(bytes.ToArray(), 0, docBytes).Length;
        int? receiverOffset = !joined && site.Receiver is not null && lineStart + site.ReceiverStart + site.Receiver.Length <= docChars
            ? _docTailStart + lineStart + site.ReceiverStart : null;
        string cacheKey = $"{site.Kind}|{site.Receiver}|{receiverOffset}";
        if (!_memo.Sites.TryGetValue(cacheKey, out var names))
        {
            try
            {
                _names ??= Semantic() is { } model ? new SymbolNames(model, _root, _position) : null;
                names = _names?.For(site, receiverOffset);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Binding text the model made up can fail in ways the compiler never meets on real code;
                // a monitor that cannot tell must not stop the generation.
                names = null;
                _failures++;
            }
            _memo.Sites[cacheKey] = names;
        }
        if (names is null) return;

        string partial = VocabularyIndex.Key(site.Partial);
        if (!_runCache.TryGetValue((names, partial), out var runs))
        {
            runs = AllowedRuns.Build(names, partial);
            _runCache[(names, partial)] = runs;
        }
        if (runs.IsEmpty)
        {
            // A partial name the user typed that matches nothing may be a member still to be written:
            // do not block. One the model wrote after the dot by itself (`Product._` from a `._` token)
            // is a dead end: forbid every token, so greedy stops and a beam dies.
            bool generatedPartial = !joined && site.Partial.Length > 0 && all.Length - site.Partial.Length >= docChars;
            if (!generatedPartial) return;
            for (int id = 0; id < logits.Length; id++)
                if (!float.IsNegativeInfinity(logits[id])) { logits[id] = float.NegativeInfinity; _forbidden++; }
            if (creation) _creationSteps++; else _memberSteps++;
            return;
        }

        _forced = ForcedRest(site.Kind, partial.Length == 0, names.AllowsRange, runs);
        int before = ArgMax(logits);
        int forbidden = Restrict(site.Kind, partial.Length == 0, names.AllowsRange, runs, logits);
        if (forbidden == 0) return;
        _forbidden += forbidden;
        if (creation) _creationSteps++; else _memberSteps++;
        if (ArgMax(logits) != before) _argmaxChanges++;
    }

    /// <summary>
    /// Names in scope (<see cref="MonitorKinds.Names"/>). Two places a name can start after the text: right at its
    /// end (tokens that start with identifier bytes continue the trailing partial name), and after one space
    /// (tokens " name" when the text does not end in whitespace). Where one of them is a name site and the
    /// model's arg max writes there a name that neither the scope, the keywords nor the text written so far
    /// has, Roslyn's parser is asked (on the document with the text and that name spliced in) whether it is a
    /// use; only then are that place's name tokens restricted. Every other token is left as it is.
    /// </summary>
    private void ApplyNames(string all, int lineStart, List<byte> bytes, int docBytes, Span<float> logits)
    {
        string line = all[lineStart..];
        int p = line.Length;
        while (p > 0 && SyntaxFacts.IsIdentifierPartCharacter(line[p - 1])) p--;
        if (p < line.Length && char.IsDigit(line[p])) return; // a number
        bool atEnd = IsNameSite(all, lineStart, line, p);
        bool afterSpace = line.Length > 0 && !char.IsWhiteSpace(line[^1]) && IsNameSite(all, lineStart, line + " ", line.Length + 1);
        if (!atEnd && !afterSpace) return;

        int best = ArgMax(logits);
        if (best >= _vocab.Size || _vocab.Special[best]) return;
        string partial = VocabularyIndex.Key(line[p..]);
        bool continues; // the arg max continues the trailing partial (else it starts a name after a space)
        string run;
        bool allIdent;
        if (atEnd && _vocab.IdentRun[best].Length > 0)
            (continues, run, allIdent) = (true, partial + _vocab.IdentRun[best], _vocab.AllIdent[best]);
        else if (afterSpace && !string.IsNullOrEmpty(_vocab.SpaceIdentRun[best]))
            (continues, run, allIdent) = (false, _vocab.SpaceIdentRun[best]!, _vocab.SpaceAllIdent[best]);
        else return;
        if (char.IsAsciiDigit((char)run[0])) return;

        _scope ??= Scope();
        // What the lines above and the model already wrote counts as declared (a local the answer declares,
        // a lambda's parameter), except the partial name being judged.
        if (_scope is null) return;
        if (allIdent ? _scope.AnyStartsWith(run) : _scope.Contains(run)) return; // the common case: no scan of the text
        var written = NameScope.IdentifiersIn(continues ? all[..(lineStart + p)] : all);
        if (Exists(_scope, written, run, allIdent)) return;
        int docChars = Encoding.UTF8.GetString(bytes.ToArray(), 0, docBytes).Length;
        if (continues && partial.Length > 0 && lineStart + p < docChars && !Exists(_scope, written, partial, prefix: true))
            return; // the user typed a name nothing has: maybe one still to be declared

        string runText = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(run));
        string replacement = continues ? all[..(lineStart + p)] + runText : all + " " + runText;
        int nameStart = _docTailStart + (continues ? lineStart + p : all.Length + 1);
        IReadOnlyList<string> extra;
        try
        {
            if (!_scope.IsUseSite(_docTailStart, replacement, nameStart, out extra)) return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failures++;
            return;
        }

        var allowedNames = written.Concat(extra).Where(n => !_scope.Contains(n)).Order(StringComparer.Ordinal).ToList();
        string setKey = string.Join('\n', allowedNames);
        if (!_nameSets.TryGetValue(setKey, out var names))
        {
            var keys = _scope.Set.Keys.Concat(allowedNames).Select(k => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(k)));
            _nameSets[setKey] = names = new NameSet(keys);
        }
        string from = continues ? partial : "";
        if (!_runCache.TryGetValue((names, from), out var runs))
            _runCache[(names, from)] = runs = AllowedRuns.Build(names, from);

        int forbidden = 0;
        for (int id = 0; id < logits.Length && id < _vocab.Size; id++)
        {
            if (float.IsNegativeInfinity(logits[id]) || _vocab.Special[id]) continue;
            string? tokenRun = continues ? _vocab.IdentRun[id] : _vocab.SpaceIdentRun[id];
            if (string.IsNullOrEmpty(tokenRun) || char.IsAsciiDigit((char)tokenRun[0]) && !continues) continue;
            bool whole = continues ? _vocab.AllIdent[id] : _vocab.SpaceAllIdent[id];
            if (whole ? runs.Prefixes.Contains(tokenRun) : runs.Complete.Contains(tokenRun)) continue;
            logits[id] = float.NegativeInfinity;
            forbidden++;
        }
        if (forbidden == 0) return;
        _forbidden += forbidden;
        _nameSteps++;
        if (ArgMax(logits) != best) _argmaxChanges++;
    }

    /// <summary>The semantic model, waited for on the model's thread (null where the document has none); a failure
    /// to make it fails the generation, as it did when the monitor waited for it before the first token.</summary>
    private SemanticModel? Semantic() => _semantic.GetAwaiter().GetResult();

    private NameScope? Scope()
    {
        var names = _memo.Scope;
        if (names is null)
        {
            if (Semantic() is not { } model) return null;
            _memo.Scope = names = new ScopeNames(model, _position);
        }
        return new NameScope(names, () => Semantic()!, _text, _root.SyntaxTree, _position);
    }

    private static bool Exists(NameScope scope, HashSet<string> written, string run, bool prefix) =>
        prefix ? scope.AnyStartsWith(run) || written.Any(w => w.StartsWith(run, StringComparison.Ordinal))
               : scope.Contains(run) || written.Contains(run);

    private static readonly HashSet<string> NameSiteKeywords = ["return", "await", "throw", "in", "case", "when", "else", "is", "not", "and", "or"];

    /// <summary>A name written at <paramref name="p"/> of <paramref name="line"/> would start where an expression
    /// or statement starts: after <c>;</c> <c>{</c> <c>}</c> or a line that ends in one, an opening parenthesis or
    /// bracket, a comma, an operator, or a keyword that an expression follows. Code only (no string or comment).</summary>
    private static bool IsNameSite(string all, int lineStart, string line, int p)
    {
        var (inCode, codeStart) = LineScanner.Scan(line[..p]);
        if (!inCode) return false;
        int q = p;
        while (q > codeStart && char.IsWhiteSpace(line[q - 1])) q--;
        if (q == codeStart)
        {
            if (codeStart > 0) return true; // the start of an interpolation hole
            string above = all[..lineStart].TrimEnd();
            return above.Length > 0 && above[^1] is ';' or '{' or '}';
        }
        char c = line[q - 1];
        if (c is ';' or '{' or '}' or '(' or '[' or ',' or '!' or '=' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '<' or '>')
            return true; // `List<int> total` declares: the parser tells (IsUseSite)
        if (q == p || !SyntaxFacts.IsIdentifierPartCharacter(c)) return false;
        int w = q;
        while (w > codeStart && SyntaxFacts.IsIdentifierPartCharacter(line[w - 1])) w--;
        return (w == codeStart || line[w - 1] != '.' && line[w - 1] != '@') && NameSiteKeywords.Contains(line[w..q]);
    }

    /// <summary>The last line joined to the lines above it while it starts with a dot (a fluent chain),
    /// or null when the chain reaches the start of what the monitor holds (its receiver is unknown).</summary>
    private static string? JoinChain(string all)
    {
        var lines = all.Split('\n');
        int first = lines.Length - 1;
        while (first > 0 && lines[first].TrimStart().StartsWith('.')) first--;
        if (lines[first].TrimStart().StartsWith('.') || lines[first].Trim().Length == 0) return null;
        return string.Concat(lines[first..].Select((l, i) => i == 0 ? l.TrimEnd() : l.Trim()));
    }

    private int Restrict(SiteKind kind, bool noPartial, bool allowsRange, AllowedRuns runs, Span<float> logits)
    {
        int forbidden = 0;
        // Ending the answer halfway through a name ("list.Co") only shows broken code; once a name is
        // complete the model may stop.
        bool mayEnd = kind == SiteKind.AfterNewKeyword || runs.Complete.Contains("");
        for (int id = 0; id < logits.Length && id < _vocab.Size; id++)
        {
            if (float.IsNegativeInfinity(logits[id])) continue;
            if (_vocab.Special[id])
            {
                if (!mayEnd)
                {
                    logits[id] = float.NegativeInfinity;
                    forbidden++;
                }
                continue;
            }
            bool allowed;
            if (kind == SiteKind.AfterNewKeyword)
            {
                // Only ` Name` tokens are judged; `new(`, `new[]`, ` {` and the rest are left alone.
                string? run = _vocab.SpaceIdentRun[id];
                allowed = string.IsNullOrEmpty(run) || (_vocab.SpaceAllIdent[id] ? runs.Prefixes.Contains(run) : runs.Complete.Contains(run));
            }
            else
            {
                string run = _vocab.IdentRun[id];
                if (run.Length == 0)
                    allowed = runs.Complete.Contains("")
                        || (noPartial && allowsRange && kind == SiteKind.MemberAccess && _vocab.FirstByte[id] == (byte)'.')  // a range `i..j`
                        || (noPartial && kind == SiteKind.ObjectCreation && _vocab.FirstByte[id] != (byte)'.'); // `new {`, `new[]`, `new (`
                else
                    allowed = _vocab.AllIdent[id] ? runs.Prefixes.Contains(run) : runs.Complete.Contains(run);
            }
            if (!allowed)
            {
                logits[id] = float.NegativeInfinity;
                forbidden++;
            }
        }
        return forbidden;
    }

    /// <summary>The rest of the name when exactly one is left and <see cref="Restrict"/> then allows only tokens
    /// that write a prefix of it or all of it and more (no range dots, no `new {`, no end of text); else empty.</summary>
    private static byte[] ForcedRest(SiteKind kind, bool noPartial, bool allowsRange, AllowedRuns runs)
    {
        if (kind == SiteKind.AfterNewKeyword || runs.Complete.Count != 1) return [];
        if (noPartial && (kind == SiteKind.ObjectCreation || allowsRange)) return [];
        string rest = runs.Complete.First();
        return rest.Length == 0 ? [] : Encoding.Latin1.GetBytes(rest); // runs are in the Latin-1-of-UTF-8 form
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    /// <summary>For the names that start with the partial name: every non-empty prefix of what is left
    /// of them (a token made only of identifier bytes must be one), and what is left of them whole (a
    /// token that goes on with other characters must complete one).</summary>
    private sealed record AllowedRuns(HashSet<string> Prefixes, HashSet<string> Complete)
    {
        public bool IsEmpty => Complete.Count == 0;

        public static AllowedRuns Build(NameSet names, string partial)
        {
            var prefixes = new HashSet<string>(StringComparer.Ordinal);
            var complete = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in names.Keys)
            {
                if (!name.StartsWith(partial, StringComparison.Ordinal)) continue;
                string rest = name[partial.Length..];
                complete.Add(rest);
                for (int k = 1; k <= rest.Length; k++) prefixes.Add(rest[..k]);
            }
            return new AllowedRuns(prefixes, complete);
        }
    }
}
