using System.Text.Json;

namespace NanoLsp.Serve.Tests;

public sealed class CompletionRequestReaderTests
{
    private static CompletionJob Read(string json) =>
        CompletionRequestReader.Check(JsonSerializer.Deserialize<CompletionRequestBody>(json, Wire.Json)!, "nano-csharp", 256);

    private static ApiError Refused(string json) => Assert.Throws<ApiError>(() => Read(json));

    [Fact]
    public void TheApisDefaultsApplyWhenFieldsAreAbsent()
    {
        var job = Read("""{"model": "nano-csharp", "prompt": "var x = "}""");
        Assert.Equal(["var x = "], job.Prompts);
        Assert.Equal("", job.Suffix);
        Assert.Equal(16, job.MaxTokens);
        Assert.Equal(1f, job.Sampling.Temperature);
        Assert.Null(job.Logprobs);
        Assert.False(job.Stream);
    }

    [Fact]
    public void PromptAndStopTakeAStringOrAList()
    {
        var job = Read("""{"model": "nano-csharp", "prompt": ["a", "b"], "stop": ";", "suffix": "}", "logprobs": 0, "stream": true, "stream_options": {"include_usage": true}}""");
        Assert.Equal(["a", "b"], job.Prompts);
        Assert.Equal([";"], job.Stop);
        Assert.Equal("}", job.Suffix);
        Assert.Equal(0, job.Logprobs);
        Assert.True(job.IncludeUsage);
        Assert.Equal(["\n", ";"], Read("""{"model": "nano-csharp", "prompt": "a", "stop": ["\n", ";"]}""").Stop);
    }

    [Fact]
    public void WhatTheModelCannotDoIsRefusedNamingTheField()
    {
        Assert.Equal("prompt", Refused("""{"model": "nano-csharp", "prompt": [1, 2, 3]}""").Body.Error.Param);
        Assert.Equal("n", Refused("""{"model": "nano-csharp", "prompt": "a", "n": 2}""").Body.Error.Param);
        Assert.Equal("echo", Refused("""{"model": "nano-csharp", "prompt": "a", "echo": true}""").Body.Error.Param);
        Assert.Equal("logprobs", Refused("""{"model": "nano-csharp", "prompt": "a", "logprobs": 9}""").Body.Error.Param);
        Assert.Equal("stop", Refused("""{"model": "nano-csharp", "prompt": "a", "stop": ["a", "b", "c", "d", "e"]}""").Body.Error.Param);
        Assert.Equal("temperature", Refused("""{"model": "nano-csharp", "prompt": "a", "temperature": 3}""").Body.Error.Param);
        Assert.Equal("model", Refused("""{"prompt": "a"}""").Body.Error.Param);
        var unknown = Refused("""{"model": "codellama", "prompt": "a"}""");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("model_not_found", unknown.Body.Error.Code);
    }
}
