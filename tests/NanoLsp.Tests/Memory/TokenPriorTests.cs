using NanoLsp.Model;

namespace NanoLsp.Tests.Memory;

public class TokenPriorTests
{
    [Fact]
    public void MixingGivesTheInterpolatedDistribution()
    {
        float[] logits = [2f, 1f, 0f, -1f];
        float lse = Sampler.LogSumExp(logits);
        var p = logits.Select(l => Math.Exp(l - lse)).ToArray();
        var prior = new PriorDistribution(0.4f, [(2, 0.75f), (3, 0.25f)]);
        float mixedLse = TokenPriorMixing.Apply(logits, lse, prior);
        double[] q = [0, 0, 0.75, 0.25];
        for (int i = 0; i < 4; i++)
            Assert.Equal(0.6 * p[i] + 0.4 * q[i], Math.Exp(logits[i] - mixedLse), 5);
        Assert.Equal(mixedLse, Sampler.LogSumExp(logits), 4);
    }

    [Fact]
    public void NoWeightLeavesTheModelAlone()
    {
        float[] logits = [2f, 1f, 0f];
        float lse = Sampler.LogSumExp(logits);
        Assert.Equal(lse, TokenPriorMixing.Apply(logits, lse, new PriorDistribution(0, [(1, 1f)])));
        Assert.Equal([2f, 1f, 0f], logits);
    }
}
