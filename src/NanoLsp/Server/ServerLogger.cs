using NanoLsp.Logging;
using NanoLsp.Protocol;

namespace NanoLsp.Server;

/// <summary>
/// Logs to stderr always and to the client (window/logMessage) at or above nanolsp.logLevel.
/// Never stdout: it carries only protocol.
/// </summary>
public sealed class ServerLogger(Func<ServerSettings> settings) : ILog
{
    private ILanguageClient? _client;

    /// <summary>Set once the connection is up; until then messages go to stderr only.</summary>
    public void Attach(ILanguageClient client) => _client = client;

    public void Log(LogLevel level, string message)
    {
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff} {level.ToString().ToLowerInvariant()}] {message}");
        if (_client is { } client && level <= settings().LogLevel)
            _ = client.NotifyAsync(LspMethods.WindowLogMessage, new LogMessageParams(ToMessageType(level), message));
    }

    private static MessageType ToMessageType(LogLevel level) => level switch
    {
        LogLevel.Error => MessageType.Error,
        LogLevel.Warning => MessageType.Warning,
        LogLevel.Info => MessageType.Info,
        _ => MessageType.Log,
    };
}
