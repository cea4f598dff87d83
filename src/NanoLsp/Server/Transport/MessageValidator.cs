using System.Text.Json;
using NanoLsp.Protocol;

namespace NanoLsp.Server.Transport;

/// <summary>Why a frame cannot go on to the JSON-RPC layer, and the id to answer (null when unknown).</summary>
public sealed record RejectedMessage(int Code, string Message, JsonElement? Id);

/// <summary>
/// Checks a frame body before StreamJsonRpc sees it: StreamJsonRpc drops the whole connection on a
/// body it cannot deserialise, while JSON-RPC says the server answers ParseError / InvalidRequest.
/// </summary>
public static class MessageValidator
{
    /// <summary>Null when the body is a well-formed JSON-RPC 2.0 message.</summary>
    public static RejectedMessage? Validate(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new RejectedMessage(LspErrorCodes.ParseError, $"Parse error: the message is not valid JSON ({e.Message})", null);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Invalid($"a message must be a JSON object, not {Describe(root.ValueKind)} (batches are not used by LSP)", null);

            JsonElement? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                    return Invalid("'id' must be a string or a number", null);
                if (idElement.ValueKind != JsonValueKind.Null)
                    id = idElement.Clone();
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
                return null;
            }
            if (id is not null && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)))
                return null;
            return Invalid("the message has no 'method' and is not a response", id);
        }
    }

    private static RejectedMessage Invalid(string why, JsonElement? id) =>
        new(LspErrorCodes.InvalidRequest, $"Invalid request: {why}.", id);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
