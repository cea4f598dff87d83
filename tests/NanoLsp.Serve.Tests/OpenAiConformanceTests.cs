using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLsp.Driver;
using NanoLsp.Model;
using OpenAI;

namespace NanoLsp.Serve.Tests;

/// <summary>One nanolsp-serve process (the shipped model, no key) shared by the conformance tests, and the engine
/// loaded in the test process to tell what the server should answer.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public ServeProcess Serve { get; private set; } = null!;
    public OpenAIClient Client { get; private set; } = null!;
    public LanguageModel Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Serve = await ServeProcess.StartAsync();
        Client = LegacyCompletions.Client(Serve.BaseAddress);
        Engine = LanguageModel.Load(ModelLocator.Locate());
    }

    public async Task DisposeAsync()
    {
        await Serve.DisposeAsync();
        Engine.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeCollection
{
    public const string Name = "nanolsp-serve processes";
}

[Collection(ServeCollection.Name)]
public sealed class OpenAiConformanceTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private const string Prefix = "public static int Add(int a, int b)\n{\n    return a";
    private const string Suffix = ";\n}\n";

    private LegacyCompletions Completions => new(fixture.Serve.BaseAddress);

    private static JsonObject Request(string prompt, string? suffix = null, int maxTokens = 8) => new()
    {
        ["model"] = "nano-csharp",
        ["prompt"] = prompt,
        ["suffix"] = suffix,
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
    };

    private string EngineGreedy(string prompt, string suffix, int maxTokens)
    {
        var fim = fixture.Engine.BuildPrompt(prompt, suffix, maxTokens: fixture.Engine.Manifest.ContextLength - maxTokens);
        return fixture.Engine.Generate(fim, new GenerationOptions { MaxTokens = maxTokens }).Text;
    }

    [Fact]
    public async Task TheLibrarysModelClientListsTheServedModel()
    {
        var models = fixture.Client.GetOpenAIModelClient();
        var list = (await models.GetModelsAsync()).Value;
        var model = Assert.Single(list);
        Assert.Equal("nano-csharp", model.Id);
        Assert.Equal("nanolsp", model.OwnedBy);
        Assert.Equal("nano-csharp", (await models.GetModelAsync("nano-csharp")).Value.Id);
        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync("gpt-4o"));
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task ACompletionWithSuffixIsTheEnginesGreedyFillInTheMiddle()
    {
        var answer = await Completions.CreateAsync(Request(Prefix, Suffix));
        Assert.Equal(200, answer.Status);
        var body = answer.Body;
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.Equal("nano-csharp", body.GetProperty("model").GetString());
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(EngineGreedy(Prefix, Suffix, 8), choice.GetProperty("text").GetString());
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = body.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 10);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task TheSuffixChangesWhatFillsTheMiddle()
    {
        // The same prefix before two different suffixes: the engine's answers differ, and the server gives each.
        const string prefix = "var total = ";
        string[] suffixes = [";\nConsole.WriteLine(total);\n", ".ToString(\"0.00\");\n"];
        foreach (string suffix in suffixes)
        {
            var answer = await Completions.CreateAsync(Request(prefix, suffix, maxTokens: 6));
            Assert.Equal(EngineGreedy(prefix, suffix, 6), answer.Body.GetProperty("choices")[0].GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task StreamedChunksJoinToTheTextOfOneAnswer()
    {
        var whole = await Completions.CreateAsync(Request(Prefix, Suffix, maxTokens: 12));
        var chunks = new List<JsonElement>();
        var streamed = Request(Prefix, Suffix, maxTokens: 12);
        streamed["stream_options"] = new JsonObject { ["include_usage"] = true };
        await foreach (var chunk in Completions.StreamAsync(streamed))
            chunks.Add(chunk);
        var withChoices = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).ToList();
        Assert.True(withChoices.Count >= 2, $"one piece of text per chunk was expected, got {withChoices.Count} chunks");
        string joined = string.Concat(withChoices.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(whole.Body.GetProperty("choices")[0].GetProperty("text").GetString(), joined);
        // Only the last chunk with a choice says why it ended; the usage chunk comes after it.
        Assert.All(withChoices[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Equal(whole.Body.GetProperty("choices")[0].GetProperty("finish_reason").GetString(),
            withChoices[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(whole.Body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(),
            chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task AStopStringEndsTheCompletionBeforeItStreamedOrNot()
    {
        const string prompt = "int[] primes = { 2, 3, 5, 7, 11, 13, ";
        string free = EngineGreedy(prompt, "", 16);
        int at = free.IndexOf(',');
        Assert.True(at > 0, $"the engine's answer has no comma to stop at: '{free}'");
        var request = Request(prompt, maxTokens: 16);
        request["stop"] = new JsonArray(",", "never-written");
        var answer = await Completions.CreateAsync(request);
        var choice = answer.Body.GetProperty("choices")[0];
        Assert.Equal(free[..at], choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());

        var streamed = new List<string>();
        await foreach (var chunk in Completions.StreamAsync(Request(prompt, maxTokens: 16).Also(r => r["stop"] = ",")))
            streamed.Add(chunk.GetProperty("choices")[0].GetProperty("text").GetString()!);
        Assert.Equal(free[..at], string.Concat(streamed));
    }

    [Fact]
    public async Task LogprobsComeWithEveryTokenAndItsLikeliestRivals()
    {
        var request = Request(Prefix, Suffix, maxTokens: 8);
        request["logprobs"] = 3;
        var answer = await Completions.CreateAsync(request);
        var choice = answer.Body.GetProperty("choices")[0];
        var logprobs = choice.GetProperty("logprobs");
        var tokens = logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(answer.Body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), tokens.Count);
        Assert.StartsWith(choice.GetProperty("text").GetString()!, string.Concat(tokens));
        var values = logprobs.GetProperty("token_logprobs").EnumerateArray().Select(v => v.GetSingle()).ToList();
        var tops = logprobs.GetProperty("top_logprobs").EnumerateArray().ToList();
        Assert.Equal(tokens.Count, values.Count);
        Assert.Equal(tokens.Count, tops.Count);
        for (int i = 0; i < tops.Count; i++)
        {
            var rivals = tops[i].EnumerateObject().Select(p => p.Value.GetSingle()).ToList();
            Assert.InRange(rivals.Count, 1, 3);
            Assert.All(rivals, r => Assert.True(r <= 0));
            // Greedy: the chosen token is the likeliest, so no rival beats it.
            Assert.True(rivals.Max() <= values[i] + 1e-4, $"token {i}: a rival ({rivals.Max()}) beats the greedy choice ({values[i]})");
        }
    }

    [Fact]
    public async Task AnUnknownModelIsRefusedAsTheApiDoes()
    {
        var answer = await Completions.CreateAsync(Request(Prefix).Also(r => r["model"] = "gpt-3.5-turbo-instruct"));
        Assert.Equal(404, answer.Status);
        Assert.Equal("model_not_found", answer.Body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ABadRequestIs400NamingTheField()
    {
        var tooMany = await Completions.CreateAsync(Request(Prefix, maxTokens: 100_000));
        Assert.Equal(400, tooMany.Status);
        Assert.Equal("max_tokens", tooMany.Body.GetProperty("error").GetProperty("param").GetString());
        var samples = await Completions.CreateAsync(Request(Prefix).Also(r => r["n"] = 3));
        Assert.Equal(400, samples.Status);
        Assert.Equal("n", samples.Body.GetProperty("error").GetProperty("param").GetString());

        using var http = new HttpClient { BaseAddress = fixture.Serve.BaseAddress };
        var malformed = await http.PostAsync("v1/completions", new StringContent("{\"model\": \"nano-csharp\", \"prompt\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)malformed.StatusCode);
        var error = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletionsSayToUseCompletionsInstead()
    {
        var chat = fixture.Client.GetChatClient("nano-csharp");
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync("Write a for loop."));
        Assert.Equal(404, refused.Status);
        Assert.Contains("/v1/completions", refused.Message);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
