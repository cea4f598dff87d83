using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using NanoLsp.Model;

namespace NanoLsp.Serve;

/// <summary>
/// POST /v1/completions: reads and checks the request, takes a model instance, and answers one JSON body or, with
/// <c>stream</c>, server-sent events (<c>data: CHUNK</c> per piece of text, <c>data: [DONE]</c> at the end).
/// <see cref="HttpContext.RequestAborted"/> is the one token: a client that disconnects and the request timeout both
/// cancel the generation at its next token.
/// </summary>
public sealed class CompletionEndpoint(ModelPool pool, ServedModel served, ServeOptions options, CompletionRunner runner, ServiceTimes times)
{
    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        long start = Stopwatch.GetTimestamp();
        try
        {
            var job = await CompletionRequestReader.ReadAsync(http.Request.Body, served.Id, options.MaxTokens, cancellationToken);
            CompletionRunner.CheckRoom(pool.Manifest, job);
            using var lease = await pool.RentAsync(cancellationToken);
            string id = $"cmpl-{Guid.NewGuid():N}"[..29];
            long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (job.Stream)
                await StreamAsync(http, lease.Model, id, created, job, cancellationToken);
            else
                await AnswerAsync(http, lease.Model, id, created, job, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(start));
        }
        catch (ApiError error)
        {
            await error.WriteAsync(http);
        }
        catch (ModelException e)
        {
            await new ApiError(StatusCodes.Status500InternalServerError, $"The model failed: {e.Message}", "server_error").WriteAsync(http);
        }
        // An OperationCanceledException goes on to the request-timeout middleware: 504 when the timeout fired and
        // nothing was written yet; a client that left gets nothing.
    }

    private async Task AnswerAsync(HttpContext http, LanguageModel model, string id, long created, CompletionJob job, CancellationToken ct)
    {
        var choices = new List<CompletionChoice>();
        int promptTokens = 0, completionTokens = 0;
        for (int index = 0; index < job.Prompts.Count; index++)
        {
            var outcome = await runner.RunAsync(model, id, job, job.Prompts[index], onProgress: null, ct);
            promptTokens += outcome.PromptTokens;
            completionTokens += outcome.Tokens.Count;
            CompletionLogprobs? logprobs = null;
            if (job.Logprobs is not null)
                logprobs = CompletionRunner.Logprobs(model.Tokenizer, outcome.Tokens, outcome.HealedBytes, job.Prompts[index].Length);
            choices.Add(new CompletionChoice(outcome.Text, index, logprobs, outcome.FinishReason));
        }
        var usage = new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
        await http.Response.WriteAsJsonAsync(new CompletionResponse(id, "text_completion", created, served.Id, choices, usage), Wire.Json, ct);
    }

    private async Task StreamAsync(HttpContext http, LanguageModel model, string id, long created, CompletionJob job, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        int promptTokens = 0, completionTokens = 0;
        for (int index = 0; index < job.Prompts.Count; index++)
        {
            string prompt = job.Prompts[index];
            var holdBack = new StreamHoldBack(job.Stop);
            // The generator calls back on its own thread; the pieces go through a channel to this request's writer.
            var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var generation = runner.RunAsync(model, id, job, prompt, (_, text) =>
            {
                string delta = holdBack.Next(text);
                if (delta.Length > 0) pieces.Writer.TryWrite(delta);
            }, ct);
            // Completing the channel also observes a generation that ends cancelled while the writer has already left.
            _ = generation.ContinueWith(t => { pieces.Writer.TryComplete(); _ = t.Exception; }, TaskScheduler.Default);

            // While generating, a chunk carries text only: the tokens' logprobs come with the last chunk, once the
            // generation's tokens are its result (the list the callback sees is the generator's, still growing).
            await foreach (string text in pieces.Reader.ReadAllAsync(ct))
                await WriteEventAsync(http, Chunk(id, created, new CompletionChoice(text, index, null, null)), ct);
            var outcome = await generation;
            promptTokens += outcome.PromptTokens;
            completionTokens += outcome.Tokens.Count;
            CompletionLogprobs? logprobs = null;
            if (job.Logprobs is not null)
                logprobs = CompletionRunner.Logprobs(model.Tokenizer, outcome.Tokens, outcome.HealedBytes, prompt.Length);
            await WriteEventAsync(http, Chunk(id, created, new CompletionChoice(holdBack.Rest(outcome.Text), index, logprobs, outcome.FinishReason)), ct);
        }
        if (job.IncludeUsage)
            await WriteEventAsync(http, new CompletionResponse(id, "text_completion", created, served.Id, [],
                new Usage(promptTokens, completionTokens, promptTokens + completionTokens)), ct);
        await http.Response.WriteAsync("data: [DONE]\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private CompletionResponse Chunk(string id, long created, CompletionChoice choice) =>
        new(id, "text_completion", created, served.Id, [choice], Usage: null);

    private static async Task WriteEventAsync(HttpContext http, CompletionResponse chunk, CancellationToken ct)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk, Wire.Json) + "\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
