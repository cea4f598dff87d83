namespace NanoLsp.Workspace;

/// <summary>
/// MSBuild build hosts that would outlive the server. Roslyn's MSBuild loader starts a build host process per load
/// (BuildHost.dll beside NanoLsp.dll), which creates a named pipe and waits for the server to connect. Once connected
/// it ends when the pipe closes; but one started just before the server exits (or is killed) waits for its
/// connection forever: test runs left such build hosts behind, idle, their server long gone. Roslyn has no hook into
/// that launch, so the server finds them by their command line: at exit it ends the ones it started, and at start the
/// ones a killed server left (their parent no longer a NanoLsp process; a SIGKILL runs nothing at exit).
/// Processes are read from /proc, so this works on Linux only; elsewhere both calls find nothing.
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

    private sealed record ProcessEntry(int Id, int ParentId);

    /// <summary>Build host processes started from <paramref name="baseDirectory"/>'s BuildHost-* folders.</summary>
    private static IEnumerable<ProcessEntry> BuildHostsOf(string baseDirectory)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc")) yield break;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int id) || id == Environment.ProcessId) continue;
            string? commandLine = ReadOrNull(Path.Combine(folder, "cmdline"));
            if (commandLine is null || !commandLine.Contains(Marker, StringComparison.Ordinal)) continue;
            // Only this installation's: another NanoLsp build (or another product's build host) is not ours to end.
            if (!commandLine.Split('\0').Any(a => a.StartsWith(baseDirectory, StringComparison.Ordinal) && a.EndsWith(Marker, StringComparison.Ordinal))) continue;
            if (ParentOf(folder) is { } parent) yield return new ProcessEntry(id, parent);
        }
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
