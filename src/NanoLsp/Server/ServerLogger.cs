using NanoLsp.Protocol;

namespace NanoLsp.Server;

/// <summary>
/// Logs to stderr always and to the client (window/logMessage) at or above nanolsp.logLevel.
/// Never stdout: it carries only protocol.
/// </summary>
public sealed class ServerLogger(Func<ServerSettings> settings) : IServerLogger
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

public static class ServerLoggerExtensions
{
    public static void Error(this IServerLogger logger, string message) => logger.Log(LogLevel.Error, message);
    public static void Warning(this IServerLogger logger, string message) => logger.Log(LogLevel.Warning, message);
    public static void Info(this IServerLogger logger, string message) => logger.Log(LogLevel.Info, message);
    public static void Debug(this IServerLogger logger, string message) => logger.Log(LogLevel.Debug, message);
}
