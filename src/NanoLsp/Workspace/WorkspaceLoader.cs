using NanoLsp.Logging;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace NanoLsp.Workspace;

/// <summary>What a load produced: the Solution, the Roslyn workspace that owns its services, and what to tell the user.</summary>
public sealed record LoadOutcome(Solution Solution, Microsoft.CodeAnalysis.Workspace Host, string Description, bool IsFallback, string? UserMessage);

/// <summary>
/// Opens a folder: its .sln/.slnx, else its .csproj files, with MSBuildWorkspace. When there is no
/// project or the load fails, the folder's .cs files are served through a generated project (a
/// minimal csproj in the user cache that includes them by absolute path), because completion and
/// quick info came back empty on an AdhocWorkspace when tried (Roslyn 5.12; cause not found).
/// </summary>
public sealed class WorkspaceLoader(ILog logger)
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", ".vs"];

    public async Task<LoadOutcome> LoadAsync(string root, Action<string> progress, CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            try
            {
                CompilerWarmUp.Run();
            }
            catch (Exception e)
            {
                logger.Debug($"Compiler warm-up failed (harmless): {e.Message}");
            }
        }, cancellationToken);
        var sdk = MsBuildSetup.EnsureRegistered();
        logger.Info($"Using the .NET SDK {sdk.Version} at {sdk.MSBuildPath}.");
        var target = FindProjectFiles(root);
        string? failure;
        if (target.Count == 0)
        {
            failure = $"No .sln, .slnx or .csproj in {root}";
        }
        else
        {
            try
            {
                var outcome = await LoadProjectsAsync(root, target, sdk.Version.Major, progress, cancellationToken).ConfigureAwait(false);
                if (outcome.Failure is null)
                    return outcome.Result!;
                failure = outcome.Failure;
                outcome.Result?.Host.Dispose();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = $"Loading {string.Join(", ", target.Select(Path.GetFileName))} failed: {e.Message}";
            }
        }
        logger.Warning(failure);
        return await LoadLooseAsync(root, failure, sdk.Version.Major, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A solution file at the top wins; else the top-level projects; else projects further down.</summary>
    public static IReadOnlyList<string> FindProjectFiles(string root)
    {
        if (!Directory.Exists(root))
            return [];
        var solutions = Directory.GetFiles(root, "*.slnx").Concat(Directory.GetFiles(root, "*.sln")).Order(StringComparer.Ordinal).ToList();
        if (solutions.Count > 0)
            return [solutions[0]];
        var top = Directory.GetFiles(root, "*.csproj");
        if (top.Length > 0)
            return top.Order(StringComparer.Ordinal).ToList();
        return Descendants(root, depth: 4).Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Files under a folder, without build output and tool folders.</summary>
    public static IEnumerable<string> Descendants(string folder, int depth)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.GetFiles(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            yield break;
        }
        foreach (var file in files)
            yield return file;
        if (depth == 0)
            yield break;
        foreach (var sub in Directory.GetDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
                continue;
            foreach (var file in Descendants(sub, depth - 1))
                yield return file;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<(LoadOutcome? Result, string? Failure)> LoadProjectsAsync(
        string root, IReadOnlyList<string> targets, int sdkMajor, Action<string> progress, CancellationToken cancellationToken)
    {
        var projects = targets.Any(t => t.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            ? targets
            : Descendants(root, depth: 6).Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).ToList();
        await RestoreIfNeededAsync(targets, projects, progress, cancellationToken).ConfigureAwait(false);

        var properties = new Dictionary<string, string>();
        var frameworks = projects.SelectMany(p => TargetFrameworkPicker.ReadTargetFrameworks(SafeRead(p))).Distinct().ToList();
        if (frameworks.Count > 0 && TargetFrameworkPicker.Pick(frameworks, sdkMajor) is { } framework)
        {
            properties["TargetFramework"] = framework;
            logger.Info($"Multi-targeting project(s) ({string.Join(";", frameworks)}): loading as TargetFramework={framework}, the newest this SDK supports.");
        }

        var workspace = MSBuildWorkspace.Create(properties);
        var failures = new List<string>();
        using var _ = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                failures.Add(e.Diagnostic.Message);
            logger.Debug($"MSBuild: {e.Diagnostic.Kind}: {e.Diagnostic.Message}");
        });
        var loadProgress = new Progress<ProjectLoadProgress>(p => progress($"{p.Operation} {Path.GetFileName(p.FilePath)} ({p.ElapsedTime.TotalSeconds:0.0} s)"));
        var started = DateTime.UtcNow;
        foreach (var target in targets)
        {
            progress($"Loading {Path.GetFileName(target)}");
            if (target.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                await workspace.OpenProjectAsync(target, loadProgress, cancellationToken).ConfigureAwait(false);
            else
                await workspace.OpenSolutionAsync(target, loadProgress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        var solution = workspace.CurrentSolution;
        var csharp = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToList();
        var description = $"{string.Join(", ", targets.Select(Path.GetFileName))}: {csharp.Count} C# project(s), {csharp.Sum(p => p.DocumentIds.Count)} document(s), loaded in {(DateTime.UtcNow - started).TotalSeconds:0.0} s";
        if (csharp.All(p => p.DocumentIds.Count == 0))
        {
            var why = failures.Count > 0 ? string.Join(" ", failures.Take(3)) : "no C# project with documents was found";
            return (new LoadOutcome(solution, workspace, description, false, null), $"Loading {string.Join(", ", targets.Select(Path.GetFileName))} failed: {why}");
        }
        foreach (var failure in failures)
            logger.Warning($"MSBuild: {failure}");
        logger.Info(description);
        return (new LoadOutcome(solution, workspace, description, false, null), null);
    }

    private async Task RestoreIfNeededAsync(IReadOnlyList<string> targets, IReadOnlyList<string> projects, Action<string> progress, CancellationToken cancellationToken)
    {
        var unrestored = projects.Where(p => !File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "obj", "project.assets.json"))).ToList();
        if (unrestored.Count == 0)
            return;
        foreach (var target in targets)
        {
            progress($"Restoring {Path.GetFileName(target)} (dotnet restore)");
            var error = await MsBuildSetup.RestoreAsync(target, cancellationToken).ConfigureAwait(false);
            if (error is not null)
                logger.Warning($"dotnet restore {Path.GetFileName(target)} failed; loading anyway: {error.Trim()}");
        }
    }

    /// <summary>Serves the folder's .cs files through a generated project; an ad hoc project if even that fails.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<LoadOutcome> LoadLooseAsync(string root, string why, int sdkMajor, Action<string> progress, CancellationToken cancellationToken)
    {
        var message = $"{why}. NanoLsp serves the .cs files of {root} as loose files (with the .NET {sdkMajor} reference assemblies and no package references).";
        try
        {
            var project = WriteLooseProject(root, sdkMajor);
            logger.Info($"Loose-file project: {project}");
            var (result, failure) = await LoadProjectsAsync(root, [project], sdkMajor, progress, cancellationToken).ConfigureAwait(false);
            if (failure is null && result is not null)
                return result with { Description = "loose files: " + result.Description, IsFallback = true, UserMessage = message };
            logger.Warning($"The loose-file project did not load ({failure}); using an in-memory project.");
            result?.Host.Dispose();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.Warning($"The loose-file project did not load ({e.Message}); using an in-memory project.");
        }
        var adhoc = new AdhocWorkspace();
        var solution = LooseProjects.AddLooseProject(adhoc.CurrentSolution, "Loose files", root,
            Descendants(root, depth: 6).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)));
        return new LoadOutcome(solution, adhoc, $"loose files (in memory) under {root}", true, message);
    }

    /// <summary>~/.cache/nanolsp/loose/&lt;hash of folder&gt;/&lt;folder name&gt;.csproj, including the folder's .cs files by absolute path.</summary>
    public static string WriteLooseProject(string root, int sdkMajor)
    {
        var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16].ToLowerInvariant();
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = Path.Combine(cache, "nanolsp", "loose", hash);
        Directory.CreateDirectory(folder);
        var name = string.Concat(Path.GetFileName(full).Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        var path = Path.Combine(folder, (name.Length > 0 ? name : "Loose") + ".csproj");
        var escaped = System.Security.SecurityElement.Escape(full);
        var text = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Generated by NanoLsp to serve the loose .cs files of {escaped}. Safe to delete. -->
              <PropertyGroup>
                <TargetFramework>net{sdkMajor}.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDefaultItems>false</EnableDefaultItems>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="{escaped}/**/*.cs" Exclude="{escaped}/**/bin/**;{escaped}/**/obj/**" />
              </ItemGroup>
            </Project>
            """;
        if (!File.Exists(path) || File.ReadAllText(path) != text)
            File.WriteAllText(path, text);
        return path;
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
