using System.Runtime.InteropServices;

namespace NanoLsp;

/// <summary>
/// Keeps everything but LSP frames off the client's stream. Native code (hostfxr lists the installed
/// SDKs with printf when global.json pins a missing one), child processes that inherit fd 1 and stray
/// Console.Write calls all write to file descriptor 1; an editor reading LSP there sees a corrupt
/// stream. So at start-up the LSP transport takes .NET's console stream, which writes to a private
/// close-on-exec duplicate of the real stdout (no child inherits it), and fd 1 is pointed at stderr.
/// </summary>
public static class StdoutGuard
{
    private const int StdoutFd = 1;
    private const int StderrFd = 2;

    /// <summary>The stream for LSP output; on a platform without POSIX descriptors, plain stdout.</summary>
    public static Stream OpenProtocolOutput()
    {
        // .NET's console stream writes to its own close-on-exec duplicate of fd 1 (taken here), so
        // pointing fd 1 at stderr afterwards leaves the protocol stream on the real stdout.
        var protocol = Console.OpenStandardOutput();
        if (OperatingSystem.IsWindows())
            return protocol;
        Console.Out.Flush();
        if (Dup2(StderrFd, StdoutFd) < 0)
            throw new IOException($"Could not point stdout at stderr (errno {Marshal.GetLastPInvokeError()}).");
        return protocol;
    }

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int oldFd, int newFd);
}
