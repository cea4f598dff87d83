using System.Runtime.InteropServices;

namespace NanoLsp.Model;

/// <summary>
/// Gives the calling thread an alternate signal stack big enough for a signal frame that carries AMX state
/// (about 11 KB on Sapphire Rapids) plus the .NET runtime's SIGSEGV handler (about 3.5 KB), so that a null
/// dereference on the model thread is still a NullReferenceException (why: <see cref="ModelThread"/>).
/// Linux x64 only; elsewhere, or if a call fails, the thread keeps the runtime's stack. No library sets a thread's
/// signal stack, hence the libc calls. The runtime unmaps the current alternate stack when the thread ends, so this
/// one is mmapped (its guard page and the runtime's own smaller stack stay mapped: a few KB per model load).
/// </summary>
internal static unsafe partial class SignalStack
{
    private const int UsableBytes = 64 * 1024;
    private const int PageBytes = 4096;
    private const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    private const int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_STACK = 0x20000;

    [StructLayout(LayoutKind.Sequential)]
    private struct StackT
    {
        public nint Sp;
        public int Flags;
        public nuint Size;
    }

    public static bool EnlargeForCurrentThread()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return false;
        try
        {
            nint mapping = mmap(0, PageBytes + UsableBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            if (mapping == -1) return false;
            mprotect(mapping, PageBytes, PROT_NONE); // the stack grows down into this page: a fault, not corruption
            var stack = new StackT { Sp = mapping + PageBytes, Flags = 0, Size = UsableBytes };
            if (sigaltstack(&stack, null) == 0) return true;
            munmap(mapping, PageBytes + UsableBytes);
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int munmap(nint address, nuint length);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int sigaltstack(StackT* stack, StackT* old);
}
