using Microsoft.CodeAnalysis;
using NanoLsp.Model;

namespace NanoLsp.Assist;

public sealed record FilterOptions(double MinMeanLogProb, double MinTokenLogProb, bool CompileCheck, TimeSpan CompileCheckBudget)
{
    /// <summary>Permissive thresholds (the lead tunes them on a dev set) and a 40 ms compile check.</summary>
    public static FilterOptions Default { get; } = new(double.NegativeInfinity, double.NegativeInfinity, true, TimeSpan.FromMilliseconds(40));
}

public enum FilterVerdict { Keep, Empty, WhitespaceOnly, RepeatsNextLine, RepeatsSuffix, LowConfidence, AddsCompileErrors }

/// <summary>The stop rule and the filters that drop suggestions a user would only have to dismiss.
/// One per pipeline: it owns the compile check (its cache of the original's errors and its figures).</summary>
public sealed class SuggestionFilter
{
    private readonly CompileCheck _compileCheck = new();

    /// <summary>Compile checks so far and how many passed only because they ran out of budget.</summary>
    public CompileCheckStats CompileCheckStats => _compileCheck.Stats;

    public static string Trim(string completion, PromptContext context) => StopRule.Trim(completion, context);

    public async Task<(FilterVerdict Verdict, string Text)> CheckAsync(Document document, int position,
        string trimmed, IReadOnlyList<GeneratedToken> tokens, PromptContext context, FilterOptions options,
        CancellationToken cancellationToken)
    {
        if (trimmed.Length == 0) return (FilterVerdict.Empty, trimmed);
        if (trimmed.Trim().Length == 0) return (FilterVerdict.WhitespaceOnly, trimmed);

        // After a block opener the suggestion starts with a newline: its first line is the first non-empty one.
        string firstLine = trimmed.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        string lineSuffix = context.LineSuffix.Trim();
        if (lineSuffix.Length > 0 && (trimmed.Trim() == lineSuffix || lineSuffix.StartsWith(trimmed.Trim(), StringComparison.Ordinal)))
            return (FilterVerdict.RepeatsSuffix, trimmed);
        string nextLine = context.NextLine.Trim();
        string wholeLine = (context.LinePrefix + FirstLine(trimmed)).Trim();
        if (nextLine.Length > 0 && (firstLine == nextLine || wholeLine == nextLine))
            return (FilterVerdict.RepeatsNextLine, trimmed);

        if (tokens.Count > 0)
        {
            double mean = tokens.Average(t => (double)t.ConstrainedLogProb);
            double min = tokens.Min(t => (double)t.ConstrainedLogProb);
            if (mean < options.MinMeanLogProb || min < options.MinTokenLogProb) return (FilterVerdict.LowConfidence, trimmed);
        }

        if (options.CompileCheck)
        {
            var result = await _compileCheck.RunAsync(document, position, trimmed, options.CompileCheckBudget, cancellationToken).ConfigureAwait(false);
            if (result == CompileCheckResult.AddsErrors) return (FilterVerdict.AddsCompileErrors, trimmed);
        }
        return (FilterVerdict.Keep, trimmed);
    }

    private static string FirstLine(string s) => s.IndexOf('\n') is var i and >= 0 ? s[..i].TrimEnd('\r') : s;
}
