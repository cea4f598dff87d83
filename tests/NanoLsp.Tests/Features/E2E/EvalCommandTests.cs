using NanoLsp.Eval;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>`NanoLsp eval` as a process on the committed fixture cases of tests/fixtures/EvalCases (the evaluation contract; no network).</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class EvalCommandTests
{
    private static readonly string Root = ServerLocator.RepositoryRoot();

    private static List<JsonObject> Cases(int count) =>
        File.ReadLines(Path.Combine(Root, "tests", "fixtures", "EvalCases", "cases.jsonl")).Take(count)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static async Task<(List<JsonElement> Predictions, string Stderr, int Exit)> EvalAsync(IEnumerable<JsonObject> cases, params string[] flags)
    {
        var folder = ScratchFolder.Create("eval");
        var casesFile = Path.Combine(folder, "cases.jsonl");
        var output = Path.Combine(folder, "pred.jsonl");
        File.WriteAllLines(casesFile, cases.Select(c => c.ToJsonString()));
        var start = new ProcessStartInfo("dotnet", [ServerLocator.Find(), "eval", "--cases", casesFile, "--out", output, "--deadline-ms", "30000", .. flags])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Root, // case workspaces are relative to the repository root
        };
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var predictions = File.Exists(output) ? File.ReadLines(output).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];
        return (predictions, await stderr, process.ExitCode);
    }

    [Fact]
    public async Task EvalWritesOnePredictionPerCaseAndASummary()
    {
        var cases = Cases(4);
        var (predictions, stderr, exit) = await EvalAsync(cases);
        Assert.True(exit == 0, stderr);
        Assert.Equal(cases.Select(c => c["id"]!.GetValue<string>()), predictions.Select(p => p.GetProperty("id").GetString()));
        Assert.All(predictions, p => Assert.True(p.GetProperty("latency_ms").GetDouble() > 0));
        Assert.All(predictions, p => Assert.Equal(JsonValueKind.String, p.GetProperty("completion").ValueKind));
        foreach (var line in new[] { "cases            4", "exact match", "edit similarity", "chars saved", "wrong shown", "latency ms", "monitors", "filter verdicts" })
            Assert.Contains(line, stderr);
    }

    [Fact]
    public async Task ExpectedIsNeverReadByTheCompletionPath()
    {
        var cases = Cases(3);
        var changed = cases.Select(c => { var copy = c.DeepClone().AsObject(); copy["expected"] = "something else entirely"; return copy; });
        var (original, stderr, _) = await EvalAsync(cases, "--no-filters");
        var (altered, _, _) = await EvalAsync(changed, "--no-filters");
        Assert.Equal(original.Select(p => p.GetProperty("completion").GetString()), altered.Select(p => p.GetProperty("completion").GetString()));
        Assert.Contains(original, p => p.GetProperty("completion").GetString()!.Length > 0); // not vacuous: something was predicted
        Assert.Contains("filters off", stderr);
    }

    [Fact]
    public async Task BadArgumentsAreAnsweredWithUsage()
    {
        var (_, stderr, exit) = await EvalAsync([], "--frobnicate");
        Assert.Equal(2, exit);
        Assert.Contains("Usage:", stderr);
    }
}
