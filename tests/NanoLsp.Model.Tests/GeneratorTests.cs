using System.Text;

namespace NanoLsp.Model.Tests;

public sealed class GeneratorTests : IDisposable
{
    private readonly LanguageModel _model = TinyModel.Load();

    public void Dispose() => _model.Dispose();

    // A random model ends early at random; forbidding the special tokens makes runs long enough to test.
    private ITokenMask NoSpecials => new DelegateTokenMask((_, logits) =>
    {
        foreach (int id in new[] { _model.Tokenizer.EndOfText, _model.Tokenizer.FimPrefix, _model.Tokenizer.FimSuffix,
                     _model.Tokenizer.FimMiddle, _model.Tokenizer.FileSeparator })
            logits.Forbid(id);
    });

    private FimPrompt Prompt => _model.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n}\n");

    [Fact]
    public void GreedyIsDeterministic()
    {
        var options = new GenerationOptions { MaxTokens = 20, Mask = NoSpecials };
        var first = _model.Generate(Prompt, options);
        _model.PrefixCache.Clear();
        var second = _model.Generate(Prompt, options);
        var third = _model.Generate(Prompt, options); // through a warm prefix cache
        Assert.Equal(20, first.Tokens.Count);
        Assert.Equal(first.Tokens.Select(t => t.Id), second.Tokens.Select(t => t.Id));
        Assert.Equal(first.Tokens.Select(t => t.Id), third.Tokens.Select(t => t.Id));
        Assert.True(third.ReusedPromptTokens > 0);
    }

    [Fact]
    public void TemperatureZeroEqualsGreedy()
    {
        var greedy = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 15, Mask = NoSpecials });
        var zero = _model.Generate(Prompt, new GenerationOptions
        {
            MaxTokens = 15, Mask = NoSpecials, Sampling = new SamplingOptions(Temperature: 0, TopK: 5, TopP: 0.5f, Seed: 42),
        });
        Assert.Equal(greedy.Tokens.Select(t => t.Id), zero.Tokens.Select(t => t.Id));
    }

    [Fact]
    public void SameSeedSamplesSameTokensAndOtherSeedsDiffer()
    {
        GenerationOptions Seeded(ulong seed) => new()
        {
            MaxTokens = 20, Mask = NoSpecials, Sampling = new SamplingOptions(Temperature: 1.5f, Seed: seed),
        };
        var a = _model.Generate(Prompt, Seeded(7)).Tokens.Select(t => t.Id).ToList();
        var b = _model.Generate(Prompt, Seeded(7)).Tokens.Select(t => t.Id).ToList();
        Assert.Equal(a, b);
        var others = Enumerable.Range(8, 4).Select(s => _model.Generate(Prompt, Seeded((ulong)s)).Tokens.Select(t => t.Id).ToList());
        Assert.Contains(others, o => !o.SequenceEqual(a));
    }

    [Fact]
    public void LogitMaskIsObeyed()
    {
        var allowed = _model.Tokenizer.Encode(" x + y; // sum").ToHashSet();
        int calls = 0;
        var mask = new DelegateTokenMask((context, logits) =>
        {
            Assert.Equal(calls++, context.Generated.Count);
            logits.AllowOnly(allowed);
        });
        foreach (var sampling in new[] { new SamplingOptions(), new SamplingOptions(Temperature: 1f, Seed: 3) })
        {
            calls = 0;
            var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 25, Mask = mask, Sampling = sampling });
            Assert.Equal(25, result.Tokens.Count);
            Assert.All(result.Tokens, t => Assert.Contains(t.Id, allowed));
        }
    }

    [Fact]
    public void TokenHealingRetypesPartialIdentifier()
    {
        const string prefix = "static void Main()\n{\n    Console.WriteLi";
        var prompt = _model.BuildPrompt(prefix, "\n}\n");
        Assert.NotNull(prompt.Healing);
        string removed = Encoding.UTF8.GetString(prompt.Healing!.Bytes);
        Assert.EndsWith(removed, prefix);
        Assert.DoesNotContain(_model.Tokenizer.Encode(prefix)[^1], prompt.Ids[^(prompt.Ids.Length - Array.IndexOf(prompt.Ids, _model.Tokenizer.FimSuffix))..]);

        var result = _model.Generate(prompt, new GenerationOptions { MaxTokens = 12, Mask = NoSpecials });
        byte[] generated = result.Tokens.SelectMany(t => _model.Tokenizer.TokenBytes(t.Id).ToArray()).ToArray();
        string all = Encoding.UTF8.GetString(generated);
        Assert.StartsWith(removed, all);                   // the model re-typed the cut text...
        Assert.Equal(all[removed.Length..], result.Text);  // ...and the completion is what follows it
    }

    [Fact]
    public void NoHealingAfterATokenThatCannotGrow()
    {
        var prompt = _model.BuildPrompt("int x = 1;", "", tokenHealing: true);
        int last = _model.Tokenizer.Encode("int x = 1;")[^1];
        Assert.Equal(_model.Tokenizer.CanBeExtended(last), prompt.Healing is not null);
        var off = _model.BuildPrompt("Console.WriteLi", "", tokenHealing: false);
        Assert.Null(off.Healing);
    }

    [Fact]
    public void TrailingIndentationIsHealedAsOneRun()
    {
        const string prefix = "void M()\n{\n    int x = 1;\n                        ";
        var prompt = _model.BuildPrompt(prefix, "\n}\n");
        Assert.NotNull(prompt.Healing);
        // The whole whitespace run after `;` is re-typed, so the model meets it as it did in training.
        Assert.Equal("\n                        ", Encoding.UTF8.GetString(prompt.Healing!.Bytes));
        var result = _model.Generate(prompt, new GenerationOptions { MaxTokens = 8, Mask = NoSpecials });
        string all = Encoding.UTF8.GetString(result.Tokens.SelectMany(t => _model.Tokenizer.TokenBytes(t.Id).ToArray()).ToArray());
        string run = Encoding.UTF8.GetString(prompt.Healing.Bytes);
        Assert.True(all.StartsWith(run, StringComparison.Ordinal) || run.StartsWith(all, StringComparison.Ordinal),
            $"the model must re-type the indentation first, got '{all}'");
        // The engine says which tokens only re-typed the healed run: those lie wholly inside it.
        int covered = 0;
        foreach (var token in result.Tokens)
        {
            int length = _model.Tokenizer.TokenBytes(token.Id).Length;
            Assert.Equal(covered + length <= prompt.Healing.Bytes.Length, token.RetypesHealedText);
            covered += length;
        }
    }

    [Fact]
    public void CancellationStopsWithinOneToken()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var options = new GenerationOptions
        {
            MaxTokens = 60, Mask = NoSpecials, StopBefore = _ => { if (++seen == 3) cts.Cancel(); return false; },
        };
        var result = _model.Generate(Prompt, options, cts.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(3, result.Tokens.Count);
    }

    [Fact]
    public async Task ASecondGenerationWaitsItsTurnAndNeverCancelsTheFirst()
    {
        // Newest-wins is the server's business, per document; the engine only serialises.
        var started = new TaskCompletionSource();
        var slow = new GenerationOptions
        {
            MaxTokens = 20, Mask = NoSpecials, StopBefore = _ => { started.TrySetResult(); Thread.Sleep(5); return false; },
        };
        var first = _model.GenerateAsync(Prompt, slow);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await _model.GenerateAsync(Prompt, new GenerationOptions { MaxTokens = 5, Mask = NoSpecials });
        Assert.True(first.IsCompleted, "the second generation ran after the first");
        Assert.Equal(StopReason.MaxTokens, (await first).StopReason);
        Assert.Equal(20, (await first).Tokens.Count);
        Assert.Equal(StopReason.MaxTokens, second.StopReason);
    }

    [Fact]
    public async Task AWaitingGenerationWhoseTokenIsCancelledNeverRuns()
    {
        var started = new TaskCompletionSource();
        var slow = new GenerationOptions
        {
            MaxTokens = 30, Mask = NoSpecials, StopBefore = _ => { started.TrySetResult(); Thread.Sleep(5); return false; },
        };
        var running = _model.GenerateAsync(Prompt, slow);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var waiting = _model.GenerateAsync(Prompt, new GenerationOptions { MaxTokens = 3, Mask = NoSpecials }, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(StopReason.MaxTokens, (await running).StopReason);
    }

    [Fact]
    public void StopBeforeEndsDecodingWithoutTheDoubtfulToken()
    {
        var full = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 8, Mask = NoSpecials });
        int calls = 0;
        var cut = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 8, Mask = NoSpecials, StopBefore = _ => ++calls == 4 });
        Assert.Equal(StopReason.Doubt, cut.StopReason);
        Assert.Equal(full.Tokens.Take(3).Select(t => t.Id), cut.Tokens.Select(t => t.Id));
        Assert.StartsWith(cut.Text, full.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleLineStopsAtNewlineAndStopStringsAreCut()
    {
        int newline = _model.Tokenizer.Encode("\n")[0];
        int count = 0;
        var newlineThird = new DelegateTokenMask((_, logits) =>
        {
            if (++count == 3) logits.AllowOnly(new HashSet<int> { newline });
        });
        var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 30, SingleLine = true, Mask = newlineThird });
        Assert.Equal(StopReason.Newline, result.StopReason);
        Assert.Equal(3, result.Tokens.Count);
        Assert.DoesNotContain('\n', result.Text);

        var full = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 12, Mask = NoSpecials });
        string stop = full.Text.Substring(full.Text.Length / 2, 1);
        var stopped = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 12, Mask = NoSpecials, StopStrings = [stop] });
        Assert.Equal(StopReason.StopString, stopped.StopReason);
        Assert.Equal(full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
    }

    [Fact]
    public void ExpiredDeadlineStopsBeforeTheFirstToken()
    {
        var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 50, Deadline = TimeSpan.Zero });
        Assert.Equal(StopReason.Deadline, result.StopReason);
        Assert.Empty(result.Tokens);
    }

    [Fact]
    public void MaskThatForbidsEverythingStopsCleanly()
    {
        int calls = 0;
        var closing = new DelegateTokenMask((context, logits) =>
        {
            NoSpecials.Apply(context, logits);
            if (++calls == 3) logits.Fill(float.NegativeInfinity);
        });
        var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 20, Mask = closing });
        Assert.Equal(StopReason.NothingAllowed, result.StopReason);
        Assert.Equal(2, result.Tokens.Count);
    }

    [Fact]
    public void MaxTokensIsRespected()
    {
        var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 7, Mask = NoSpecials });
        Assert.Equal(StopReason.MaxTokens, result.StopReason);
        Assert.Equal(7, result.Tokens.Count);
    }

    [Fact]
    public void LogProbsAreNormalisedModelProbabilities()
    {
        var result = _model.Generate(Prompt, new GenerationOptions { MaxTokens = 8, Mask = NoSpecials });
        Assert.All(result.Tokens, t => Assert.InRange(t.LogProb, -30f, 0f));
    }

    [Fact]
    public async Task BeamOfOneEqualsGreedy()
    {
        var options = new GenerationOptions { MaxTokens = 10, Mask = NoSpecials };
        var greedy = _model.Generate(Prompt, options);
        var beams = await _model.BeamSearchAsync(Prompt, 1, options);
        Assert.Equal(greedy.Tokens.Select(t => t.Id), Assert.Single(beams).Tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task BeamsAreDistinctAndRankedByScore()
    {
        var beams = await _model.BeamSearchAsync(Prompt, 3, new GenerationOptions { MaxTokens = 6, Mask = NoSpecials });
        Assert.Equal(3, beams.Count);
        Assert.Equal(3, beams.Select(b => string.Join(",", b.Tokens.Select(t => t.Id))).Distinct().Count());
        Assert.Equal(beams.OrderByDescending(b => b.Score).Select(b => b.Score), beams.Select(b => b.Score));
    }
}
