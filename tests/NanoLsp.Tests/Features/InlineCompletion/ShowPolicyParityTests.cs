using System.Text.Json;
using NanoLsp.Features.InlineCompletion;
using NanoLsp.Model;
using NanoLsp.Tests.Assist;
using NanoLsp.Tests.E2E;

namespace NanoLsp.Tests.Features.InlineCompletion;

/// <summary>
/// The server's show-policy features equal those the policy was fitted on (training/eval/show_filter.py):
/// both sides compute them for tests/fixtures/show-policy/cases.json and must give its expected features at
/// every word end (the Python side: training/eval/test_show_filter.py, run by the training smoke test).
/// </summary>
public class ShowPolicyParityTests
{
    private sealed record Case(string Suggestion, int[] TokenIds, double[] Logprobs, bool[] Retype, int HealedBytes,
        bool TypingAlong, bool FromMemory, bool MidWord, double[][] Expected);

    [Fact]
    public void TheServerComputesTheFeaturesThePolicyWasFittedOn()
    {
        var cases = JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Path.Combine(Fixtures.Path("show-policy"), "cases.json")),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        Assert.True(cases.Count >= 5);
        foreach (var c in cases)
        {
            var tokens = c.TokenIds.Select((id, i) => new GeneratedToken(id, (float)c.Logprobs[i], (float)c.Logprobs[i]) { RetypesHealedText = c.Retype[i] }).ToList();
            var ends = ShowPolicy.WordEnds(c.Suggestion);
            Assert.Equal(c.Expected.Select(e => (int)e[0]), ends);
            foreach (var expected in c.Expected)
            {
                var got = ShowPolicy.Features(c.Suggestion, (int)expected[0], tokens, c.HealedBytes, AssistWorkspace.Tokenizer,
                    c.TypingAlong, c.FromMemory, c.MidWord);
                Assert.Equal(ShowPolicy.FeatureNames.Count, got.Length);
                for (int i = 0; i < got.Length; i++)
                    Assert.True(Math.Abs(expected[i + 1] - got[i]) < 1e-5,
                        $"{c.Suggestion}[..{expected[0]}] {ShowPolicy.FeatureNames[i]}: training {expected[i + 1]}, server {got[i]}");
            }
        }
    }
}
