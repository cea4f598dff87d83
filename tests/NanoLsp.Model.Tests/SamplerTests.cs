namespace NanoLsp.Model.Tests;

public class SamplerTests
{
    private static readonly float[] Logits = [1f, 5f, 3f, float.NegativeInfinity, 4f, 0f];

    [Fact]
    public void GreedyPicksTheLargestLogit() => Assert.Equal(1, Sampler.ArgMax(Logits));

    [Fact]
    public void TopKNeverPicksOutsideTheKBest()
    {
        var rng = new Rng(1);
        for (int i = 0; i < 500; i++)
            Assert.Contains(Sampler.Sample(Logits, new SamplingOptions(Temperature: 5f, TopK: 2), ref rng), new[] { 1, 4 });
    }

    [Fact]
    public void TopPKeepsTheSmallestSetReachingP()
    {
        // Probabilities at temperature 1: 5 -> 0.64, 4 -> 0.24, 3 -> 0.09: p = 0.8 keeps {1, 4}.
        var rng = new Rng(2);
        var seen = new HashSet<int>();
        for (int i = 0; i < 500; i++) seen.Add(Sampler.Sample(Logits, new SamplingOptions(Temperature: 1f, TopP: 0.8f), ref rng));
        Assert.Equal(new HashSet<int> { 1, 4 }, seen);
    }

    [Fact]
    public void MaskedTokensAreNeverSampled()
    {
        var rng = new Rng(3);
        for (int i = 0; i < 500; i++)
            Assert.NotEqual(3, Sampler.Sample(Logits, new SamplingOptions(Temperature: 100f), ref rng));
    }

    [Fact]
    public void SamplingFollowsTheDistribution()
    {
        var rng = new Rng(4);
        int ones = 0;
        for (int i = 0; i < 4000; i++) if (Sampler.Sample(Logits, new SamplingOptions(Temperature: 1f), ref rng) == 1) ones++;
        Assert.InRange(ones / 4000.0, 0.60, 0.68); // softmax gives token 1 probability 0.636
    }

    [Fact]
    public void LogSumExpIsStableForLargeLogits() =>
        Assert.Equal(1000f + MathF.Log(2f), Sampler.LogSumExp([1000f, 1000f]), 3);

    [Fact]
    public void TopLogProbsAreTheKLargestAllowedLogitsBestFirst()
    {
        float lse = Sampler.LogSumExp(Logits);
        var top = Sampler.TopK(Logits, 3, lse);
        Assert.Equal([1, 4, 2], top.Select(t => t.Id));
        Assert.Equal(5f - lse, top[0].LogProb, 5);
        Assert.Equal(5, Sampler.TopK(Logits, 10, lse).Count); // the masked-out token is never among them
    }
}
