using NanoLsp.Assist;
using Xunit.Abstractions;

namespace NanoLsp.Tests.Assist;

public class AssistBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>Prints the timings (run with `--logger "console;verbosity=detailed"` to see them); the
    /// assertion only checks that every step ran and the header was built, not a speed: this box is shared.</summary>
    [Fact]
    public async Task BenchmarkMeasuresEveryStepOnInventory()
    {
        var (document, caret) = AssistWorkspace.Inventory("Services/InventoryService.cs", "            item.");
        var timings = await AssistBenchmark.MeasureAsync(document, caret, AssistWorkspace.Tokenizer, PromptBudget.For(512), runs: 20);
        var context = await PromptContextBuilder.BuildAsync(document, caret, AssistWorkspace.Tokenizer, PromptBudget.For(512), true, default);
        output.WriteLine(timings.ToString());
        output.WriteLine("--- header ---\n" + context.Header + "\n--- prefix ---\n" + context.Prefix + "\n--- suffix ---\n" + context.Suffix);
        Assert.True(timings.WarmMedianMs > 0 && timings.EditedMedianMs > 0 && timings.MonitorCreateMedianMs > 0 && timings.MonitorStepMedianMs > 0 && timings.CompileCheckMedianMs > 0);
        Assert.InRange(timings.HeaderTokens, 1, 128);
    }
}
