using System.Collections.Concurrent;

namespace NanoLsp.Workspace;

/// <summary>
/// Which projects' restore failed, and on what inputs: a reload retries restore only when the project
/// file or a file that decides package sources and versions changed (not on every reload, which
/// would run a failing `dotnet restore` again and again).
/// </summary>
public static class RestoreState
{
    private static readonly string[] InputNames = ["nuget.config", "NuGet.Config", "NuGet.config", "Directory.Packages.props", "Directory.Build.props", "Directory.Build.targets", "global.json"];
    private static readonly ConcurrentDictionary<string, (string Stamp, IReadOnlyList<string> Problems)> Failures = new(StringComparer.Ordinal);

    public static (string Stamp, IReadOnlyList<string> Problems)? LastFailure(string project) =>
        Failures.TryGetValue(project, out var failure) ? failure : null;

    /// <summary>Records a restore's result for a project: its problems, or null when it restored.</summary>
    public static void Record(string project, IReadOnlyList<string>? problems)
    {
        if (problems is null)
            Failures.TryRemove(project, out _);
        else
            Failures[project] = (Stamp(project), problems.Select(p => "restore " + p).ToList());
    }

    /// <summary>Write times of the project file and of the restore inputs above it, plus the user's NuGet.Config.</summary>
    public static string Stamp(string project)
    {
        var files = new List<string> { project };
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(project))!); directory is not null; directory = directory.Parent)
            files.AddRange(InputNames.Select(n => Path.Combine(directory.FullName, n)));
        files.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config"));
        return string.Join("|", files.Where(File.Exists).Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}"));
    }
}
