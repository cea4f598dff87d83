using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features;
using NanoLsp.Features.CodeActions;
using NanoLsp.Model;
using NanoLsp.Workspace;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace NanoLsp.Eval;

/// <summary>
/// <c>NanoLsp eval-fix --cases CASES.jsonl [--all-files] [--per-kind N] [--per-file N] [--model DIR] [--deadline-ms N] [--out FIXES.jsonl]</c>:
/// breaks real files of the held-out repositories in the ways people do (<see cref="FixBreaker"/>), on the files the
/// case list names (with --all-files, every file of their repositories), and asks for fixes of the error the break caused, as an invoked code-action request does
/// (<see cref="CodeActionService"/>: Roslyn's fixes, then the model's verified ones). Counts a case fixed by a side
/// when one of its fixes leaves no error the unbroken file did not have, and exactly fixed when it gives the
/// unbroken text back (whitespace aside). A model fix is wrong when it leaves an error the broken file did not have.
/// </summary>
public static class FixEvalCommand
{
    public const string Usage = "NanoLsp eval-fix --cases CASES.jsonl [--all-files] [--per-kind N] [--per-file N] [--model DIR] [--deadline-ms N] [--out FIXES.jsonl]";

    private sealed record Outcome(string Workspace, string File, string Kind, string Break, string Diagnostic,
        int RoslynFixes, bool RoslynFixed, bool RoslynExact, int ModelFixes, bool ModelFixed, bool ModelExact, int ModelWrong,
        double ModelMs, string ModelOutcome, IReadOnlyList<string> ModelTitles, int[] Verdicts, IReadOnlyList<string> Rewrites);

    public static async Task<int> RunAsync(string[] args)
    {
        string? cases = null, modelDir = null, output = null;
        int perKind = 60, perFile = 2;
        bool allFiles = false;
        var options = new ModelFixOptions();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length: cases = args[++i]; break;
                case "--model" when i + 1 < args.Length: modelDir = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--per-kind" when i + 1 < args.Length && int.TryParse(args[i + 1], out int k) && k > 0: perKind = k; i++; break;
                case "--all-files": allFiles = true; break;
                case "--per-file" when i + 1 < args.Length && int.TryParse(args[i + 1], out int f) && f > 0: perFile = f; i++; break;
                case "--deadline-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], out int ms) && ms > 0:
                    options = options with { Deadline = TimeSpan.FromMilliseconds(ms) }; i++; break;
                default: return Fail($"unknown or incomplete argument '{args[i]}'.");
            }
        }
        if (cases is null) return Fail("--cases is required.");
        if (!File.Exists(cases)) return Fail($"no cases file {cases}.");
        List<(string Workspace, string File)> files;
        try
        {
            files = EvalCases.Read(cases)
                .Select(c => (Path.GetFullPath(c.Workspace), c.File)).Distinct().ToList();
        }
        catch (JsonException e)
        {
            return Fail($"{cases} is not JSON lines of cases: {e.Message}");
        }

        if (EvalCases.LoadModel(modelDir, out var noModel) is not { } model)
            return Fail(noModel!);
        using var _ = model;
        var logger = new EvalCommand.StderrLogger();
        var service = new CodeActionService(new LanguageFeatures(logger), null, new ModelFixes(() => model));
        var workspaces = files.Select(f => f.Workspace).Distinct().ToList();
        // Each kind's quota is shared out over the workspaces, so no one repository makes the figures.
        int perWorkspace = (perKind + workspaces.Count - 1) / workspaces.Count;
        Console.Error.WriteLine($"eval-fix: {files.Count} files of {workspaces.Count} repositories, up to {perKind} breaks of each kind " +
                                $"({perWorkspace} per repository, {perFile} per file), model {model.Manifest.Name}, deadline {options.Deadline.TotalMilliseconds} ms");

        var outcomes = new List<Outcome>();
        await using var writer = output is null ? null : new StreamWriter(output);
        foreach (string root in workspaces)
        {
            var solution = (await new WorkspaceLoader(logger).LoadAsync(root, _ => { }, CancellationToken.None).ConfigureAwait(false)).Solution;
            var taken = Enum.GetValues<BreakKind>().ToDictionary(k => k, _ => 0);
            // The case list's files, or (--all-files) every C# file of the repository the workspace compiles, in path order.
            var paths = allFiles
                ? solution.Projects.SelectMany(p => p.Documents).Select(d => d.FilePath).OfType<string>()
                    .Where(p => p.StartsWith(root, StringComparison.Ordinal) && p.EndsWith(".cs", StringComparison.Ordinal)
                        && !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
                    .Select(p => Path.GetRelativePath(root, p)).Distinct().Order(StringComparer.Ordinal).ToList()
                : files.Where(f => f.Workspace == root).Select(f => f.File).ToList();
            foreach (var file in paths)
            {
                if (PreferredDocument.Find(solution, Path.GetFullPath(Path.Combine(root, file))) is not { } document) continue;
                var text = await document.GetTextAsync().ConfigureAwait(false);
                var root_ = (await document.GetSyntaxRootAsync().ConfigureAwait(false))!;
                var semantic = (await document.GetSemanticModelAsync().ConfigureAwait(false))!;
                var unbroken = Errors(semantic);
                var inFile = Enum.GetValues<BreakKind>().ToDictionary(k => k, _ => 0);
                foreach (var broken in FixBreaker.Find(root_, semantic, text).ToList())
                {
                    if (taken[broken.Kind] >= perWorkspace || inFile[broken.Kind] >= perFile) continue;
                    var outcome = await RunCaseAsync(service, document, text, unbroken, broken, options).ConfigureAwait(false);
                    if (outcome is null) continue;
                    taken[broken.Kind]++;
                    inFile[broken.Kind]++;
                    outcome = outcome with { Workspace = Path.GetFileName(root), File = file };
                    outcomes.Add(outcome);
                    if (writer is not null)
                    {
                        await writer.WriteLineAsync(JsonSerializer.Serialize(outcome)).ConfigureAwait(false);
                        await writer.FlushAsync().ConfigureAwait(false);
                    }
                }
            }
            Console.Error.WriteLine($"eval-fix: {Path.GetFileName(root)}: {string.Join(", ", taken.Select(t => $"{t.Key} {t.Value}"))}");
        }
        PrintSummary(outcomes);
        return 0;
    }

    /// <summary>One break: the first new error nearest the change is the one asked about; null when the compiler reports none.</summary>
    private static async Task<Outcome?> RunCaseAsync(CodeActionService service, Document document, SourceText text,
        Dictionary<(string, string), int> unbroken, Break broken, ModelFixOptions options)
    {
        var brokenText = text.WithChanges(broken.Change);
        var brokenDocument = document.WithText(brokenText);
        var model = (await brokenDocument.GetSemanticModelAsync().ConfigureAwait(false))!;
        var all = model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var brokenErrors = Errors(model);
        // New: an error (by code and message) the unbroken file has fewer of.
        var fresh = all.Where(d => brokenErrors[Key(d)] > unbroken.GetValueOrDefault(Key(d))).ToList();
        if (fresh.Count == 0) return null;
        int site = broken.Change.Span.Start;
        var target = fresh.OrderBy(d => Math.Abs(d.Location.SourceSpan.Start - site)).First();

        var (roslyn, modelFixes, report) = await service.GetFixesWithModelAsync(brokenDocument, target, options, CancellationToken.None).ConfigureAwait(false);
        string original = Squeeze(text.ToString());
        bool roslynFixed = false, roslynExact = false;
        foreach (var fix in roslyn)
        {
            if (await ResultAsync(fix.Action, brokenDocument).ConfigureAwait(false) is not { } fixedDocument) continue;
            var (asGood, exact) = await JudgeAsync(fixedDocument, unbroken, original).ConfigureAwait(false);
            roslynFixed |= asGood;
            roslynExact |= exact;
        }
        bool modelFixed = false, modelExact = false;
        int wrong = 0;
        foreach (var fix in modelFixes)
        {
            var (asGood, exact) = await JudgeAsync(fix.Fixed, unbroken, original).ConfigureAwait(false);
            modelFixed |= asGood;
            modelExact |= exact;
            var after = Errors((await fix.Fixed.GetSemanticModelAsync().ConfigureAwait(false))!);
            if (after.Any(e => e.Value > brokenErrors.GetValueOrDefault(e.Key)) || after.GetValueOrDefault(Key(target)) >= brokenErrors[Key(target)])
                wrong++;
        }
        return new Outcome("", "", broken.Kind.ToString(), broken.Description, $"{target.Id}: {target.GetMessage()}", roslyn.Count, roslynFixed, roslynExact,
            modelFixes.Count, modelFixed, modelExact, wrong, Math.Round(report?.Latency.TotalMilliseconds ?? 0, 1), report?.Outcome ?? "none",
            modelFixes.Select(f => f.Title).ToList(),
            report is null ? [] : [report.Candidates, report.SmallEdits, report.Verified, report.SameAsRoslyn], report?.Rewrites ?? []);
    }

    private static async Task<Document?> ResultAsync(CodeAction action, Document document)
    {
        try
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            return operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(document.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>As good as the unbroken file (no error it did not have), and exactly it (whitespace aside).</summary>
    private static async Task<(bool AsGood, bool Exact)> JudgeAsync(Document fixedDocument, Dictionary<(string, string), int> unbroken, string original)
    {
        var errors = Errors((await fixedDocument.GetSemanticModelAsync().ConfigureAwait(false))!);
        bool asGood = errors.All(e => e.Value <= unbroken.GetValueOrDefault(e.Key));
        bool exact = Squeeze((await fixedDocument.GetTextAsync().ConfigureAwait(false)).ToString()) == original;
        return (asGood, exact);
    }

    private static Dictionary<(string, string), int> Errors(SemanticModel model)
    {
        var errors = new Dictionary<(string, string), int>();
        foreach (var d in model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            errors[Key(d)] = errors.GetValueOrDefault(Key(d)) + 1;
        return errors;
    }

    private static (string, string) Key(Diagnostic d) => (d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static void PrintSummary(List<Outcome> outcomes)
    {
        string Share(Func<Outcome, bool> test, IReadOnlyCollection<Outcome> of) => of.Count == 0 ? "-" : $"{of.Count(test) / (double)of.Count,6:P1}";
        Console.Error.WriteLine($"{"kind",-20} {"cases",5}  {"Roslyn",7} {"model",7} {"either",7}   {"exact: Roslyn",13} {"model",7}");
        foreach (var group in outcomes.GroupBy(o => o.Kind).Select(g => (g.Key, (IReadOnlyCollection<Outcome>)g.ToList())).Append(("all", outcomes)))
        {
            var (kind, list) = group;
            Console.Error.WriteLine($"{kind,-20} {list.Count,5}  {Share(o => o.RoslynFixed, list),7} {Share(o => o.ModelFixed, list),7} {Share(o => o.RoslynFixed || o.ModelFixed, list),7}   " +
                                    $"{Share(o => o.RoslynExact, list),13} {Share(o => o.ModelExact, list),7}");
        }
        int offered = outcomes.Sum(o => o.ModelFixes);
        Console.Error.WriteLine($"model fixes offered {offered} in {outcomes.Count(o => o.ModelFixes > 0)} cases; wrong (an error the broken file did not have, or the error left) {outcomes.Sum(o => o.ModelWrong)}; " +
                                $"not as good as the unbroken file {outcomes.Count(o => o.ModelFixes > 0 && !o.ModelFixed)} cases");
        var latencies = outcomes.Where(o => o.ModelOutcome != "none").Select(o => o.ModelMs).ToList();
        if (latencies.Count > 0)
            Console.Error.WriteLine($"model fix latency ms p50 {CompletionMetrics.Percentile(latencies, 50):0} p95 {CompletionMetrics.Percentile(latencies, 95):0}; " +
                                    $"outcomes {string.Join(", ", outcomes.GroupBy(o => o.ModelOutcome).Select(g => $"{g.Key} {g.Count()}"))}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"NanoLsp eval-fix: {message}\nUsage: {Usage}");
        return 2;
    }
}
