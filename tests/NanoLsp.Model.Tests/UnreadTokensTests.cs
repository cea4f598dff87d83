namespace NanoLsp.Model.Tests;

/// <summary>What the model has read of a prompt, as a caller deciding whether to wait for it sees it.</summary>
public sealed class UnreadTokensTests : IDisposable
{
    private readonly LanguageModel _model = TinyModel.Load();

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task APromptIsUnreadUntilPrefilledThenOnlyWhatDiffersFromItIs()
    {
        var prompt = _model.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n}\n");
        var sameStart = _model.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n    // another suffix\n}\n");
        Assert.Equal(prompt.Ids.Length, _model.UnreadTokens(prompt));

        await _model.PrefillAsync(prompt);
        Assert.Equal(0, _model.UnreadTokens(prompt));
        int common = prompt.Ids.AsSpan().CommonPrefixLength(sameStart.Ids);
        Assert.InRange(common, 1, sameStart.Ids.Length - 1);
        Assert.Equal(sameStart.Ids.Length - common, _model.UnreadTokens(sameStart));

        // A generation reads its prompt too; what it generates after the prompt is not counted.
        await _model.GenerateAsync(sameStart, new GenerationOptions { MaxTokens = 3 });
        Assert.Equal(0, _model.UnreadTokens(sameStart));
        Assert.Equal(prompt.Ids.Length - common, _model.UnreadTokens(prompt));

        _model.PrefixCache.Clear();
        Assert.Equal(prompt.Ids.Length, _model.UnreadTokens(prompt));
    }
}
