using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Assist;

/// <summary>Latency of the Assist steps that run before every inline completion, in milliseconds.</summary>
public sealed record AssistTimings(double ColdMs, double WarmMedianMs, double EditedMedianMs, double EditedMaxMs, double MonitorCreateMedianMs, double MonitorStepMedianMs, int HeaderTokens);

/// <summary>
/// Measures <see cref="PromptContextBuilder.BuildAsync"/> (header included) and
/// <see cref="MemberMonitor.CreateAsync"/> the way the server meets them: once cold, then repeatedly
/// on the same snapshot (warm), then on a fresh snapshot after each one-character edit at the cursor
/// (what a keystroke costs: Roslyn re-binds the edited member).
/// </summary>
public static class AssistBenchmark
{
    public static async Task<AssistTimings> MeasureAsync(Document document, int position, NanoTokenizer tokenizer,
        PromptBudget budget, int runs = 20, CancellationToken cancellationToken = default)
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
            await MemberMonitor.CreateAsync(document, position, tokenizer, MonitorKinds.All, cancellationToken).ConfigureAwait(false);
            monitor.Add(watch.Elapsed.TotalMilliseconds);
        }

        // One monitored step after `expr.` at the cursor: the first resolves the receiver, the rest reuse it.
        var steps = new List<double>();
        var mask = await MemberMonitor.CreateAsync(document, position, tokenizer, MonitorKinds.All, cancellationToken).ConfigureAwait(false);
        var logits = new float[tokenizer.VocabSize];
        for (int i = 0; mask is not null && i < runs; i++)
        {
            Array.Clear(logits);
            watch.Restart();
            mask.Apply(new TokenMaskContext([], ""), logits);
            steps.Add(watch.Elapsed.TotalMilliseconds);
        }

        var edited = new List<double>();
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < runs; i++)
        {
            // Alternate typing and deleting a space so the document stays valid-ish and each run is a new snapshot.
            text = i % 2 == 0 ? text.WithChanges(new TextChange(new TextSpan(position, 0), " ")) : text.WithChanges(new TextChange(new TextSpan(position, 1), ""));
            var snapshot = document.WithText(text);
            int at = position + (i % 2 == 0 ? 1 : 0);
            watch.Restart();
            await PromptContextBuilder.BuildAsync(snapshot, at, tokenizer, budget, true, cancellationToken).ConfigureAwait(false);
            edited.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new AssistTimings(cold, Median(warm), Median(edited), edited.Max(), Median(monitor), Median(steps), tokenizer.Encode(context.Header).Length);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
