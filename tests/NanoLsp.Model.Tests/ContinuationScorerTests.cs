namespace NanoLsp.Model.Tests;

public sealed class ContinuationScorerTests : IDisposable
{
    private readonly LanguageModel _model = TinyModel.Load();

    public void Dispose() => _model.Dispose();

    /// <summary>Teacher forcing in one batched pass gives the log-probabilities step-by-step decoding gives
    /// the same tokens (decoding forced to them by a mask; LogProb is before the mask).</summary>
    [Fact]
    public async Task ScoresEqualThoseOfDecodingTheSameTokens()
    {
        var prompt = _model.BuildPrompt("public int Add(int a, int b)\n{\n    return", "\n}\n", tokenHealing: false);
        const string continuation = " a + b;";
        int[] ids = _model.Tokenizer.Encode(continuation);
        var forced = new DelegateTokenMask((context, logits) =>
        {
            int next = ids[context.Generated.Count];
            for (int i = 0; i < logits.Length; i++) if (i != next) logits[i] = float.NegativeInfinity;
        });
        var decoded = await _model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = ids.Length, Mask = forced });
        var scored = (await _model.ScoreAsync(prompt, [continuation, " a - b;"])).ToList();

        Assert.Equal(ids, scored[0].Tokens.Select(t => t.Id));
        Assert.Equal(decoded.Tokens.Select(t => t.Id), scored[0].Tokens.Select(t => t.Id));
        for (int i = 0; i < ids.Length; i++)
            Assert.Equal(decoded.Tokens[i].LogProb, scored[0].Tokens[i].LogProb, 2);
        Assert.NotEqual(scored[0].Tokens.Sum(t => t.LogProb), scored[1].Tokens.Sum(t => t.LogProb));

        // The cache still holds the prompt: decoding after scoring is what it was before.
        var again = await _model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = ids.Length, Mask = forced });
        for (int i = 0; i < ids.Length; i++)
            Assert.Equal(decoded.Tokens[i].LogProb, again.Tokens[i].LogProb, 3);
    }

    /// <summary>Candidates run as the padded rows of one batch (more than the engine's eight rows: two groups)
    /// score as each does alone: padding never reaches a row's own positions, and rows keep their order.</summary>
    [Fact]
    public async Task CandidatesScoredTogetherScoreAsEachAlone()
    {
        var prompt = _model.BuildPrompt("public int Add(int a, int b)\n{\n    return", "\n}\n", tokenHealing: false);
        string[] continuations = [" a + b;", " a;", " checked(a + b) * 2;", "", " b - a + a - b + a + b;", " 0;", " Math.Max(a, b);",
            " a * b;", " (a + b) / 2;", " a ^ b;", " -a;"];
        var together = await _model.ScoreAsync(prompt, continuations);
        Assert.Equal(continuations, together.Select(s => s.Text));
        for (int c = 0; c < continuations.Length; c++)
        {
            var alone = (await _model.ScoreAsync(prompt, [continuations[c]])).Single();
            Assert.Equal(alone.Tokens.Select(t => t.Id), together[c].Tokens.Select(t => t.Id));
            for (int i = 0; i < alone.Tokens.Count; i++)
                Assert.Equal(alone.Tokens[i].LogProb, together[c].Tokens[i].LogProb, 3);
        }
        Assert.Empty(together[3].Tokens);
    }

    /// <summary>The ranking's cheap pass (steps shared between continuations) judges each continuation's first tokens
    /// as scoring it alone does, healing included, and stops at the first token past the healed text.</summary>
    [Fact]
    public async Task TheCheapPassJudgesTheFirstTokensAsTheFullPassDoes()
    {
        var prompt = _model.BuildPrompt("var items = new List<int>();\nitems.", "\n", tokenHealing: true);
        string[] names = ["Add", "AddRange", "Clear", "Count", "Contains", "Remove"];
        var cheap = await _model.ScoreAsync(prompt, names, new ScoringOptions { UpToFirstNewToken = true });
        var full = await _model.ScoreAsync(prompt, names);
        int healed = prompt.Healing?.Bytes.Length ?? 0;
        for (int n = 0; n < names.Length; n++)
        {
            Assert.NotEmpty(cheap[n].Tokens);
            Assert.True(cheap[n].Tokens.Sum(t => _model.Tokenizer.TokenBytes(t.Id).Length) > healed);
            for (int i = 0; i < cheap[n].Tokens.Count; i++)
            {
                Assert.Equal(full[n].Tokens[i].Id, cheap[n].Tokens[i].Id);
                Assert.Equal(full[n].Tokens[i].LogProb, cheap[n].Tokens[i].LogProb, 3);
                Assert.Equal(full[n].Tokens[i].ConstrainedLogProb, cheap[n].Tokens[i].ConstrainedLogProb, 3);
            }
        }
    }

    /// <summary>Names scored after one prompt score after another, with other healed text, as a fresh model scores them:
    /// the tokens kept from the first call are those of the text with its healing, not of the name alone.</summary>
    [Fact]
    public async Task NamesScoredBeforeScoreAsAFreshModelScoresThem()
    {
        string[] names = ["Add", "AddRange", "Count", "items"];
        var member = _model.BuildPrompt("var items = new List<int>();\nitems.", "\n", tokenHealing: true);
        var statement = _model.BuildPrompt("var items = new List<int>();\n    ", "\n", tokenHealing: true);
        Assert.NotEqual(member.Healing?.Bytes ?? [], statement.Healing?.Bytes ?? []);
        foreach (var prompt in new[] { member, statement })
        {
            await _model.ScoreAsync(member, names, new ScoringOptions { UpToFirstNewToken = true });
            var again = await _model.ScoreAsync(prompt, names);
            using var fresh = TinyModel.Load();
            var first = await fresh.ScoreAsync(prompt, names);
            for (int n = 0; n < names.Length; n++)
            {
                Assert.Equal(first[n].Tokens.Select(t => t.Id), again[n].Tokens.Select(t => t.Id));
                Assert.Equal(first[n].Tokens.Sum(t => t.LogProb), again[n].Tokens.Sum(t => t.LogProb), 3);
            }
        }
    }

    /// <summary>Keeping only the best few (bounded by the cheap pass, scored one by one on the prefix cache) picks the
    /// same best, with the same scores, as scoring every continuation whole in a batch, and scores fewer.</summary>
    [Fact]
    public async Task KeepingTheBestFewFindsTheSameBestAsScoringEveryOne()
    {
        var prompt = _model.BuildPrompt("var items = new List<int>();\nitems.", "\n", tokenHealing: true);
        string[] names = ["Add", "AddRange", "Clear", "Count", "Contains", "Remove", "RemoveAt", "Insert", "IndexOf", "Sort"];
        var ends = Enumerable.Range(0, _model.Manifest.VocabSize)
            .Select(i => _model.Tokenizer.TokenBytes(i) is [var b, ..] && !char.IsAsciiLetterOrDigit((char)b)).ToArray();
        static float Whole(ScoredContinuation s) => s.Tokens.Sum(t => t.ConstrainedLogProb) + (s.EndLogProb ?? 0);

        var cheap = await _model.ScoreAsync(prompt, names, new ScoringOptions { UpToFirstNewToken = true });
        var order = Enumerable.Range(0, names.Length).OrderByDescending(i => cheap[i].Tokens.Sum(t => t.ConstrainedLogProb)).ToList();
        var ordered = order.Select(i => names[i]).ToList();
        var all = await _model.ScoreAsync(prompt, ordered, new ScoringOptions { EndTokens = ends });
        var kept = await _model.ScoreAsync(prompt, ordered, new ScoringOptions
        {
            EndTokens = ends, KeepBest = 3, UpperBounds = order.Select(i => cheap[i].Tokens.Sum(t => t.ConstrainedLogProb)).ToList(),
        });

        var bestOfAll = Enumerable.Range(0, ordered.Count).OrderByDescending(i => Whole(all[i])).Take(3).ToList();
        var bestKept = Enumerable.Range(0, ordered.Count).Where(i => kept[i].Tokens.Count > 0).OrderByDescending(i => Whole(kept[i])).Take(3).ToList();
        Assert.Equal(bestOfAll, bestKept);
        foreach (int i in bestKept)
            Assert.Equal(Whole(all[i]), Whole(kept[i]), 3);
        Assert.Equal(ordered, kept.Select(s => s.Text));
        Assert.InRange(kept.Count(s => s.Tokens.Count > 0), 3, ordered.Count);
        // Each whole score is within its bound: the first tokens are judged alike and the rest only subtract.
        for (int i = 0; i < ordered.Count; i++)
            Assert.True(Whole(all[i]) <= cheap[order[i]].Tokens.Sum(t => t.ConstrainedLogProb) + 1e-4f);
    }

    /// <summary>The end's probability is a probability (at most 1), and certain when every token may end the word.</summary>
    [Fact]
    public async Task TheEndProbabilityIsCertainWhenAnyTokenMayFollow()
    {
        var prompt = _model.BuildPrompt("int count = items.", ";\n", tokenHealing: false);
        int vocab = _model.Manifest.VocabSize;
        var some = await _model.ScoreAsync(prompt, ["Count"], new ScoringOptions { EndTokens = Enumerable.Range(0, vocab).Select(i => i % 2 == 0).ToArray() });
        var any = await _model.ScoreAsync(prompt, ["Count"], new ScoringOptions { EndTokens = Enumerable.Repeat(true, vocab).ToArray() });
        Assert.InRange(some[0].EndLogProb!.Value, float.NegativeInfinity, 0f);
        Assert.Equal(0f, any[0].EndLogProb!.Value, 3);
        // The continuation's own tokens are judged as without the end.
        var plain = await _model.ScoreAsync(prompt, ["Count"]);
        Assert.Equal(plain[0].Tokens.Sum(t => t.LogProb), any[0].Tokens.Sum(t => t.LogProb), 3);
    }

    [Fact]
    public async Task AStrongPriorMakesItsTokenTheLikeliest()
    {
        var prompt = _model.BuildPrompt("int x = ", "", tokenHealing: false);
        int[] ids = _model.Tokenizer.Encode("42");
        var prior = new FixedPrior(new PriorDistribution(0.95f, [(ids[0], 1f)]));
        var result = await _model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = 1, Prior = prior });
        Assert.Equal(ids[0], result.Tokens[0].Id);
        Assert.True(result.Tokens[0].LogProb > Math.Log(0.9));
    }

    private sealed class FixedPrior(PriorDistribution distribution) : ITokenPrior
    {
        public PriorDistribution Next(IReadOnlyList<int> generated) => distribution;
    }
}
