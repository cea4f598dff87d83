using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace NanoLsp.Features.CodeActions;

/// <summary>How model fixes are proposed (nanolsp.codeActions.*).</summary>
public sealed record ModelFixOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Beam search and the compile checks together; past it what is verified by then is offered.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMilliseconds(Server.ServerSettings.DefaultModelFixDeadlineMs);

    /// <summary>Beams over the region's fill (the engine allows 1 to 8).</summary>
    public int Width { get; init; } = 6;

    /// <summary>The most characters a fix may remove plus insert: a fix touches the error, it does not rewrite the line.</summary>
    public int MaxChangedChars { get; init; } = 24;

    public static ModelFixOptions From(Server.ServerSettings settings) => new()
    {
        Enabled = settings.ModelFixes,
        Deadline = TimeSpan.FromMilliseconds(settings.ModelFixDeadlineMs),
    };
}

/// <summary>A verified model fix: the edited document, the one change and the title that says what it does.</summary>
public sealed record ModelFix(string Title, TextChange Change, Document Fixed);

/// <summary>What one proposal run did (the fix benchmark reads it).</summary>
public sealed record ModelFixReport(int Candidates, int SmallEdits, int Verified, int SameAsRoslyn, TimeSpan Latency, string Outcome)
{
    /// <summary>The model's fills of the region, best first (for the benchmark's output).</summary>
    public IReadOnlyList<string> Rewrites { get; init; } = [];
}

/// <summary>
/// Fixes with the model, checked by the compiler. For an error, the model fills the region where the mistake is
/// (<see cref="FillRegion"/>): a beam search after the FIM prompt whose prefix is the code before the region and whose
/// suffix is the code after it, with the diagnostic (code and message) in the header, under the monitors (after `x.`
/// only real members, names only those in scope). Each fill that changes only a little is applied speculatively
/// (Document.WithText) and recompiled; it is kept only when that diagnostic is gone and no error appeared that was
/// not there before, and when none of Roslyn's own fixes gives the same text.
/// </summary>
public sealed class ModelFixes(Func<LanguageModel?> loadedModel)
{
    public const string ProviderName = "NanoModelFix";

    private readonly DeclarationHeaderSource _header = new();
    private LastProposal? _last;

    private sealed record LastProposal(DocumentId Document, VersionStamp Version, (string, string) Diagnostic, TextSpan Span, IReadOnlyList<ModelFix> Fixes);

    /// <summary>The fixes the last proposal verified for this diagnostic of this text, if it was the last one asked
    /// about (codeAction/resolve finds its fix there; hover lists them without running the model).</summary>
    public async Task<IReadOnlyList<ModelFix>?> KnownAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        if (last is null || last.Document != document.Id || last.Diagnostic != Key(diagnostic) || last.Span != diagnostic.Location.SourceSpan)
            return null;
        var version = await document.GetTextVersionAsync(cancellationToken).ConfigureAwait(false);
        return last.Version == version ? last.Fixes : null;
    }

    public async Task<(IReadOnlyList<ModelFix> Fixes, ModelFixReport Report)> ProposeAsync(Document document, Diagnostic diagnostic,
        IReadOnlyList<CodeAction> roslynFixes, ModelFixOptions options, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        ModelFixReport Report(string outcome, FixVerdicts? v = null) =>
            new(v?.Candidates ?? 0, v?.SmallEdits ?? 0, v?.Verified ?? 0, v?.SameAsRoslyn ?? 0, Stopwatch.GetElapsedTime(start), outcome) { Rewrites = v?.Rewrites ?? [] };
        if (!options.Enabled) return ([], Report("off"));
        if (diagnostic.Severity != DiagnosticSeverity.Error || !diagnostic.Location.IsInSource) return ([], Report("not an error"));
        if (loadedModel() is not { } model) return ([], Report("no model"));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Deadline);
        var fixes = new List<ModelFix>();
        var verdicts = new FixVerdicts();
        try
        {
            var text = await document.GetTextAsync(deadline.Token).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(deadline.Token).ConfigureAwait(false);
            if (root is null || FillRegion.For(root, text, diagnostic) is not { } region) return ([], Report("no region"));
            var fills = await FillAsync(model, document, diagnostic, region, options, deadline.Token).ConfigureAwait(false);
            var hypotheses = fills.Select(f => new TextChange(region.Span, region.Before + f + region.After)).ToList();
            verdicts.Rewrites = fills;
            await VerifyAsync(document, diagnostic, hypotheses, roslynFixes, options, fixes, verdicts, deadline.Token).ConfigureAwait(false);
            var version = await document.GetTextVersionAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _last, new LastProposal(document.Id, version, Key(diagnostic), diagnostic.Location.SourceSpan, fixes));
            return (fixes, Report("done", verdicts));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (fixes, Report("deadline", verdicts));
        }
        catch (ObjectDisposedException)
        {
            return ([], Report("model replaced"));
        }
    }

    private sealed class FixVerdicts
    {
        public int Candidates, SmallEdits, SameAsRoslyn, Verified;
        public IReadOnlyList<string> Rewrites = [];
    }

    /// <summary>
    /// Keeps the proposed changes that fix the diagnostic: a small change, the diagnostic gone, no new error, not what
    /// a Roslyn fix gives. Verified fixes are added to <paramref name="fixes"/> as they are found, so a deadline keeps
    /// those already checked.
    /// </summary>
    public static async Task<IReadOnlyList<ModelFix>> VerifyAsync(Document document, Diagnostic diagnostic, IReadOnlyList<TextChange> rewrites,
        IReadOnlyList<CodeAction> roslynFixes, ModelFixOptions options, CancellationToken cancellationToken)
    {
        var fixes = new List<ModelFix>();
        await VerifyAsync(document, diagnostic, rewrites, roslynFixes, options, fixes, new FixVerdicts(), cancellationToken).ConfigureAwait(false);
        return fixes;
    }

    private static async Task VerifyAsync(Document document, Diagnostic diagnostic, IReadOnlyList<TextChange> rewrites,
        IReadOnlyList<CodeAction> roslynFixes, ModelFixOptions options, List<ModelFix> fixes, FixVerdicts verdicts, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        // A change inside one member's body can only change that body's errors: the check binds the body alone.
        var body = root is null ? null : BodyAround(root, diagnostic.Location.SourceSpan);
        var before = await ErrorsAsync(document, body, cancellationToken).ConfigureAwait(false);
        var target = Key(diagnostic);
        List<string>? roslynTexts = null;
        foreach (var proposed in rewrites)
        {
            verdicts.Candidates++;
            var change = Minimal(text, proposed);
            if (change is null || ChangedChars(change.Value) > options.MaxChangedChars || IsGuess(text, change.Value)) continue;
            verdicts.SmallEdits++;

            var fixedText = text.WithChanges(change.Value);
            var candidate = document.WithText(fixedText);
            bool inBody = body is { } b && b.Start < change.Value.Span.Start && change.Value.Span.End < b.End;
            var after = inBody
                ? await ErrorsAsync(candidate, new TextSpan(body!.Value.Start, body.Value.Length + (change.Value.NewText?.Length ?? 0) - change.Value.Span.Length), cancellationToken).ConfigureAwait(false)
                : await ErrorsAsync(candidate, null, cancellationToken).ConfigureAwait(false);
            if (!inBody && body is not null)
                before = await ErrorsAsync(document, null, cancellationToken).ConfigureAwait(false);
            if (!IsFixed(before, after, target)) continue;
            roslynTexts ??= await RoslynResultsAsync(document, roslynFixes, cancellationToken).ConfigureAwait(false);
            if (roslynTexts.Contains(fixedText.ToString())) { verdicts.SameAsRoslyn++; continue; }
            if (fixes.Any(f => f.Change.Equals(change.Value))) continue;
            fixes.Add(new ModelFix(TitleOf(text, change.Value), change.Value, candidate));
            verdicts.Verified++;
        }
    }

    /// <summary>The model's fills of the region, best beam first: fill-in-the-middle with the code before the region as
    /// the prefix and the code after it as the suffix, the diagnostic named in the header, under the monitors where
    /// the region is code already written (after `x.` only real members, names only those in scope).</summary>
    private async Task<IReadOnlyList<string>> FillAsync(LanguageModel model, Document document, Diagnostic diagnostic, FillRegion region,
        ModelFixOptions options, CancellationToken cancellationToken)
    {
        int contextLength = model.Manifest.ContextLength;
        int answerRoom = Math.Max(48, contextLength / 8);
        var context = await PromptContextBuilder.BuildAsync(document, region.Span.Start, model.Tokenizer,
            PromptBudget.For(contextLength, answerRoom), [_header], cancellationToken).ConfigureAwait(false);
        string suffix = region.After + context.Suffix[Math.Min(region.Span.Length, context.Suffix.Length)..];
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Replace('\n', ' ');
        string header = context.Header + $"// error {diagnostic.Id}: {message}\n";
        var prompt = model.BuildPrompt(context.Prefix + region.Before, suffix, header, maxTokens: contextLength - answerRoom);
        var monitor = region.Before.Length > 0 ? null : await MemberMonitor.CreateAsync(document, region.Span.Start, model.Tokenizer,
            MonitorKinds.All | MonitorKinds.Names, prompt.Healing?.Bytes ?? [], cancellationToken).ConfigureAwait(false);
        var generation = new GenerationOptions { MaxTokens = 16, SingleLine = true, Mask = monitor };
        var beams = await model.BeamSearchAsync(prompt, options.Width, generation, cancellationToken).ConfigureAwait(false);
        string replaced = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString(region.Span);
        return beams.OrderByDescending(b => b.Score)
            .SelectMany(b => Trimmed(b.Text.TrimEnd('\r', '\n'), suffix, replaced)).Distinct().ToList();
    }

    /// <summary>
    /// A small model often writes on past the region into the code that follows it ("Create(" where only the name
    /// was missing): each fill is also offered without the part that repeats the suffix's start, and, where the region
    /// held a name, as its leading name alone. The compiler then decides between them.
    /// </summary>
    internal static IEnumerable<string> Trimmed(string fill, string suffix, string replaced)
    {
        yield return fill;
        for (int k = Math.Min(fill.Length, suffix.Length); k > 0; k--)
        {
            if (string.CompareOrdinal(fill, fill.Length - k, suffix, 0, k) == 0)
            {
                yield return fill[..^k];
                break;
            }
        }
        if (replaced.Length > 0 && replaced.All(c => SyntaxFacts.IsIdentifierPartCharacter(c)))
        {
            string name = new(fill.TakeWhile(c => SyntaxFacts.IsIdentifierPartCharacter(c)).ToArray());
            if (name.Length > 0) yield return name;
        }
    }

    /// <summary>The errors of a document as (code, message) pairs, with their counts.</summary>
    /// <param name="span">Only the errors there (a member's body); null: the whole document.</param>
    private static async Task<Dictionary<(string, string), int>> ErrorsAsync(Document document, TextSpan? span, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<(string, string), int>();
        if (model is null) return errors;
        foreach (var d in model.GetDiagnostics(span, cancellationToken))
            if (d.Severity == DiagnosticSeverity.Error)
                errors[Key(d)] = errors.GetValueOrDefault(Key(d)) + 1;
        return errors;
    }

    /// <summary>The span of the member body (of a method, accessor or local function) around the diagnostic, braces
    /// included, widened to the diagnostic when the compiler points outside it (CS0161 at the method's name).</summary>
    private static TextSpan? BodyAround(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var block = node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax>()
            .LastOrDefault(b => b.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax);
        // CS0161 points at the method's name, outside its body: its body is the one to check.
        block ??= node.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>()?.Body;
        return block is null ? null : TextSpan.FromBounds(Math.Min(span.Start, block.SpanStart), Math.Max(span.End, block.Span.End));
    }

    private static (string, string) Key(Diagnostic d) => (d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The target is gone (one fewer of it) and no error is new or more frequent than before.</summary>
    internal static bool IsFixed(Dictionary<(string, string), int> before, Dictionary<(string, string), int> after, (string, string) target) =>
        after.GetValueOrDefault(target) < before.GetValueOrDefault(target)
        && after.All(e => e.Value <= before.GetValueOrDefault(e.Key));

    /// <summary>The texts Roslyn's fixes for the diagnostic would leave in the document (a model fix equal to one is not offered twice).</summary>
    private static async Task<List<string>> RoslynResultsAsync(Document document, IReadOnlyList<CodeAction> fixes, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var fix in fixes)
        {
            try
            {
                var operations = await fix.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                if (operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(document.Id) is { } changed)
                    texts.Add((await changed.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A fix that cannot compute its edit offers nothing a model fix could duplicate.
            }
        }
        return texts;
    }

    /// <summary>A change reduced to what differs (common start and end kept); null when it changes nothing.</summary>
    internal static TextChange? Minimal(SourceText text, TextChange change) =>
        SmallestChange(text, change.Span, change.NewText ?? "");

    /// <summary>The line's change as one edit of the differing middle (common start and end kept); null when nothing differs.</summary>
    public static TextChange? SmallestChange(SourceText text, TextSpan line, string replacement)
    {
        string current = text.ToString(line);
        int head = 0;
        while (head < current.Length && head < replacement.Length && current[head] == replacement[head]) head++;
        int tail = 0;
        while (tail < current.Length - head && tail < replacement.Length - head && current[^(tail + 1)] == replacement[^(tail + 1)]) tail++;
        if (head == current.Length && head == replacement.Length) return null;
        return new TextChange(new TextSpan(line.Start + head, current.Length - head - tail), replacement[head..^tail]);
    }

    /// <summary>
    /// A fill that puts something else in place of a name or a literal is a guess at what the code means, not a fix
    /// (`Encoding` → `string`, `builder` → `null`, `HttpStatusCode.OK` → `0`, `4.1234` → `3` all compile): a name may only be respelt (at most a
    /// third of it, or 2 letters, edited) or qualified, and a literal is never changed.
    /// </summary>
    internal static bool IsGuess(SourceText text, TextChange change)
    {
        var (removed, inserted) = Widened(text, change);
        static bool IsName(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => SyntaxFacts.IsIdentifierPartCharacter(c));
        // A member access of names (`HttpStatusCode.OK`) counts as a name: a value put in its place is as much a guess.
        if (removed.Split('.').All(IsName) && removed is not ("true" or "false" or "null"))
        {
            if (IsName(inserted)) return Hover.EditDistance.Levenshtein(removed, inserted) > Math.Max(2, removed.Length / 3);
            return !(inserted.EndsWith("." + removed, StringComparison.Ordinal) && inserted.Split('.').All(IsName));
        }
        bool literal = removed.Length > 0 && (char.IsAsciiDigit(removed[0]) || removed[0] is '"' or '\'' or '@' or '$' || removed is "true" or "false" or "null");
        return literal;
    }

    private static int ChangedChars(TextChange change) => change.Span.Length + (change.NewText?.Length ?? 0);

    /// <summary>"Replace `Capasity` with `Capacity`", "Insert `(int)`", "Remove `, b`": a change inside a word is widened
    /// to the word, so the title shows the names rather than `s` → `c`.</summary>
    internal static string TitleOf(SourceText text, TextChange change)
    {
        var (removed, inserted) = Widened(text, change);
        string verb = removed.Length == 0 ? $"Insert `{inserted}`" : inserted.Length == 0 ? $"Remove `{removed}`" : $"Replace `{removed}` with `{inserted}`";
        return $"{verb} (nano model, compiler-checked)";
    }

    /// <summary>What a change removes and inserts, widened to whole words where it starts or ends inside one, trimmed.</summary>
    private static (string Removed, string Inserted) Widened(SourceText text, TextChange change)
    {
        string removed = text.ToString(change.Span), inserted = change.NewText ?? "";
        int start = change.Span.Start, end = change.Span.End;
        bool WordAt(string s, bool first) => s.Length > 0 && SyntaxFacts.IsIdentifierPartCharacter(first ? s[0] : s[^1]);
        if (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[start - 1]) && (WordAt(removed, true) || WordAt(inserted, true)))
            while (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[start - 1])) start--;
        if (end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end]) && (WordAt(removed, false) || WordAt(inserted, false)))
            while (end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end])) end++;
        string left = text.ToString(TextSpan.FromBounds(start, change.Span.Start)), right = text.ToString(TextSpan.FromBounds(change.Span.End, end));
        return ((left + removed + right).Trim(), (left + inserted + right).Trim());
    }
}
