using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging.Console;

namespace NanoLsp.Serve;

/// <summary>
/// The web application: Kestrel on the one address asked for, then (in order) the API key, the request timeout
/// (which covers the queue too), the concurrency limiter (N generations, a bounded queue, 429 with Retry-After
/// beyond it) and the routes. The limiter and the timeout are ASP.NET Core's own middleware.
/// </summary>
public static class ServeApp
{
    private const string GenerationPolicy = "generation";

    public static WebApplication Build(ServeOptions options, ModelPool pool, string? apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(EndPoint(options.Host, options.Port)));
        // stdout carries one line, the address; logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var served = new ServedModel(options.ModelName ?? pool.Manifest.Name, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(pool);
        builder.Services.AddSingleton(served);
        builder.Services.AddSingleton<ServiceTimes>();
        builder.Services.AddSingleton<CompletionRunner>();
        builder.Services.AddSingleton<CompletionEndpoint>();

        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.Timeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = http => new ApiError(StatusCodes.Status504GatewayTimeout,
                $"The request took longer than the server's timeout ({options.Timeout.TotalMilliseconds:0} ms, queue included).",
                "timeout", code: "timeout").WriteAsync(http),
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.AddConcurrencyLimiter(GenerationPolicy, limiter =>
            {
                limiter.PermitLimit = options.Parallel;
                limiter.QueueLimit = options.Queue;
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = http.RequestServices.GetRequiredService<ServiceTimes>().RetryAfterSeconds().ToString();
                return new ValueTask(new ApiError(StatusCodes.Status429TooManyRequests,
                    $"The server is busy: {options.Parallel} generation(s) running and {options.Queue} waiting. Retry after the Retry-After seconds.",
                    "rate_limit_exceeded", code: "rate_limit_exceeded").WriteAsync(http));
            };
        });

        var app = builder.Build();
        if (apiKey is not null)
        {
            var check = new ApiKeyCheck(Encoding.UTF8.GetBytes(apiKey));
            app.Use(check.InvokeAsync);
        }
        app.UseRequestTimeouts();
        app.UseRateLimiter();

        app.MapGet("/v1/models", () => Results.Json(new ModelList("list", [served.Info]), Wire.Json));
        app.MapGet("/v1/models/{id}", (string id) => id == served.Id
            ? Results.Json(served.Info, Wire.Json)
            : Results.Json(new ApiError(404, $"The model '{id}' does not exist here; this server serves '{served.Id}'.",
                param: "model", code: "model_not_found").Body, Wire.Json, statusCode: 404));
        app.MapPost("/v1/completions", (HttpContext http, CompletionEndpoint endpoint) => endpoint.HandleAsync(http))
            .RequireRateLimiting(GenerationPolicy);
        // The nano model is a fill-in-the-middle code model without chat or instruction training: a chat template
        // would only wrap its code completion in roles it never learned. Say so instead of a bare 404.
        app.MapPost("/v1/chat/completions", () => Results.Json(new ApiError(404,
            $"'{served.Id}' is a fill-in-the-middle code model without chat training: use POST /v1/completions with prompt and suffix.",
            code: "unsupported_endpoint").Body, Wire.Json, statusCode: 404));
        return app;
    }

    private static System.Net.IPEndPoint EndPoint(string host, int port)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new(System.Net.IPAddress.Loopback, port);
        if (System.Net.IPAddress.TryParse(host, out var ip)) return new(ip, port);
        // A name is resolved once at start: the first address it has.
        var addresses = System.Net.Dns.GetHostAddresses(host);
        return addresses.Length > 0 ? new(addresses[0], port) : throw new ArgumentException($"{host} has no address.");
    }
}
