namespace NanoLsp.Model.Tests;

public sealed class DecoderTests : IDisposable
{
    private readonly LanguageModel _model = TinyModel.Load();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void GreedyMatchesPyTorchGolden()
    {
        var golden = TinyModel.ReadJson("golden.json");
        int[] prompt = golden.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] expected = golden.GetProperty("greedy_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(prompt, _model.Tokenizer.Encode(golden.GetProperty("prompt").GetString()!));

        using var cache = _model.Decoder.CreateCache();
        var actual = new List<int>();
        int next = Sampler.ArgMax(_model.Decoder.Forward(cache, prompt));
        while (true)
        {
            actual.Add(next);
            if (actual.Count == expected.Length || next == _model.Tokenizer.EndOfText) break;
            next = Sampler.ArgMax(_model.Decoder.Forward(cache, [next]));
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void PrefixCacheHitGivesSameLogitsAsColdRun()
    {
        int[] first = _model.Tokenizer.Encode("public static int Count(IEnumerable<int> items) { return items.Where(x => x > 0)");
        int[] second = [.. first[..^2], .. _model.Tokenizer.Encode(".Sum();")];

        _model.PrefixCache.Prefill(first);
        float[] warm = _model.PrefixCache.Prefill(second).ToArray();
        Assert.Equal(first.Length - 2, _model.PrefixCache.LastReused);

        using var cold = _model.Decoder.CreateCache();
        float[] expected = _model.Decoder.Forward(cold, second).ToArray();
        AssertClose(expected, warm);
    }

    [Fact]
    public void ARepeatedPromptReusesEveryTokenAndItsLogitsEvenAfterTheCacheRanOn()
    {
        int[] prompt = _model.Tokenizer.Encode("namespace Demo { class A { } }");
        float[] first = _model.PrefixCache.Prefill(prompt).ToArray();
        // A generation ran on after the prompt (the cache holds more), then the same prompt is asked again.
        _model.Decoder.Forward(_model.PrefixCache.Cache, _model.Tokenizer.Encode(" // x"));
        float[] again = _model.PrefixCache.Prefill(prompt).ToArray();
        Assert.Equal(prompt.Length, _model.PrefixCache.LastReused);
        Assert.Equal(prompt.Length, _model.PrefixCache.Cache.Length);
        AssertClose(first, again);

        // Another prompt in between: the kept logits are the other prompt's, so the last token runs again.
        int[] other = _model.Tokenizer.Encode("namespace Demo { class B { } }");
        float[] otherLogits = _model.PrefixCache.Prefill(other).ToArray();
        float[] third = _model.PrefixCache.Prefill(prompt).ToArray();
        Assert.True(_model.PrefixCache.LastReused < prompt.Length);
        AssertClose(first, third);
        Assert.NotEqual(otherLogits, third);
    }

    [Fact]
    public void StepByStepEqualsOnePrefill()
    {
        int[] prompt = _model.Tokenizer.Encode("for (int i = 0; i < n; i++) sum += i;");
        using var whole = _model.Decoder.CreateCache();
        float[] expected = _model.Decoder.Forward(whole, prompt).ToArray();

        using var steps = _model.Decoder.CreateCache();
        float[] last = [];
        foreach (int id in prompt) last = _model.Decoder.Forward(steps, [id]).ToArray();
        AssertClose(expected, last);
        Assert.Equal(prompt.Length, steps.Length);
    }

    [Fact]
    public void APrefillInRunsGivesTheLogitsOfOneRun()
    {
        // The tiny model's MatMuls are float: runs change nothing but how the prompt is cut.
        using var model = TinyModel.Load(new DecoderOptions { PrefillRun = 5 });
        int[] prompt = model.Tokenizer.Encode("public static int Count(IEnumerable<int> items) { return items.Where(x => x > 0).Count(); }");
        Assert.True(prompt.Length > 3 * model.Decoder.PrefillRun, $"{prompt.Length} tokens are too few for several runs");

        using var whole = model.Decoder.CreateCache();
        float[] expected = model.Decoder.Forward(whole, prompt).ToArray();
        using var runs = model.Decoder.CreateCache();
        float[] actual = model.Decoder.Prefill(runs, prompt).ToArray();
        AssertClose(expected, actual);
        Assert.Equal(prompt, runs.Tokens);

        // After a past too (the prefix cache's case), and a step after it reads the same cache.
        runs.Truncate(7);
        AssertClose(expected, model.Decoder.Prefill(runs, prompt.AsSpan(7)).ToArray());
        int next = Sampler.ArgMax(expected);
        AssertClose(model.Decoder.Forward(whole, [next]).ToArray(), model.Decoder.Forward(runs, [next]).ToArray());

        // Runs cut one row's tokens: a cache of several rows is refused, not read as rows.
        using var rows = model.Decoder.CreateCache(2);
        Assert.Throws<ArgumentException>(() => model.Decoder.Prefill(rows, prompt));
    }

    [Fact]
    public void NoRunLengthPrefillsTheWholePromptAtOnce()
    {
        using var model = TinyModel.Load(new DecoderOptions { PrefillRun = 0 });
        Assert.Equal(model.Decoder.Capacity, model.Decoder.PrefillRun);
        Assert.Equal(DecoderOptions.DefaultPrefillRun, new DecoderOptions().PrefillRun);
    }

    [Fact]
    public void KeepingMoreLogitsReturnsEveryRequestedPosition()
    {
        int[] prompt = _model.Tokenizer.Encode("if (x is null) return;");
        using var a = _model.Decoder.CreateCache();
        float[] three = _model.Decoder.Forward(a, prompt, keep: 3).ToArray();
        int vocab = _model.Manifest.VocabSize;
        Assert.Equal(3 * vocab, three.Length);

        using var b = _model.Decoder.CreateCache();
        float[] lastOnly = _model.Decoder.Forward(b, prompt).ToArray();
        AssertClose(lastOnly, three[(2 * vocab)..]);
    }

    [Fact]
    public void PromptLongerThanContextGivesClearError()
    {
        using var cache = _model.Decoder.CreateCache();
        int[] tooLong = Enumerable.Repeat(65, _model.Manifest.ContextLength + 1).ToArray();
        var e = Assert.Throws<ModelException>(() => _model.Decoder.Forward(cache, tooLong));
        Assert.Contains("exceed the context", e.Message);
        Assert.Equal(0, cache.Length);
    }

    [Fact]
    public void CancelledRunStopsAndLeavesTheCacheUnchanged()
    {
        using var cache = _model.Decoder.CreateCache();
        int[] prompt = _model.Tokenizer.Encode("class A { void M() { } }");
        _model.Decoder.Forward(cache, prompt[..4]);
        Assert.Throws<OperationCanceledException>(() => _model.Decoder.Forward(cache, prompt[4..], cancellation: new CancellationToken(true)));
        Assert.Equal(4, cache.Length);

        float[] resumed = _model.Decoder.Forward(cache, prompt[4..]).ToArray(); // the session still works
        using var cold = _model.Decoder.CreateCache();
        AssertClose(_model.Decoder.Forward(cold, prompt).ToArray(), resumed);
    }

    [Fact]
    public void TokenOutsideVocabularyGivesClearError()
    {
        using var cache = _model.Decoder.CreateCache();
        Assert.Throws<ArgumentException>(() => _model.Decoder.Forward(cache, [_model.Manifest.VocabSize + 5]));
    }

    internal static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= tolerance, $"largest logit difference {worst} > {tolerance}");
    }
}
