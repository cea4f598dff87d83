using NanoLsp.Logging;
using NanoLsp.Memory;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Eval;

/// <summary>
/// <c>NanoLsp eval --cases CASES.jsonl --out PRED.jsonl [--no-context] [--no-monitors] [--no-filters]
/// [--model DIR] [--deadline-ms N] [--trace FILE] [--cut-below LOGP|0] [--min-mean LOGP] [--memory none|all|CHANNEL,...]
/// [--memory-cut LOGP] [--no-show-policy] [--declined keep|silent|ask] [--every-position] [--show-threshold P] [--candidates LINES,WORDS]</c>: the evaluation contract
/// (docs/architecture.md). Typing-session cases are visited as the session's user reaches them
/// (<see cref="TypingSessionReplay"/>; <c>--every-position</c>: all of them, in order). Each case runs
/// through <see cref="InlineCompletionPipeline"/>, the handler's own path, with the automatic trigger's
/// options; each workspace is opened once with the server's <see cref="WorkspaceLoader"/>.
/// <c>expected</c> is read only for the summary on stderr.
/// </summary>
public static class EvalCommand
{
    public const string Usage = "NanoLsp eval --cases CASES.jsonl --out PREDICTIONS.jsonl [--no-context] [--no-monitors] [--no-filters] [--model DIR] [--deadline-ms N] [--trace FILE] [--cut-below LOGP|0] [--min-mean LOGP] [--memory none|all|mixing,candidates,neighbours,names] [--memory-cut LOGP] [--no-show-policy] [--declined keep|silent|ask] [--every-position] [--show-threshold P] [--candidates LINES,WORDS]";

    private sealed record Prediction(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("completion")] string Completion,
        [property: JsonPropertyName("latency_ms")] double LatencyMs);

    // Predictions stay readable: "i++" rather than "i\u002B\u002B".
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args)
    {
        string? cases = null, output = null, modelDir = null, tracePath = null;
        var options = new InlineCompletionOptions();
        bool everyPosition = false;
        double? showThreshold = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length: cases = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--model" when i + 1 < args.Length: modelDir = args[++i]; break;
                case "--trace" when i + 1 < args.Length: tracePath = args[++i]; break;
                case "--deadline-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], out int ms) && ms > 0:
                    options = options with { Deadline = TimeSpan.FromMilliseconds(ms) }; i++; break;
                case "--cut-below" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out double cut):
                    options = options with { CutBelowLogProb = cut < 0 ? cut : null }; i++; break;
                case "--min-mean" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out double mean):
                    options = options with { MinMeanLogProb = mean }; i++; break;
                case "--memory" when i + 1 < args.Length && ParseChannels(args[i + 1]) is { } channels:
                    options = options with { Memory = channels }; i++; break;
                case "--memory-cut" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out double memoryCut):
                    options = options with { MemoryCandidateCut = memoryCut }; i++; break;
                case "--no-context": options = options with { IncludeHeader = false }; break;
                case "--no-monitors": options = options with { Monitors = MonitorKinds.None }; break;
                case "--no-show-policy": options = options with { ShowPolicy = false }; break;
                case "--declined" when i + 1 < args.Length && ParseDeclined(args[i + 1]) is { } declined:
                    options = options with { Declined = declined }; i++; break;
                case "--every-position": everyPosition = true; break;
                case "--candidates" when i + 1 < args.Length && args[i + 1].Split(',') is [var l, var w] && int.TryParse(l, out int lines) && int.TryParse(w, out int words):
                    options = options with { CandidateLines = lines, CandidateWords = words }; i++; break;
                case "--show-threshold" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out double threshold):
                    showThreshold = threshold; i++; break;
                case "--no-filters": options = options with { Filters = false }; break;
                default: return Fail($"unknown or incomplete argument '{args[i]}'.");
            }
        }
        if (cases is null || output is null) return Fail("--cases and --out are required.");
        if (!File.Exists(cases)) return Fail($"no cases file {cases}.");

        List<EvalCase> all;
        try
        {
            all = EvalCases.Read(cases).ToList();
        }
        catch (JsonException e)
        {
            return Fail($"{cases} is not JSON lines of cases: {e.Message}");
        }

        if (EvalCases.LoadModel(modelDir, out var noModel) is not { } model)
            return Fail(noModel!);
        using var _ = model;
        Console.Error.WriteLine($"eval: {all.Count} cases, model {model.Manifest.Name} (context {model.Manifest.ContextLength}), " +
                                $"context {(options.IncludeHeader ? "on" : "off")}, monitors {(options.Monitors != MonitorKinds.None ? "on" : "off")}, " +
                                $"memory {options.Memory}, " +
                                $"filters {(options.Filters ? $"on (min mean {options.MinMeanLogProb}, cut below {options.CutBelowLogProb?.ToString() ?? "never"})" : "off")}, deadline {options.Deadline?.TotalMilliseconds.ToString() ?? "none"} ms");

        // The repository memory is built for each workspace as the server builds it after a load, from the files
        // on disk; each case's own text then replaces its document's, as an open buffer does.
        var memory = new RepositoryMemory();
        string? memoryRoot = null;
        var pipeline = options.Memory.UseIndex() ? new InlineCompletionPipeline(memory) : new InlineCompletionPipeline();
        var policy = ShowPolicy.Load(ModelLocator.Locate(modelDir));
        var backend = new LocalModelBackend(model, showThreshold is { } t ? policy.WithThreshold(t) : policy);
        var logger = new StderrLogger();
        var workspaces = new Dictionary<string, Solution>();
        var results = new List<(EvalCase Case, InlineCompletionResult Result)>();
        await using var writer = new StreamWriter(output);
        // The trace (for tuning thresholds) may show `expected`: it is written after the completion is made.
        await using var trace = tracePath is null ? null : new StreamWriter(tracePath);
        var warm = new HashSet<string>();
        var compiled = new HashSet<ProjectId>();
        var session = new TypingSessionReplay();
        foreach (var c in all)
        {
            if (!everyPosition && !session.Visits(c)) continue;
            string root = Path.GetFullPath(c.Workspace);
            if (!workspaces.TryGetValue(root, out var solution))
            {
                var outcome = await new WorkspaceLoader(logger).LoadAsync(root, _ => { }, CancellationToken.None).ConfigureAwait(false);
                workspaces[root] = solution = outcome.Solution;
            }
            if (options.Memory.UseIndex() && memoryRoot != root)
            {
                var figures = await memory.BuildAsync(solution, [root], model.Tokenizer, null, CancellationToken.None).ConfigureAwait(false);
                Console.Error.WriteLine($"eval: memory of {root}: {figures.Documents} documents, {figures.Tokens} tokens, " +
                                        $"{figures.ApproximateBytes / 1e6:0.0} MB, built in {figures.BuildTime.TotalSeconds:0.00} s ({figures.Skipped} skipped)");
                memoryRoot = root;
            }
            var document = FindDocument(solution, Path.Combine(root, c.File));
            if (document is null)
            {
                Console.Error.WriteLine($"eval: {c.Id}: {c.File} is not a document of {root}; predicted empty.");
                await writer.WriteLineAsync(JsonSerializer.Serialize(new Prediction(c.Id, "", 0), Json)).ConfigureAwait(false);
                continue;
            }
            // The file's project compiled once, as an open editor's diagnostics compile it: each case's keystroke then binds
            // into that compilation (FrozenSemantics), as it does in the editor.
            if (compiled.Add(document.Project.Id))
                await document.Project.GetCompilationAsync().ConfigureAwait(false);
            var sourceText = SourceText.From(c.Text);
            document = document.WithText(sourceText);
            int position;
            try
            {
                position = ProtocolConversions.ToOffset(sourceText, new Position(c.Line, c.Character));
            }
            catch (LspException e)
            {
                Console.Error.WriteLine($"eval: {c.Id}: {e.Message}; predicted empty.");
                await writer.WriteLineAsync(JsonSerializer.Serialize(new Prediction(c.Id, "", 0), Json)).ConfigureAwait(false);
                continue;
            }
            if (warm.Add(root))
            {
                // An editor has had the project open: its first compilation (and, once, JIT and ORT's first
                // runs) would otherwise land on the first case of each workspace. Not timed, not scored.
                await pipeline.CompleteAsync(backend, document, position, options with { Deadline = null }, CancellationToken.None).ConfigureAwait(false);
            }
            var result = await pipeline.CompleteAsync(backend, document, position, options, CancellationToken.None).ConfigureAwait(false);
            results.Add((c, result));
            session.Saw(c, result.First);
            if (trace is not null)
                await trace.WriteLineAsync(TraceLine(c, result, model.Tokenizer)).ConfigureAwait(false);
            await writer.WriteLineAsync(JsonSerializer.Serialize(new Prediction(c.Id, result.First ?? "", Math.Round(result.Latency.TotalMilliseconds, 1)), Json)).ConfigureAwait(false);
        }
        PrintSummary(results, pipeline.CompileChecks);
        return 0;
    }

    private static string TraceLine(EvalCase c, InlineCompletionResult r, NanoTokenizer tokenizer)
    {
        var tokens = r.Generation?.Tokens ?? [];
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = c.Id, ["expected"] = c.Expected, ["shown"] = r.First ?? "", ["raw"] = r.RawCompletion,
            ["verdict"] = r.Verdict?.ToString(), ["source"] = r.Source.ToString(), ["shape"] = r.Shape?.ToString(),
            ["stop"] = r.StoppedAtDoubt ? "Doubt" : r.Generation?.StopReason.ToString(), ["tokens"] = tokens.Count,
            ["mean_logprob"] = tokens.Count == 0 ? null : Math.Round(tokens.Average(t => (double)t.LogProb), 3),
            ["min_logprob"] = tokens.Count == 0 ? null : Math.Round(tokens.Min(t => (double)t.LogProb), 3),
            ["first_logprob"] = tokens.Count == 0 ? null : Math.Round((double)tokens[0].LogProb, 3),
            ["token_logprobs"] = tokens.Select(t => Math.Round((double)t.LogProb, 3)).ToArray(),
            ["constrained_logprobs"] = tokens.Select(t => Math.Round((double)t.ConstrainedLogProb, 3)).ToArray(),
            ["token_texts"] = tokens.Select(t => tokenizer.Decode([t.Id])).ToArray(),
            // A token's text loses the bytes of a character it splits; the show policy counts bytes (show_filter.py).
            ["token_bytes"] = tokens.Select(t => tokenizer.TokenBytes(t.Id).Length).ToArray(),
            ["healed_bytes"] = r.HealedBytes,
            ["shown_from"] = r.ShownFromMemory?.ToString(),
            ["suggestions"] = r.Suggestions,
            ["whole"] = r.Whole,
            ["mid_word"] = c.Text.Split('\n') is var lines && c.Line < lines.Length && ShowPolicy.EndsMidWord(lines[c.Line][..Math.Min(c.Character, lines[c.Line].Length)]),
            ["memory"] = r.MemoryCandidates.Select(m => new Dictionary<string, object?>
            {
                ["text"] = m.Candidate.Text, ["kind"] = m.Candidate.Kind.ToString(), ["support"] = m.Candidate.Support,
                ["logprobs"] = m.Score.Tokens.Select(t => Math.Round((double)t.ConstrainedLogProb, 3)).ToArray(),
                ["retype"] = m.Score.Tokens.Select(t => t.RetypesHealedText).ToArray(),
                ["token_texts"] = m.Score.Tokens.Select(t => tokenizer.Decode([t.Id])).ToArray(),
                ["token_bytes"] = m.Score.Tokens.Select(t => tokenizer.TokenBytes(t.Id).Length).ToArray(),
            }).ToArray(),
            ["prompt_tokens"] = r.Generation?.PromptTokens, ["reused_tokens"] = r.Generation?.ReusedPromptTokens,
            ["monitor_argmax_changes"] = r.MonitorStats?.ArgmaxChanges,
            ["latency_ms"] = Math.Round(r.Latency.TotalMilliseconds, 1),
            ["stage_ms"] = new[] { r.Stages.Context, r.Stages.Model, r.Stages.Filters }.Select(v => Math.Round(v, 1)).ToArray(),
        }, Json);
    }

    private static DeclinedSuggestion? ParseDeclined(string value) => value switch
    {
        "keep" => DeclinedSuggestion.Keep, "silent" => DeclinedSuggestion.Silent, "ask" => DeclinedSuggestion.AskModel, _ => null,
    };

    private static MemoryChannels? ParseChannels(string value)
    {
        if (value == "none") return MemoryChannels.None;
        if (value == "all") return MemoryChannels.All;
        var channels = MemoryChannels.None;
        foreach (string name in value.Split(','))
        {
            if (!Enum.TryParse<MemoryChannels>(name, ignoreCase: true, out var channel)) return null;
            channels |= channel;
        }
        return channels;
    }

    private static Document? FindDocument(Solution solution, string path)
    {
        string full = Path.GetFullPath(path);
        return PreferredDocument.Find(solution, full);
    }

    private static void PrintSummary(List<(EvalCase Case, InlineCompletionResult Result)> results, CompileCheckStats checks)
    {
        var scored = results.Where(r => r.Case.Expected is not null).Select(r => (r.Result.First ?? "", r.Case.Expected!)).ToList();
        var m = CompletionMetrics.Compute(scored);
        var latencies = results.Select(r => r.Result.Latency.TotalMilliseconds).ToList();
        var monitors = results.Select(r => r.Result.MonitorStats).OfType<MonitorStats>().ToList();
        Console.Error.WriteLine($"cases            {m.Cases}");
        Console.Error.WriteLine($"exact match      {m.ExactMatch:P1}");
        Console.Error.WriteLine($"edit similarity  {m.EditSimilarity:P1}");
        Console.Error.WriteLine($"chars saved      {m.CharsSaved:P1}");
        Console.Error.WriteLine($"wrong shown      {m.WrongShown:P1}");
        Console.Error.WriteLine($"shown            {m.Shown:P1}");
        Console.Error.WriteLine($"latency ms       p50 {CompletionMetrics.Percentile(latencies, 50):0.0}  p95 {CompletionMetrics.Percentile(latencies, 95):0.0}");
        Console.Error.WriteLine($"monitors         {monitors.Count} cases monitored; member-access steps {monitors.Sum(s => s.MemberAccessSteps)}, " +
                                $"object-creation steps {monitors.Sum(s => s.ObjectCreationSteps)}, name steps {monitors.Sum(s => s.NameSteps)}, argmax changed {monitors.Sum(s => s.ArgmaxChanges)} times");
        Console.Error.WriteLine($"compile checks   {checks.Runs} run, {checks.OverBudget} over budget (passed unchecked)");
        Console.Error.WriteLine($"filter verdicts  {Counts(results.Select(r => r.Result.Verdict?.ToString() ?? "(none)"))}");
        Console.Error.WriteLine($"sources          {Counts(results.Select(r => r.Result.Source.ToString()))}");
        Console.Error.WriteLine($"shown from       {Counts(results.Where(r => r.Result.First is not null).Select(r => r.Result.ShownFromMemory?.ToString() ?? "model"))}");
    }

    private static string Counts(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"NanoLsp eval: {message}\nUsage: {Usage}");
        return 2;
    }

    /// <summary>Warnings and errors only: eval's stderr is its summary.</summary>
    internal sealed class StderrLogger : ILog
    {
        public void Log(LogLevel level, string message)
        {
            if (level <= LogLevel.Warning) Console.Error.WriteLine($"[{level.ToString().ToLowerInvariant()}] {message}");
        }
    }
}
