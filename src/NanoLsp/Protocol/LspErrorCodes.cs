namespace NanoLsp.Protocol;

/// <summary>JSON-RPC and LSP error codes (LSP 3.17 "ErrorCodes" and "LSPErrorCodes").</summary>
public static class LspErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;
    public const int ServerCancelled = -32802;
    public const int ContentModified = -32801;
    public const int RequestCancelled = -32800;
}

/// <summary>
/// The one exception a handler throws to answer a request with an LSP error (bad position,
/// unknown document, ...). The server turns it into a JSON-RPC error response and keeps serving.
/// </summary>
public sealed class LspException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static LspException InvalidParams(string message) => new(LspErrorCodes.InvalidParams, message);
}
