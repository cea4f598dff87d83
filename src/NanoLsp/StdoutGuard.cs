using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NanoLsp;

/// <summary>
/// Keeps everything but LSP frames off the client's stream. Native code (hostfxr lists the installed
/// SDKs with printf when global.json pins a missing one), child processes that inherit fd 1 and stray
/// Console.Write calls all write to file descriptor 1; an editor reading LSP there sees a corrupt
/// stream. So at start-up the real stdout is duplicated to a private descriptor (close-on-exec, so no
/// child inherits it) that only the LSP transport writes, and fd 1 is pointed at stderr.
/// </summary>
public static class StdoutGuard
{
    private const int StdoutFd = 1;
    private const int StderrFd = 2;

    /// <summary>The stream for LSP output; on a platform without POSIX descriptors, plain stdout.</summary>
    public static Stream OpenProtocolOutput()
    {
        if (OperatingSystem.IsWindows())
            return Console.OpenStandardOutput();
        Console.Out.Flush();
        // F_DUPFD_CLOEXEC: 1030 on Linux, 67 on macOS/BSD.
        var command = OperatingSystem.IsLinux() ? 1030 : 67;
        var privateFd = Fcntl(StdoutFd, command, 3);
        if (privateFd < 0)
            throw new IOException($"Could not duplicate stdout (errno {Marshal.GetLastPInvokeError()}).");
        if (Dup2(StderrFd, StdoutFd) < 0)
            throw new IOException($"Could not point stdout at stderr (errno {Marshal.GetLastPInvokeError()}).");
        return new FileStream(new SafeFileHandle(privateFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int oldFd, int newFd);
}
