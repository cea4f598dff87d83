using NanoLsp.Logging;
using System.Text.Json;

namespace NanoLsp.Server;

/// <summary>
/// Every nanolsp.* setting, in one place (documented in docs/protocol.md). Immutable: a
/// configuration change makes a new instance, so a running request keeps a consistent view.
/// </summary>
public sealed record ServerSettings
{
    public static ServerSettings Default { get; } = new();

    /// <summary>Tuned on the dev set (docs/inline-completion.md, "Tuning"): cut before the first token less likely than this.</summary>
    public const double DefaultInlineCutBelowLogProb = -0.5;

    /// <summary>Tuned on the dev set: below this mean token log-probability most suggestions were wrong.</summary>
    public const double DefaultInlineMinMeanLogProb = -1.5;

    /// <summary>Long enough for the multi-line answers (80 tokens) to pass whole; users lower it for shorter ghost text.</summary>
    public const int DefaultInlineMaxLength = 500;

    /// <summary>50 ms since the member monitor stopped asking Roslyn on every keystroke: the decode stage got quicker
    /// (p50 22-26 -> 14 ms) and the check, no longer after a monitor that had made the compilation, ran over 40 ms
    /// more often (typing eval, test: 21 -> 25 of 170 checks). The eval's typing session moves with such timings from run
    /// to run: test 45.7 / 29.5 % (saved / wrong shown) in one run at 50, 42.0 / 31.0 % in the session's last; dev 53.0 /
    /// 21.7 % and 53.2 / 21.4 % (53.0 / 22.6 % at 40) (docs/repository-memory.md, "The monitor's questions, once a line").</summary>
    public const int DefaultInlineCompileCheckMs = 50;

    /// <summary>nanolsp.logLevel: error | warning | info | debug — what goes to window/logMessage.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>nanolsp.diagnostics.debounceMs: quiet time after an edit before diagnostics are recomputed (pushed ones; of
    /// the pulled, the analyzers' report: the compiler's is answered at once).</summary>
    public int DiagnosticsDebounceMs { get; init; } = 150;

    /// <summary>nanolsp.diagnostics.analyzers: include analyzer diagnostics (not only compiler ones).</summary>
    public bool AnalyzersEnabled { get; init; } = true;

    /// <summary>nanolsp.inlineCompletion.enabled: answer inline-completion requests from the model.</summary>
    public bool InlineCompletionEnabled { get; init; } = true;

    /// <summary>nanolsp.inlineCompletion.deadlineMs: end-to-end budget of an automatic inline completion; a slower answer is dropped.</summary>
    public int InlineDeadlineMs { get; init; } = 300;

    /// <summary>nanolsp.inlineCompletion.cutBelowLogProb: a suggestion ends before the first token less likely than this (null: never cut).</summary>
    public double? InlineCutBelowLogProb { get; init; } = DefaultInlineCutBelowLogProb;

    /// <summary>nanolsp.inlineCompletion.maxLength: the longest suggestion shown, in characters (cut on a line or word boundary).</summary>
    public int InlineMaxLength { get; init; } = DefaultInlineMaxLength;

    /// <summary>nanolsp.inlineCompletion.compileCheckMs: budget of the speculative compile check; past it the suggestion passes.</summary>
    public int InlineCompileCheckMs { get; init; } = DefaultInlineCompileCheckMs;

    /// <summary>nanolsp.inlineCompletion.context / .monitors / .filters: switch a stage off (for ablations).</summary>
    public bool InlineContext { get; init; } = true;
    public bool InlineMonitors { get; init; } = true;
    public bool InlineFilters { get; init; } = true;

    /// <summary>nanolsp.inlineCompletion.minMeanLogProb: below this mean token log-probability a suggestion is not shown.</summary>
    public double InlineMinMeanLogProb { get; init; } = DefaultInlineMinMeanLogProb;

    /// <summary>nanolsp.memory.mixing / .candidates / .neighbours / .names: the repository memory's channels into inline
    /// completion (docs/repository-memory.md); each can be switched off on its own.</summary>
    public bool MemoryMixing { get; init; } = true;
    public bool MemoryCandidates { get; init; } = true;
    public bool MemoryNeighbours { get; init; } = false;
    public bool MemoryNames { get; init; } = true;

    /// <summary>nanolsp.workspace.solutions: the solution or project files to load (absolute, or relative to a workspace
    /// folder), in place of what a folder would load by itself (every solution at its top); a folder with none of them
    /// loads as before. For a repository whose all-in-one solution is far bigger than the part being worked on.</summary>
    public IReadOnlyList<string> Solutions { get; init; } = [];

    /// <summary>nanolsp.backends: where inline completions come from, in order (default: the local model alone, so
    /// nothing leaves the machine); docs/remote-backends.md.</summary>
    public IReadOnlyList<BackendSetting> Backends { get; init; } = BackendSetting.Default;

    /// <summary>nanolsp.routing.policy: how a backend is picked per request.</summary>
    public RoutingPolicy RoutingPolicy { get; init; } = RoutingPolicy.Ordered;

    /// <summary>nanolsp.routing.hedgeAfterMs: a remote that has not answered by then has the local model start too
    /// (the first valid answer wins); null: no hedging, the local model starts only when the remote has failed.</summary>
    public int? HedgeAfterMs { get; init; } = 100;

    /// <summary>Room for the model's two passes over a completion list on a loaded 2-core machine (docs/protocol.md).</summary>
    public const int DefaultCompletionRankDeadlineMs = 250;

    /// <summary>nanolsp.completion.rankWithModel: star and put first the items the model finds likeliest (else Roslyn's order alone).</summary>
    public bool CompletionRankWithModel { get; init; } = true;

    /// <summary>nanolsp.completion.rankDeadlineMs: the most time the model's ranking of one list may take; past it the
    /// ranking ends with what it has scored (nothing scored whole: Roslyn's order).</summary>
    public int CompletionRankDeadlineMs { get; init; } = DefaultCompletionRankDeadlineMs;

    /// <summary>How long a completion list waits for the model's ranking once Roslyn's items are ready: as long as the
    /// ranking may take. Waiting less made lists quicker while typing but most of them went out without stars
    /// (docs/protocol.md, "Completion (the list)").</summary>
    public const int DefaultCompletionRankWaitMs = DefaultCompletionRankDeadlineMs;

    /// <summary>nanolsp.completion.rankWaitMs: how long the list waits for its ranking once Roslyn's items are ready; a
    /// ranking not done by then goes on, and the list goes out in Roslyn's order marked incomplete, so the editor asks
    /// again at the next letter and gets the stars. At or past the deadline the list waits for its ranking.</summary>
    public int CompletionRankWaitMs { get; init; } = DefaultCompletionRankWaitMs;

    /// <summary>Where the model has not read the place (a list asked for after a jump: the ranking must first prefill
    /// most of its prompt) the list does not wait: Roslyn's order at Roslyn's speed, and the stars at the next letter
    /// (docs/protocol.md, "Completion (the list)").</summary>
    public const int DefaultCompletionRankWaitColdMs = 0;

    /// <summary>nanolsp.completion.rankWaitColdMs: as rankWaitMs, where the model has not read the place yet.</summary>
    public int CompletionRankWaitColdMs { get; init; } = DefaultCompletionRankWaitColdMs;

    /// <summary>A beam over one line and a compile check per candidate on a loaded 2-core machine (docs/protocol.md).</summary>
    public const int DefaultModelFixDeadlineMs = 2000;

    /// <summary>nanolsp.codeActions.modelFixes: offer the model's compiler-checked fixes for the error under the cursor (invoked code actions only).</summary>
    public bool ModelFixes { get; init; } = true;

    /// <summary>nanolsp.codeActions.modelFixDeadlineMs: the most model fixes may add to an invoked code-action request.</summary>
    public int ModelFixDeadlineMs { get; init; } = DefaultModelFixDeadlineMs;

    /// <summary>nanolsp.model.path: a model directory to use instead of the shipped one (null: shipped).</summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// Applies the nanolsp section of a didChangeConfiguration payload. Accepts both the nested form
    /// (<c>{"nanolsp": {"logLevel": "debug"}}</c>) and dotted keys (<c>{"nanolsp.logLevel": "debug"}</c>).
    /// A bad value keeps the old one and is reported in <paramref name="problems"/>.
    /// </summary>
    public ServerSettings Apply(JsonElement? payload, List<string> problems)
    {
        var values = Flatten(payload);
        var next = this;
        foreach (var (key, value) in values)
        {
            switch (key)
            {
                case "logLevel":
                    if (value.ValueKind == JsonValueKind.String && Enum.TryParse<LogLevel>(value.GetString(), ignoreCase: true, out var level))
                        next = next with { LogLevel = level };
                    else
                        problems.Add($"nanolsp.logLevel must be one of error, warning, info, debug; got {value}.");
                    break;
                case "diagnostics.debounceMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var ms) && ms is >= 0 and <= 10_000)
                        next = next with { DiagnosticsDebounceMs = ms };
                    else
                        problems.Add($"nanolsp.diagnostics.debounceMs must be a whole number from 0 to 10000; got {value}.");
                    break;
                case "diagnostics.analyzers":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = next with { AnalyzersEnabled = value.GetBoolean() };
                    else
                        problems.Add($"nanolsp.diagnostics.analyzers must be true or false; got {value}.");
                    break;
                case "inlineCompletion.enabled":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = next with { InlineCompletionEnabled = value.GetBoolean() };
                    else
                        problems.Add($"nanolsp.inlineCompletion.enabled must be true or false; got {value}.");
                    break;
                case "inlineCompletion.deadlineMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var deadline) && deadline is >= 10 and <= 60_000)
                        next = next with { InlineDeadlineMs = deadline };
                    else
                        problems.Add($"nanolsp.inlineCompletion.deadlineMs must be a whole number from 10 to 60000; got {value}.");
                    break;
                case "inlineCompletion.maxLength":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var maxLength) && maxLength is >= 1 and <= 10_000)
                        next = next with { InlineMaxLength = maxLength };
                    else
                        problems.Add($"nanolsp.inlineCompletion.maxLength must be a whole number from 1 to 10000; got {value}.");
                    break;
                case "inlineCompletion.compileCheckMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var checkMs) && checkMs is >= 1 and <= 60_000)
                        next = next with { InlineCompileCheckMs = checkMs };
                    else
                        problems.Add($"nanolsp.inlineCompletion.compileCheckMs must be a whole number from 1 to 60000; got {value}.");
                    break;
                case "inlineCompletion.context" or "inlineCompletion.monitors" or "inlineCompletion.filters":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = key switch
                        {
                            "inlineCompletion.context" => next with { InlineContext = value.GetBoolean() },
                            "inlineCompletion.monitors" => next with { InlineMonitors = value.GetBoolean() },
                            _ => next with { InlineFilters = value.GetBoolean() },
                        };
                    else
                        problems.Add($"nanolsp.{key} must be true or false; got {value}.");
                    break;
                case "memory.mixing" or "memory.candidates" or "memory.neighbours" or "memory.names":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = key switch
                        {
                            "memory.mixing" => next with { MemoryMixing = value.GetBoolean() },
                            "memory.candidates" => next with { MemoryCandidates = value.GetBoolean() },
                            "memory.names" => next with { MemoryNames = value.GetBoolean() },
                            _ => next with { MemoryNeighbours = value.GetBoolean() },
                        };
                    else
                        problems.Add($"nanolsp.{key} must be true or false; got {value}.");
                    break;
                case "inlineCompletion.minMeanLogProb":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var threshold and <= 0)
                        next = next with { InlineMinMeanLogProb = threshold };
                    else
                        problems.Add($"nanolsp.inlineCompletion.minMeanLogProb must be a number at most 0; got {value}.");
                    break;
                case "inlineCompletion.cutBelowLogProb":
                    if (value.ValueKind == JsonValueKind.Null)
                        next = next with { InlineCutBelowLogProb = null };
                    else if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var cut and <= 0)
                        next = next with { InlineCutBelowLogProb = cut };
                    else
                        problems.Add($"nanolsp.inlineCompletion.cutBelowLogProb must be a number at most 0, or null; got {value}.");
                    break;
                case "workspace.solutions":
                    if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && Workspace.WorkspaceLoader.IsProjectFileName(e.GetString()!.Trim())))
                        next = next with { Solutions = [.. value.EnumerateArray().Select(e => e.GetString()!.Trim())] };
                    else if (value.ValueKind == JsonValueKind.Null)
                        next = next with { Solutions = [] };
                    else
                        problems.Add($"nanolsp.workspace.solutions must be a list of .sln, .slnx or .csproj paths; got {value}.");
                    break;
                case "backends":
                    if (BackendSetting.Parse(value, problems) is { } backends)
                        next = next with { Backends = backends };
                    break;
                case "routing.policy":
                    if (value.ValueKind == JsonValueKind.String && Enum.TryParse<RoutingPolicy>(value.GetString(), ignoreCase: true, out var policy))
                        next = next with { RoutingPolicy = policy };
                    else
                        problems.Add($"nanolsp.routing.policy must be one of ordered, localFirst, fastestHealthy, remoteForInvoked; got {value}.");
                    break;
                case "routing.hedgeAfterMs":
                    if (value.ValueKind == JsonValueKind.Null)
                        next = next with { HedgeAfterMs = null };
                    else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var hedge) && hedge is >= 0 and <= 60_000)
                        next = next with { HedgeAfterMs = hedge };
                    else
                        problems.Add($"nanolsp.routing.hedgeAfterMs must be a whole number from 0 to 60000, or null; got {value}.");
                    break;
                case "completion.rankWithModel":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = next with { CompletionRankWithModel = value.GetBoolean() };
                    else
                        problems.Add($"nanolsp.completion.rankWithModel must be true or false; got {value}.");
                    break;
                case "completion.rankDeadlineMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var rankMs) && rankMs is >= 10 and <= 10_000)
                        next = next with { CompletionRankDeadlineMs = rankMs };
                    else
                        problems.Add($"nanolsp.completion.rankDeadlineMs must be a whole number from 10 to 10000; got {value}.");
                    break;
                case "completion.rankWaitMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var waitMs) && waitMs is >= 0 and <= 10_000)
                        next = next with { CompletionRankWaitMs = waitMs };
                    else
                        problems.Add($"nanolsp.completion.rankWaitMs must be a whole number from 0 to 10000; got {value}.");
                    break;
                case "completion.rankWaitColdMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var coldMs) && coldMs is >= 0 and <= 10_000)
                        next = next with { CompletionRankWaitColdMs = coldMs };
                    else
                        problems.Add($"nanolsp.completion.rankWaitColdMs must be a whole number from 0 to 10000; got {value}.");
                    break;
                case "codeActions.modelFixes":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        next = next with { ModelFixes = value.GetBoolean() };
                    else
                        problems.Add($"nanolsp.codeActions.modelFixes must be true or false; got {value}.");
                    break;
                case "codeActions.modelFixDeadlineMs":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var fixMs) && fixMs is >= 10 and <= 60_000)
                        next = next with { ModelFixDeadlineMs = fixMs };
                    else
                        problems.Add($"nanolsp.codeActions.modelFixDeadlineMs must be a whole number from 10 to 60000; got {value}.");
                    break;
                case "model.path":
                    if (value.ValueKind == JsonValueKind.String)
                        next = next with { ModelPath = string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString() };
                    else if (value.ValueKind == JsonValueKind.Null)
                        next = next with { ModelPath = null };
                    else
                        problems.Add($"nanolsp.model.path must be a string; got {value}.");
                    break;
                case var clientOnly when clientOnly.StartsWith("server.", StringComparison.Ordinal) || clientOnly.StartsWith("trace.", StringComparison.Ordinal):
                    // The editor's own settings (which server to start, its message trace), sent along with the section.
                    break;
                default:
                    problems.Add($"Unknown setting nanolsp.{key} (ignored).");
                    break;
            }
        }
        return next;
    }

    /// <summary>The nanolsp settings as (key below "nanolsp.", value) pairs.</summary>
    private static List<(string Key, JsonElement Value)> Flatten(JsonElement? payload)
    {
        var result = new List<(string, JsonElement)>();
        if (payload is not { ValueKind: JsonValueKind.Object } root)
            return result;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "nanolsp")
                Walk(property.Value, "", result);
            else if (property.Name.StartsWith("nanolsp.", StringComparison.Ordinal))
                Walk(property.Value, property.Name["nanolsp.".Length..], result);
        }
        return result;
    }

    private static void Walk(JsonElement element, string prefix, List<(string, JsonElement)> result)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (prefix.Length > 0)
                result.Add((prefix, element));
            return;
        }
        foreach (var property in element.EnumerateObject())
            Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", result);
    }
}
