using NanoLsp.Logging;
using System.Collections.Concurrent;
using NanoLsp.Server;

namespace NanoLsp.Tests.Server;

/// <summary>A log sink that keeps the messages, so tests can read what the server said.</summary>
internal sealed class RecordingLogger : ILog
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Messages { get; } = new();

    public void Log(LogLevel level, string message) => Messages.Enqueue((level, message));
}
