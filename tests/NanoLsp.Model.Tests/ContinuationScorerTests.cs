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
