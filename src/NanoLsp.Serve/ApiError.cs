namespace NanoLsp.Serve;

/// <summary>A request the server refuses, with the HTTP status and the OpenAI error fields a client shows.</summary>
public sealed class ApiError(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public ErrorBody Body => new(new ErrorDetail(Message, type, param, code));

    public static ApiError Invalid(string message, string? param = null) => new(StatusCodes.Status400BadRequest, message, param: param);

    /// <summary>Writes the error as the API does; nothing is written once the response has started (a stream just ends).</summary>
    public Task WriteAsync(HttpContext context)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.StatusCode = Status;
        // Not RequestAborted: after a timeout that token is already cancelled, and the 504 must still be written.
        return context.Response.WriteAsJsonAsync(Body, Wire.Json, CancellationToken.None);
    }
}
