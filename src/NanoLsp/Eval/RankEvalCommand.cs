using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Features.Completion;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Eval;

/// <summary>
/// <c>NanoLsp eval-rank --cases CASES.jsonl [--model DIR] [--deadline-ms N] [--scored N] [--starred N] [--prompt-tokens N] [--typed N]
/// [--limit N] [--out RANKS.jsonl]</c>: the completion list ranked with the model against Roslyn's order, on the evaluation
/// contract's cases (docs/architecture.md). Kept: member-access positions (the line before the caret ends with
/// `.`) and statement starts (only indentation before it) whose expected text starts with a name Roslyn's list
/// holds. Each list is made by <see cref="CompletionFeatureService"/>, the handler's own path, once without
/// ranking and once with it; the list order is the one an editor shows before anything is typed (sort text,
/// then label). With <c>--typed N</c> the name's first N letters are typed before the list is asked (invoked, as VS
/// Code's quick suggestions ask at a word's first letter), and the order is that of the items whose filter text starts
/// with them. Prints MRR, top-1 and top-5 before and after, and the list latency p50/p95 and the memory allocated per
/// list (p50, the whole process: ranking overlaps Roslyn's list) of each.
/// </summary>
public static class RankEvalCommand
{
    public const string Usage = "NanoLsp eval-rank --cases CASES.jsonl [--model DIR] [--deadline-ms N] [--scored N] [--starred N] [--prompt-tokens N] [--typed N] [--limit N] [--out RANKS.jsonl]";

    private sealed record Outcome(string Id, string Kind, string Expected, int Items, int Before, int After,
        double BeforeMs, double AfterMs, double RankMs, string Ranking, int WholeScored, double[] StageMs,
        long BeforeKb, long AfterKb, double PromptBuildMs, double PrefillMs);

    public static async Task<int> RunAsync(string[] args)
    {
        string? cases = null, modelDir = null, output = null;
        var options = new RankingOptions();
        int limit = int.MaxValue, typedLetters = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length: cases = args[++i]; break;
                case "--model" when i + 1 < args.Length: modelDir = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--deadline-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], out int ms) && ms > 0:
                    options = options with { Deadline = TimeSpan.FromMilliseconds(ms) }; i++; break;
                case "--scored" when i + 1 < args.Length && int.TryParse(args[i + 1], out int scored) && scored > 0:
                    options = options with { Scored = scored }; i++; break;
                case "--starred" when i + 1 < args.Length && int.TryParse(args[i + 1], out int starred) && starred > 0:
                    options = options with { Starred = starred }; i++; break;
                case "--prompt-tokens" when i + 1 < args.Length && int.TryParse(args[i + 1], out int tokens) && tokens >= 64:
                    options = options with { PromptTokens = tokens }; i++; break;
                case "--typed" when i + 1 < args.Length && int.TryParse(args[i + 1], out int typed) && typed >= 0:
                    typedLetters = typed; i++; break;
                case "--limit" when i + 1 < args.Length && int.TryParse(args[i + 1], out int n) && n > 0:
                    limit = n; i++; break;
                default: return Fail($"unknown or incomplete argument '{args[i]}'.");
            }
        }
        if (cases is null) return Fail("--cases is required.");
        if (!File.Exists(cases)) return Fail($"no cases file {cases}.");

        List<(EvalCase Case, string Kind, string Name)> chosen;
        try
        {
            chosen = EvalCases.Read(cases)
                .Select(c => (Case: c, Kind: KindOf(c), Name: LeadingName(c.Expected ?? "")))
                .Where(c => c.Kind.Length > 0 && c.Name.Length > typedLetters)
                .Take(limit)
                .ToList();
        }
        catch (JsonException e)
        {
            return Fail($"{cases} is not JSON lines of cases: {e.Message}");
        }

        if (EvalCases.LoadModel(modelDir, out var noModel) is not { } model)
            return Fail(noModel!);
        using var _ = model;
        Console.Error.WriteLine($"eval-rank: {chosen.Count} member-access and statement-start positions, model {model.Manifest.Name}, " +
                                $"deadline {options.Deadline.TotalMilliseconds} ms, {options.Scored} scored whole, {options.Starred} starred" +
                                (typedLetters > 0 ? $", the first {typedLetters} letter(s) typed" : ""));

        var service = new CompletionFeatureService(new ModelRanking(() => model));
        var logger = new EvalCommand.StderrLogger();
        var workspaces = new Dictionary<string, Solution>();
        var outcomes = new List<Outcome>();
        int notListed = 0;
        await using var writer = output is null ? null : new StreamWriter(output);
        var warm = new HashSet<string>();
        var compiled = new HashSet<ProjectId>();
        foreach (var (c, kind, name) in chosen)
        {
            string root = Path.GetFullPath(c.Workspace);
            if (!workspaces.TryGetValue(root, out var solution))
                workspaces[root] = solution = (await new WorkspaceLoader(logger).LoadAsync(root, _ => { }, CancellationToken.None).ConfigureAwait(false)).Solution;
            if (PreferredDocument.Find(solution, Path.GetFullPath(Path.Combine(root, c.File))) is not { } original)
                continue;
            // Compiled once, as an open editor's diagnostics compile it (the list and its prompt then bind into it).
            if (compiled.Add(original.Project.Id))
                await original.Project.GetCompilationAsync().ConfigureAwait(false);
            string typed = name[..typedLetters];
            var caseText = SourceText.From(c.Text);
            var document = original.WithText(caseText.WithChanges(new TextChange(new TextSpan(caseText.Lines[c.Line].Start + c.Character, 0), typed)));
            var position = new Position(c.Line, c.Character + typed.Length);
            var context = kind == "member" && typed.Length == 0 ? new CompletionContext(CompletionTriggerKinds.TriggerCharacter, ".")
                : new CompletionContext(CompletionTriggerKinds.Invoked);
            // The list waits for its ranking to the deadline: this measures what the ranking finds. (The server's list
            // waits nanolsp.completion.rankWaitMs, rankWaitColdMs where the model has not read the place, and then goes
            // out in Roslyn's order while the ranking goes on; the typing benchmark counts the lists shown ranked.)
            var on = options with { Enabled = true, Wait = options.Deadline, ColdWait = options.Deadline };

            // The editor has compiled the file already (diagnostics): the first list of a document is not timed;
            // the first of a workspace also warms the model (JIT, ONNX Runtime's first runs).
            // (A service of its own for the warm-up: the ranking remembers the last prompt's scores, and the list timed
            // below must score its own.)
            var warmUp = warm.Add(root) ? new CompletionFeatureService(new ModelRanking(() => model)) : service;
            await warmUp.GetCompletionsAsync(document, position, context, CancellationToken.None,
                rankingOptions: warmUp != service ? on with { Deadline = TimeSpan.FromMinutes(1), Wait = TimeSpan.FromMinutes(1), ColdWait = TimeSpan.FromMinutes(1) } : null).ConfigureAwait(false);
            long start = Stopwatch.GetTimestamp(), allocated = GC.GetTotalAllocatedBytes(precise: true);
            var before = await service.GetCompletionsAsync(document, position, context, CancellationToken.None).ConfigureAwait(false);
            double beforeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            long beforeKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024;
            start = Stopwatch.GetTimestamp();
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            var after = await service.GetCompletionsAsync(document, position, context, CancellationToken.None, rankingOptions: on).ConfigureAwait(false);
            double afterMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            long afterKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024;
            var ranking = service.LastRanking!;

            int rankBefore = RankOf(before.Items, name, typed), rankAfter = RankOf(after.Items, name, typed);
            if (rankBefore == 0)
            {
                notListed++;
                continue;
            }
            var outcome = new Outcome(c.Id, kind, name, before.Items.Count, rankBefore, rankAfter, Math.Round(beforeMs, 1), Math.Round(afterMs, 1),
                Math.Round(ranking.Latency.TotalMilliseconds, 1), ranking.Outcome, ranking.WholeScored, ranking.StageMs, beforeKb, afterKb,
                Math.Round(ranking.PreparedMs.Build, 1), Math.Round(ranking.PreparedMs.Prefill, 1));
            outcomes.Add(outcome);
            if (writer is not null)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(outcome)).ConfigureAwait(false);
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
        Console.Error.WriteLine($"eval-rank: {notListed} positions left out, the expected name not in Roslyn's list");
        PrintSummary(outcomes);
        return 0;
    }

    /// <summary>"member" after `.`, "start" at a statement start (only indentation before the caret), else "".</summary>
    private static string KindOf(EvalCase c)
    {
        var lines = c.Text.Split('\n');
        if (c.Line >= lines.Length) return "";
        string before = lines[c.Line][..Math.Min(c.Character, lines[c.Line].Length)];
        if (before.Trim().Length == 0) return "start";
        return before.EndsWith('.') && before.Length > 1 && (SyntaxFacts.IsIdentifierPartCharacter(before[^2]) || before[^2] is ')' or ']' or '>') ? "member" : "";
    }

    private static string LeadingName(string expected) =>
        expected.Length > 0 && (char.IsLetter(expected[0]) || expected[0] == '_')
            ? new string(expected.TakeWhile(ch => SyntaxFacts.IsIdentifierPartCharacter(ch)).ToArray()) : "";

    /// <summary>The 1-based place of the item named <paramref name="name"/> in the order an editor shows the list (sort
    /// text, then label, ordinal as VS Code compares them), among the items whose filter text starts with what is
    /// <paramref name="typed"/>; 0 when it is not in the list.</summary>
    internal static int RankOf(IReadOnlyList<CompletionItem> items, string name, string typed = "")
    {
        var ordered = items.Where(i => (i.FilterText ?? i.Label).StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.SortText ?? i.Label, StringComparer.Ordinal).ThenBy(i => i.Label, StringComparer.Ordinal).ToList();
        return ordered.FindIndex(i => i.Label == name) + 1;
    }

    private static void PrintSummary(List<Outcome> outcomes)
    {
        foreach (var group in new[] { ("all", outcomes), ("member", outcomes.Where(o => o.Kind == "member").ToList()), ("start", outcomes.Where(o => o.Kind == "start").ToList()) })
        {
            var (label, list) = group;
            if (list.Count == 0) continue;
            Console.Error.WriteLine($"{label,-7} {list.Count} positions (median {Median(list.Select(o => (double)o.Items))} items)");
            Console.Error.WriteLine($"  before (Roslyn)  MRR {Mrr(list, o => o.Before):0.000}  top-1 {Share(list, o => o.Before == 1):P1}  top-5 {Share(list, o => o.Before <= 5):P1}  " +
                                    $"list ms p50 {CompletionMetrics.Percentile(list.Select(o => o.BeforeMs).ToList(), 50):0.0} p95 {CompletionMetrics.Percentile(list.Select(o => o.BeforeMs).ToList(), 95):0.0}  " +
                                    $"allocated KB p50 {CompletionMetrics.Percentile(list.Select(o => (double)o.BeforeKb).ToList(), 50):0}");
            Console.Error.WriteLine($"  after (model)    MRR {Mrr(list, o => o.After):0.000}  top-1 {Share(list, o => o.After == 1):P1}  top-5 {Share(list, o => o.After <= 5):P1}  " +
                                    $"list ms p50 {CompletionMetrics.Percentile(list.Select(o => o.AfterMs).ToList(), 50):0.0} p95 {CompletionMetrics.Percentile(list.Select(o => o.AfterMs).ToList(), 95):0.0}  " +
                                    $"allocated KB p50 {CompletionMetrics.Percentile(list.Select(o => (double)o.AfterKb).ToList(), 50):0}");
        }
        Console.Error.WriteLine($"ranking          {string.Join(", ", outcomes.GroupBy(o => o.Ranking).Select(g => $"{g.Key} {g.Count()}"))}; " +
                                $"ranking ms p50 {CompletionMetrics.Percentile(outcomes.Select(o => o.RankMs).ToList(), 50):0.0} p95 {CompletionMetrics.Percentile(outcomes.Select(o => o.RankMs).ToList(), 95):0.0}");
        // Where a ranked list's time went: the prompt made beside Roslyn's list (its build, its prefill), then the
        // ranking's own stages (waiting for that prompt, the first-token pass, the whole pass).
        double P50(Func<Outcome, double> of) => CompletionMetrics.Percentile(outcomes.Select(of).ToList(), 50);
        double Stage(Outcome o, int i) => i < o.StageMs.Length ? o.StageMs[i] : 0;
        Console.Error.WriteLine($"ranking stages   p50 ms: prompt build {P50(o => o.PromptBuildMs):0.0}, prefill {P50(o => o.PrefillMs):0.0}; " +
                                $"waiting for the prompt {P50(o => Stage(o, 0)):0.0}, first-token pass {P50(o => Stage(o, 1)):0.0}, whole pass {P50(o => Stage(o, 2)):0.0}");
    }

    private static double Mrr(List<Outcome> list, Func<Outcome, int> rank) => list.Average(o => 1.0 / rank(o));
    private static double Share(List<Outcome> list, Func<Outcome, bool> test) => list.Count(test) / (double)list.Count;
    private static double Median(IEnumerable<double> values) => CompletionMetrics.Percentile(values.ToList(), 50);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"NanoLsp eval-rank: {message}\nUsage: {Usage}");
        return 2;
    }
}
