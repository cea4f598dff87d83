using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using NanoLsp.Model;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// How much of a suggestion to show (issue 17, "When to show"). A suggestion is shown up to its longest
/// prefix, ending on a word, whose estimated probability of being exactly what the user types next is at
/// least <see cref="Threshold"/>; nothing when even its first word falls short. The estimate is a logistic
/// regression over what the server knows when it shows (whether the text is typed along an earlier
/// suggestion or copied from the repository, the prefix's length and words, the model's log-probabilities
/// of its tokens), fitted offline on the dev repositories' typing sessions by training/eval/show_filter.py
/// and shipped with the model as show-policy.json. In a typing session a wrong suggestion costs the user a
/// look and a right one saves keys only when it is exactly what comes next, so a sure word beats a
/// doubtful line (docs/repository-memory.md).
/// </summary>
public sealed partial class ShowPolicy
{
    public const string FileName = "show-policy.json";

    /// <summary>The order of <see cref="Features"/>; show_filter.py writes the weights in this order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
        ["bias", "typing_along", "from_memory", "mid_word", "log_length", "first_word", "words", "whole", "min_logprob", "mean_logprob"];

    private readonly double[] _weights;

    /// <summary>No policy: every suggestion is shown whole (a model shipped without one, or switched off).</summary>
    public static ShowPolicy Whole { get; } = new([], 0);

    public double Threshold { get; }
    public bool IsWhole => _weights.Length == 0;

    public ShowPolicy(double[] weights, double threshold)
    {
        if (weights.Length is not 0 && weights.Length != FeatureNames.Count)
            throw new ArgumentException($"A show policy has {FeatureNames.Count} weights, not {weights.Length}.", nameof(weights));
        (_weights, Threshold) = (weights, threshold);
    }

    /// <summary>The same estimate with another threshold (eval's --show-threshold, to choose one).</summary>
    public ShowPolicy WithThreshold(double threshold) => IsWhole ? this : new(_weights, threshold);

    /// <summary>The policy shipped in a model directory; <see cref="Whole"/> when there is none.</summary>
    /// <exception cref="ModelException">The file exists but is not a policy.</exception>
    public static ShowPolicy Load(string modelDirectory)
    {
        string path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path)) return Whole;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var names = root.GetProperty("features").EnumerateArray().Select(e => e.GetString()).ToList();
            if (!names.SequenceEqual(FeatureNames))
                throw new ModelException($"{path} names features [{string.Join(", ", names)}]; this server reads [{string.Join(", ", FeatureNames)}].");
            var weights = root.GetProperty("weights");
            return new ShowPolicy(FeatureNames.Select(n => weights.GetProperty(n).GetDouble()).ToArray(), root.GetProperty("threshold").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelException($"{path} is not a show policy: {e.Message}", e);
        }
    }

    /// <param name="tokens">The tokens the suggestion was made of (empty when typed along or unknown), with the
    /// token-healing tokens that re-typed <paramref name="healedBytes"/> bytes before it.</param>
    /// <param name="midWord">The cursor is right after a letter, digit or underscore (the suggestion goes on a name).</param>
    public string Cut(string suggestion, IReadOnlyList<GeneratedToken> tokens, int healedBytes, NanoTokenizer? tokenizer,
        bool typingAlong, bool fromMemory, bool midWord)
    {
        if (IsWhole || suggestion.Length == 0) return suggestion;
        string shown = "";
        var ends = WordEnds(suggestion);
        foreach (int end in ends)
        {
            var f = Features(suggestion, end, tokens, healedBytes, tokenizer, typingAlong, fromMemory, midWord);
            if (Probability(f) < Threshold) break;
            shown = suggestion[..end];
        }
        return shown;
    }

    public double Probability(double[] features)
    {
        double z = 0;
        for (int i = 0; i < _weights.Length; i++) z += _weights[i] * features[i];
        return 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));
    }

    /// <summary>The features of showing <paramref name="suggestion"/>[..<paramref name="end"/>], as show_filter.py computes them.</summary>
    public static double[] Features(string suggestion, int end, IReadOnlyList<GeneratedToken> tokens, int healedBytes,
        NanoTokenizer? tokenizer, bool typingAlong, bool fromMemory, bool midWord)
    {
        var logProbs = new List<double>();
        if (!typingAlong && tokenizer is not null)
        {
            int endByte = Encoding.UTF8.GetByteCount(suggestion.AsSpan(0, end));
            int at = -healedBytes;
            foreach (var token in tokens)
            {
                if (at >= endByte) break;
                int length = tokenizer.TokenBytes(token.Id).Length;
                if (at + length > 0 && !token.RetypesHealedText) logProbs.Add(token.ConstrainedLogProb);
                at += length;
            }
        }
        int words = WordEnds(suggestion[..end]).Count;
        return
        [
            1, typingAlong ? 1 : 0, fromMemory ? 1 : 0, midWord ? 1 : 0, Math.Log(1 + end), words == 1 ? 1 : 0, words / 5.0, end == suggestion.Length ? 1 : 0,
            logProbs.Count == 0 ? 0 : Math.Max(-6, logProbs.Min()), logProbs.Count == 0 ? 0 : Math.Max(-6, logProbs.Average()),
        ];
    }

    /// <summary>Where each word ends: a word is any run of non-word characters followed by word characters
    /// ("(new", " Product"), or a trailing run of non-word characters ("));").</summary>
    public static List<int> WordEnds(string text)
    {
        var ends = new List<int>();
        foreach (Match m in Word().Matches(text)) ends.Add(m.Index + m.Length);
        return ends;
    }

    /// <summary>Whether the text before the cursor ends inside a name.</summary>
    public static bool EndsMidWord(string before) => before.Length > 0 && SyntaxFacts.IsIdentifierPartCharacter(before[^1]);

    [GeneratedRegex(@"\G(\W*\w+|\W+)")]
    private static partial Regex Word();
}
