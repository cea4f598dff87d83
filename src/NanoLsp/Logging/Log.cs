namespace NanoLsp.Logging;

/// <summary>
/// Where every layer writes its log lines. The bottom of the server: Workspace, Assist and Features
/// log through it without knowing that the Server layer sends the lines to stderr and to the client.
/// Never stdout: it carries only protocol.
/// </summary>
public interface ILog
{
    void Log(LogLevel level, string message);
}

public enum LogLevel
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Debug = 4,
}

public static class LogExtensions
{
    public static void Error(this ILog log, string message) => log.Log(LogLevel.Error, message);
    public static void Warning(this ILog log, string message) => log.Log(LogLevel.Warning, message);
    public static void Info(this ILog log, string message) => log.Log(LogLevel.Info, message);
    public static void Debug(this ILog log, string message) => log.Log(LogLevel.Debug, message);
}
