using StreamJsonRpc;

namespace NanoLsp.Server;

/// <summary>What the server sends to the client on its own initiative (notifications, server-to-client requests).</summary>
public interface ILanguageClient
{
    Task NotifyAsync(string method, object? parameters);

    Task<TResult?> RequestAsync<TResult>(string method, object? parameters, CancellationToken cancellationToken);
}

/// <summary>The client at the other end of the JSON-RPC connection.</summary>
internal sealed class JsonRpcLanguageClient(JsonRpc rpc, Action<string> logToStderr) : ILanguageClient
{
    public async Task NotifyAsync(string method, object? parameters)
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The client is gone; nothing else to tell it.
            logToStderr($"Could not send {method}: {e.Message}");
        }
    }

    public Task<TResult?> RequestAsync<TResult>(string method, object? parameters, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync<TResult?>(method, parameters, cancellationToken);
}
