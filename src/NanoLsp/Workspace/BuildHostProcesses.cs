namespace NanoLsp.Workspace;

/// <summary>
/// MSBuild build hosts that would outlive the server. Roslyn's MSBuild loader starts a build host process per project it
/// opens (BuildHost.dll beside NanoLsp.dll), which creates a named pipe and waits for the server to connect. Once connected
/// it ends when the pipe closes; but one started just before the server exits (or is killed) waits for its
/// connection forever: test runs left such build hosts behind, idle, their server long gone. Roslyn has no hook into
/// that launch, so the server finds them by their command line: at exit it ends the ones it started, and at start the
/// ones a killed server left (their parent no longer a NanoLsp process; a SIGKILL runs nothing at exit).
/// Processes are read from /proc, so this works on Linux only; elsewhere both calls find nothing.
/// <para>
/// A build host also leaves a file behind: it listens on a Unix domain socket named on its command line (a pipe is a file
/// on Unix, /tmp/GUID) and does not remove it when it ends. Roslyn starts one per project it opens, so that was one file
/// per project MSBuild loaded, about 12,000 in /tmp on the development machine after a day of test runs. The server
/// removes the socket of each build host that has ended: after a load (<see cref="Watch"/>,
/// <see cref="RemoveSocketsOnceEndedAsync"/>) and when it ends one itself.
/// </para>
/// </summary>
public static class BuildHostProcesses
{
    private const string Marker = "Microsoft.CodeAnalysis.Workspaces.MSBuild.BuildHost.dll";

    /// <summary>Ends this process's own build hosts (at exit: a connected one would end anyway, a waiting one never).</summary>
    public static IReadOnlyList<int> EndChildren() =>
        End(BuildHostsOf(AppContext.BaseDirectory).Where(p => p.ParentId == Environment.ProcessId));

    /// <summary>Ends build hosts of this installation whose parent is not a NanoLsp process (it died without ending them).</summary>
    public static IReadOnlyList<int> EndOrphans()
    {
        var mainAssembly = typeof(BuildHostProcesses).Assembly.Location;
        if (mainAssembly.Length == 0) return []; // a single-file build: no way to know a server of ours
        return End(BuildHostsOf(AppContext.BaseDirectory).Where(p => !MapsFile(p.ParentId, mainAssembly)));
    }

    private sealed record ProcessEntry(int Id, int ParentId, string? Socket);

    /// <summary>A build host this process started, and the socket file it listens on (null: none found).</summary>
    public sealed record BuildHost(int Id, string? Socket);

    /// <summary>
    /// Notes this process's build hosts while a load runs: Roslyn starts one per project it opens and ends it once that
    /// project is loaded, so they are seen while they run, every 100 ms, among the children of this process's threads
    /// (/proc/self/task/*/children: a few small files, not all of /proc). <see cref="StopAsync"/> ends the watch and
    /// returns them.
    /// </summary>
    public sealed class Watch
    {
        private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
        private readonly Dictionary<int, string?> _seen = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private Watch() => _loop = OperatingSystem.IsLinux() ? Task.Run(LoopAsync) : Task.CompletedTask;

        public static Watch Start() => new();

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Scan();
                try
                {
                    await Task.Delay(Every, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        // A child is checked at each scan until it is a build host: between its fork and its exec it still has this
        // process's command line.
        private void Scan()
        {
            foreach (int child in ChildIds())
            {
                if (_seen.ContainsKey(child)) continue;
                if (BuildHostArguments($"/proc/{child}", from: "") is { } arguments)
                    _seen[child] = SocketOf(arguments);
            }
        }

        /// <summary>Ends the watch (one last look first) and returns the build hosts it saw.</summary>
        public async Task<IReadOnlyList<BuildHost>> StopAsync()
        {
            _stop.Cancel();
            await _loop.ConfigureAwait(false);
            if (OperatingSystem.IsLinux()) Scan();
            return _seen.Select(s => new BuildHost(s.Key, s.Value)).ToList();
        }

        private static IEnumerable<int> ChildIds()
        {
            IEnumerable<string> threads;
            try
            {
                threads = Directory.EnumerateDirectories("/proc/self/task").ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                yield break;
            }
            foreach (var thread in threads)
            {
                foreach (var id in (ReadOrNull(Path.Combine(thread, "children")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(id, out int child)) yield return child;
                }
            }
        }
    }

    /// <summary>
    /// Removes the socket file of each of <paramref name="hosts"/> that ends within <paramref name="wait"/> (a load's
    /// build hosts end once its workspace is disposed). One still running keeps its socket: it may be another load's,
    /// still waiting for its connection. Returns the files removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveSocketsOnceEndedAsync(IReadOnlyList<BuildHost> hosts, TimeSpan wait)
    {
        var removed = new List<string>();
        foreach (var host in hosts.Where(h => h.Socket is not null))
        {
            if (!await EndsWithinAsync(host.Id, wait).ConfigureAwait(false))
                continue;
            if (RemoveSocket(host.Socket))
                removed.Add(host.Socket!);
        }
        return removed;
    }

    private static async Task<bool> EndsWithinAsync(int id, TimeSpan wait)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            using var timeout = new CancellationTokenSource(wait);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (ArgumentException)
        {
            return true; // already ended
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool RemoveSocket(string? path)
    {
        try
        {
            if (path is null || !File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another user's, or gone meanwhile
        }
    }

    /// <summary>The socket a build host listens on: its pipe name, the argument after the build host's path (a GUID),
    /// as a file under /tmp, where it is on Linux (or, should that change, .NET's own place for pipes).</summary>
    private static string? SocketOf(string[] arguments)
    {
        int at = Array.FindIndex(arguments, a => a.EndsWith(Marker, StringComparison.Ordinal));
        if (at < 0 || at + 1 >= arguments.Length || !Guid.TryParse(arguments[at + 1], out _)) return null;
        string name = arguments[at + 1];
        string[] places = [Path.Combine("/tmp", name), Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + name)];
        return places.FirstOrDefault(File.Exists) ?? places[0];
    }

    /// <summary>Build host processes started from <paramref name="baseDirectory"/>'s BuildHost-* folders.</summary>
    private static IEnumerable<ProcessEntry> BuildHostsOf(string baseDirectory)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc")) yield break;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int id) || id == Environment.ProcessId) continue;
            // Only this installation's: another NanoLsp build (or another product's build host) is not ours to end.
            if (BuildHostArguments(folder, from: baseDirectory) is not { } arguments) continue;
            if (ParentOf(folder) is { } parent) yield return new ProcessEntry(id, parent, SocketOf(arguments));
        }
    }

    /// <summary>The command line of the process in <paramref name="processFolder"/> when it runs a build host whose path
    /// starts with <paramref name="from"/>; else null.</summary>
    private static string[]? BuildHostArguments(string processFolder, string from)
    {
        string? commandLine = ReadOrNull(Path.Combine(processFolder, "cmdline"));
        if (commandLine is null || !commandLine.Contains(Marker, StringComparison.Ordinal)) return null;
        var arguments = commandLine.Split('\0');
        return arguments.Any(a => a.StartsWith(from, StringComparison.Ordinal) && a.EndsWith(Marker, StringComparison.Ordinal)) ? arguments : null;
    }

    /// <summary>The PPid line of /proc/PID/status (the stat file's fields are harder to split: the name may hold spaces).</summary>
    private static int? ParentOf(string processFolder)
    {
        string? status = ReadOrNull(Path.Combine(processFolder, "status"));
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
        return line is not null && int.TryParse(line["PPid:".Length..].Trim(), out int parent) ? parent : null;
    }

    /// <summary>Whether process <paramref name="id"/> has <paramref name="path"/> mapped: how a NanoLsp server is known
    /// whatever started it (dotnet NanoLsp.dll, the apphost, the dotnet tool's shim).</summary>
    private static bool MapsFile(int id, string path)
    {
        if (id <= 1) return false;
        try
        {
            return File.ReadLines($"/proc/{id}/maps").Any(line => line.EndsWith(path, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone, or another user's: not a server of ours
        }
    }

    private static List<int> End(IEnumerable<ProcessEntry> processes)
    {
        var ended = new List<int>();
        foreach (var process in processes)
        {
            try
            {
                using var handle = System.Diagnostics.Process.GetProcessById(process.Id);
                handle.Kill();
                ended.Add(process.Id);
                // Ended by a signal, it cannot remove its socket.
                if (handle.WaitForExit(500))
                    RemoveSocket(process.Socket);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Ended meanwhile, or not ours to end.
            }
        }
        return ended;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
