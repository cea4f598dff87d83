using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Assist;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

/// <summary>Latency of the Assist steps that run before every inline completion, in milliseconds.</summary>
public sealed record AssistTimings(double ColdMs, double WarmMedianMs, double TypingMedianMs, double EditedMedianMs, double EditedMaxMs, double MonitorCreateMedianMs, double MonitorStepMedianMs, double CompileCheckMedianMs, int HeaderTokens);

/// <summary>
/// Measures <see cref="PromptContextBuilder.BuildAsync"/> (header included) and
/// <see cref="MemberMonitor.CreateAsync"/> the way the server meets them: once cold, then repeatedly
/// on the same snapshot (warm), then on a fresh snapshot after each keystroke at the cursor: letters of a
/// name (the header is reused) and spaces (the header is rebuilt: Roslyn re-binds the edited member).
/// </summary>
public static class AssistBenchmark
{
    public static async Task<AssistTimings> MeasureAsync(Document document, int position, NanoTokenizer tokenizer,
        PromptBudget budget, int runs = 20, string checkedSuggestion = "ToString().", CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var context = await PromptContextBuilder.BuildAsync(document, position, tokenizer, budget, true, cancellationToken).ConfigureAwait(false);
        double cold = watch.Elapsed.TotalMilliseconds;

        var warm = new List<double>();
        var monitor = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            watch.Restart();
            await PromptContextBuilder.BuildAsync(document, position, tokenizer, budget, true, cancellationToken).ConfigureAwait(false);
            warm.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await MemberMonitor.CreateAsync(document, position, tokenizer, MonitorKinds.All, healedBytes: default, cancellationToken).ConfigureAwait(false);
            monitor.Add(watch.Elapsed.TotalMilliseconds);
        }

        // One monitored step after `expr.` at the cursor: the first resolves the receiver, the rest reuse it.
        var steps = new List<double>();
        var mask = await MemberMonitor.CreateAsync(document, position, tokenizer, MonitorKinds.All, healedBytes: default, cancellationToken).ConfigureAwait(false);
        var logits = new float[tokenizer.VocabSize];
        for (int i = 0; mask is not null && i < runs; i++)
        {
            Array.Clear(logits);
            watch.Restart();
            mask.Apply(new TokenMaskContext([], ""), logits);
            steps.Add(watch.Elapsed.TotalMilliseconds);
        }

        // A new snapshot per run, as after a keystroke. Typing letters of a name at the cursor lets the header
        // be reused (HeaderCache); a space changes the text the header depends on, so it is rebuilt.
        var typing = new List<double>();
        var edited = new List<double>();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < runs; i++)
        {
            var typed = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), new string('x', i % 4 + 1))));
            watch.Restart();
            await PromptContextBuilder.BuildAsync(typed, position + i % 4 + 1, tokenizer, budget, true, cancellationToken).ConfigureAwait(false);
            typing.Add(watch.Elapsed.TotalMilliseconds);
        }
        for (int i = 0; i < runs; i++)
        {
            var spaced = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), new string(' ', i + 1))));
            watch.Restart();
            await PromptContextBuilder.BuildAsync(spaced, position + i + 1, tokenizer, budget, true, cancellationToken).ConfigureAwait(false);
            edited.Add(watch.Elapsed.TotalMilliseconds);
        }
        // The compile check of a suggestion that parses at the position (so it goes on to bind); the edited
        // document is new each time, the original's errors are cached after the first run.
        var checks = new List<double>();
        var compileCheck = new CompileCheck();
        for (int i = 0; i < runs; i++)
        {
            watch.Restart();
            await compileCheck.RunAsync(document, position, checkedSuggestion + new string(' ', i), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            checks.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new AssistTimings(cold, Median(warm), Median(typing), Median(edited), edited.Max(), Median(monitor), Median(steps), Median(checks), tokenizer.Encode(context.Header).Length);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
