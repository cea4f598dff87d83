using System.Buffers;
using System.Text.Json;
using NanoLsp.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace NanoLsp.Server.Transport;

/// <summary>Why a frame cannot go on to the JSON-RPC layer, and the id to answer (<see cref="RequestId.Null"/> when unknown).</summary>
public sealed record RejectedMessage(int Code, string Message, RequestId Id);

/// <summary>
/// Reads a frame body into a JSON-RPC message, or says why it is not one. StreamJsonRpc drops the whole
/// connection on a body it cannot deserialise, while JSON-RPC says the server answers ParseError /
/// InvalidRequest and goes on. The formatter's one parse does most of the checking (it throws on bad JSON,
/// a non-object, an id that is not a string/number/null, a non-string method, params that are not an
/// object or array); <see cref="Check"/> adds what it lets through. Only a body that failed is parsed a
/// second time, by <see cref="Explain"/>, to name the reason and find the id to answer.
/// </summary>
public static class MessageValidator
{
    /// <summary>Null with the message when the body is a well-formed JSON-RPC 2.0 message.</summary>
    public static RejectedMessage? Read(IJsonRpcMessageFormatter formatter, byte[] body, out JsonRpcMessage? message)
    {
        try
        {
            message = formatter.Deserialize(new ReadOnlySequence<byte>(body));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // JsonException, InvalidOperationException, FormatException, KeyNotFoundException...: each names a
            // part of the envelope the formatter could not read, none of them the connection's fault.
            message = null;
            return Explain(body, e.Message);
        }
        var rejected = Check(message);
        if (rejected is not null)
        {
            // Nobody else will see this message: let the formatter free the document it holds.
            (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);
            message = null;
        }
        return rejected;
    }

    /// <summary>What SystemTextJsonFormatter accepts but JSON-RPC 2.0 does not.</summary>
    public static RejectedMessage? Check(JsonRpcMessage message)
    {
        var id = message is IJsonRpcMessageWithId withId ? withId.RequestId : RequestId.NotSpecified;
        var answerId = id.IsEmpty ? RequestId.Null : id;
        // The formatter takes a missing "jsonrpc" for 1.0 and keeps any other string.
        if (message.Version != "2.0")
            return Invalid("'jsonrpc' must be \"2.0\"", answerId);
        return message switch
        {
            JsonRpcRequest { Method: null or "" } => Invalid("'method' must be a non-empty string", answerId),
            JsonRpcRequest => null,
            // A response without an id answers nothing; the formatter would hand it on as NotSpecified.
            _ when id.IsEmpty || id.IsNull => Invalid("the message has no 'method' and is not a response", RequestId.Null),
            _ => null,
        };
    }

    /// <summary>
    /// Why the formatter could not read this body, as a JSON-RPC error to answer. The error path only: it
    /// parses the body again, which a good message never pays for.
    /// </summary>
    public static RejectedMessage Explain(byte[] body, string formatterError)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new RejectedMessage(LspErrorCodes.ParseError, $"Parse error: the message is not valid JSON ({e.Message})", RequestId.Null);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Invalid($"a message must be a JSON object, not {Describe(root.ValueKind)} (batches are not used by LSP)", RequestId.Null);

            var id = RequestId.Null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                    return Invalid("'id' must be a string or a number", RequestId.Null);
                id = ToRequestId(idElement);
            }
            if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
                return Invalid("'jsonrpc' must be \"2.0\"", id);
            if (root.TryGetProperty("method", out var method))
            {
                if (method.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(method.GetString()))
                    return Invalid("'method' must be a non-empty string", id);
                if (root.TryGetProperty("params", out var parameters)
                    && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
                    return Invalid("'params' must be an object or an array", id);
            }
            else if (id.IsNull || !(root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)))
                return Invalid("the message has no 'method' and is not a response", id);
            // Well-formed by these rules, yet unreadable to the formatter (an id of 1.5, an error without a code).
            return Invalid($"the message could not be read ({formatterError})", id);
        }
    }

    private static RequestId ToRequestId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => new RequestId(id.GetString()),
        JsonValueKind.Number when id.TryGetInt64(out var n) => new RequestId(n),
        _ => RequestId.Null,
    };

    private static RejectedMessage Invalid(string why, RequestId id) =>
        new(LspErrorCodes.InvalidRequest, $"Invalid request: {why}.", id);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
