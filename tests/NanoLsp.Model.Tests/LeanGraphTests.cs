namespace NanoLsp.Model.Tests;

/// <summary>
/// The lean graph (training/lean_graph.py: ONNX Runtime's fused operators) is the exported model: the tiny fixture
/// rewritten (tests/fixtures/models/tiny-lean) gives the logits of the exported one (tests/fixtures/models/tiny) in
/// every kind of run the engine makes: a prefill, steps, a prefill after a cached past, several rows after a shared
/// past (run a row at a time), one token per row and beam search, the lean graph on one bank whose buffers hold past
/// and present together (<see cref="KvCache.Shared"/>).
/// </summary>
public sealed class LeanGraphTests : IDisposable
{
    private readonly LanguageModel _exported = TinyModel.Load();
    private readonly LanguageModel _lean = LanguageModel.Load(TinyModel.Sibling("tiny-lean"));

    public void Dispose()
    {
        _exported.Dispose();
        _lean.Dispose();
    }

    private int[] Encode(string text) => _exported.Tokenizer.Encode(text);

    [Fact]
    public void APrefillThenStepsGiveTheExportedGraphsLogits()
    {
        int[] prompt = Encode("public static int Count(IEnumerable<int> items) { return items.Where(x => x > 0).Count(); }");
        using var a = _exported.Decoder.CreateCache();
        using var b = _lean.Decoder.CreateCache();
        AssertClose(_exported.Decoder.Forward(a, prompt, keep: 4).ToArray(), _lean.Decoder.Forward(b, prompt, keep: 4).ToArray());
        foreach (int id in Encode(" // then more"))
            AssertClose(_exported.Decoder.Forward(a, [id]).ToArray(), _lean.Decoder.Forward(b, [id]).ToArray());
        Assert.Equal(a.Length, b.Length);
    }

    [Fact]
    public void APrefillAfterACachedPastGivesTheExportedGraphsLogits()
    {
        int[] first = Encode("namespace Demo { class A { int x; } }");
        int[] more = Encode(" class B { string Name => \"b\"; }");
        using var a = _exported.Decoder.CreateCache();
        using var b = _lean.Decoder.CreateCache();
        _exported.Decoder.Forward(a, first);
        _lean.Decoder.Forward(b, first);
        a.Truncate(first.Length - 3);
        b.Truncate(first.Length - 3);
        AssertClose(_exported.Decoder.Forward(a, more, keep: more.Length).ToArray(), _lean.Decoder.Forward(b, more, keep: more.Length).ToArray());
    }

    [Fact]
    public void APrefillInRunsGivesTheExportedGraphsLogitsOfOneRun()
    {
        // Every run after the first is several tokens after a past: GroupQueryAttention's case of a chunked prompt.
        using var lean = LanguageModel.Load(TinyModel.Sibling("tiny-lean"), new DecoderOptions { PrefillRun = 6 });
        int[] prompt = Encode("namespace Demo { class A { int x; } class B { string Name => \"b\"; } }");
        using var a = _exported.Decoder.CreateCache();
        using var b = lean.Decoder.CreateCache();
        AssertClose(_exported.Decoder.Forward(a, prompt).ToArray(), lean.Decoder.Prefill(b, prompt).ToArray());
        Assert.Equal(prompt, b.Tokens);
    }

    [Fact]
    public void RowsAfterASharedPastGiveTheExportedGraphsLogits()
    {
        int[] prompt = Encode("var total = items.");
        // Three rows of the same length: each continuation cut to the shortest one's tokens.
        int[][] continuations = [Encode(" Sum() + 1"), Encode(" Count(x => x > 2)"), Encode(" First().Name")];
        int length = continuations.Min(c => c.Length);
        int[] rows = [.. continuations.SelectMany(c => c[..length])];
        foreach (var model in new[] { _exported, _lean })
            model.PrefixCache.Prefill(prompt);

        float[] RunRows(LanguageModel model, out float[] step)
        {
            using var cache = model.Decoder.CreateCache(3);
            cache.BroadcastFrom(model.PrefixCache.Cache);
            float[] logits = model.Decoder.Forward(cache, rows, keep: length).ToArray();
            step = model.Decoder.Forward(cache, [rows[0], rows[length], rows[2 * length]]).ToArray(); // one token per row
            return logits;
        }
        AssertClose(RunRows(_exported, out float[] exportedStep), RunRows(_lean, out float[] leanStep));
        AssertClose(exportedStep, leanStep);

        // Each row alone after the prompt gives the same logits as it did as a row of three.
        using var alone = _lean.Decoder.CreateCache();
        alone.BroadcastFrom(_lean.PrefixCache.Cache);
        float[] second = _lean.Decoder.Forward(alone, rows.AsSpan(length, length), keep: length).ToArray();
        AssertClose(RunRows(_lean, out _).AsSpan(length * _lean.Manifest.VocabSize, second.Length).ToArray(), second);
    }

    [Fact]
    public void TheLeanGraphWritesThePresentIntoThePastsBuffer()
    {
        using var lean = _lean.Decoder.CreateCache();
        using var exported = _exported.Decoder.CreateCache();
        Assert.True(lean.Shared);
        Assert.False(exported.Shared);
    }

    [Fact]
    public async Task BeamSearchFindsTheExportedGraphsBeams()
    {
        // Beams reorder their rows after each step: on the lean graph's one bank, through a second bank made then.
        var a = await _exported.BeamSearchAsync(_exported.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n}\n"), 4,
            new GenerationOptions { MaxTokens = 8 });
        var b = await _lean.BeamSearchAsync(_lean.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n}\n"), 4,
            new GenerationOptions { MaxTokens = 8 });
        Assert.Equal(a.Select(h => h.Text), b.Select(h => h.Text));
        Assert.All(a.Zip(b), p => Assert.Equal(p.First.Score, p.Second.Score, 3));
    }

    [Fact]
    public void GreedyDecodingMatchesTheGolden()
    {
        var golden = TinyModel.ReadJson("golden.json");
        int[] prompt = golden.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] expected = golden.GetProperty("greedy_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        using var cache = _lean.Decoder.CreateCache();
        var actual = new List<int> { Sampler.ArgMax(_lean.Decoder.Forward(cache, prompt)) };
        while (actual.Count < expected.Length)
            actual.Add(Sampler.ArgMax(_lean.Decoder.Forward(cache, [actual[^1]])));
        Assert.Equal(expected, actual);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++)
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst < 1e-3f, $"logits differ by up to {worst}");
    }
}
