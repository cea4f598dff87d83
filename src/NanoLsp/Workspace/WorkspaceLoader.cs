using NanoLsp.Logging;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace NanoLsp.Workspace;

/// <summary>What a load produced: the Solution, the Roslyn workspace that owns its services, and what to tell the user.</summary>
public sealed record LoadOutcome(Solution Solution, Microsoft.CodeAnalysis.Workspace Host, string Description, bool IsFallback, string? UserMessage)
{
    /// <summary>Projects found, loaded and failed, for the editor's status and the load benchmark.</summary>
    public LoadReport Report { get; init; } = LoadReport.None;

    /// <summary>Per workspace folder, the project that takes its new files when no project's folder holds
    /// them (the generated loose-file project after a fallback load; none otherwise).</summary>
    public IReadOnlyDictionary<string, ProjectId> LooseProjects { get; init; } = new Dictionary<string, ProjectId>();
}

/// <summary>
/// Opens the workspace folders: for each, the projects of its .sln/.slnx, else its .csproj files, all
/// one at a time into one MSBuildWorkspace (a project another one already brought in is not opened
/// again; one that fails takes no other down), each with its own target frameworks. Every .cs file
/// under a folder that no loaded project compiles joins that folder's "Loose files" project. When no project
/// loads, the projects as their files say stand in (<see cref="FromProjectFiles"/>). With no project file in any
/// folder, each folder's .cs files are served through a generated
/// project (a minimal csproj in the user cache that includes them by absolute path), because
/// completion and quick info came back empty on an AdhocWorkspace when tried (Roslyn 5.12; cause not found).
/// </summary>
public sealed partial class WorkspaceLoader(ILog logger)
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", ".vs"];
    public const string LooseFilesName = "Loose files";

    /// <summary>Where the projects of a full load are kept for the next start (<see cref="DesignTimeCache"/>).</summary>
    public string DesignTimeCacheFolder { get; init; } = DesignTimeCache.DefaultFolder();

    /// <summary>The solution or project files the user chose (nanolsp.workspace.solutions; <see cref="FindProjectFiles"/>).</summary>
    public IReadOnlyList<string> ChosenProjectFiles { get; init; } = [];

    public Task<LoadOutcome> LoadAsync(string root, Action<LoadProgress> progress, CancellationToken cancellationToken) =>
        LoadAsync([root], progress, cancellationToken);

    /// <summary>
    /// Loads every folder into one Solution (multi-root: a solution or the projects chosen per folder): from the
    /// <see cref="DesignTimeCache"/> when nothing MSBuild read last time has changed, else with MSBuild.
    /// </summary>
    public async Task<LoadOutcome> LoadAsync(IReadOnlyList<string> roots, Action<LoadProgress> progress, CancellationToken cancellationToken)
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
        // MSBuild registers once per process: the first folder's global.json picks the SDK for all.
        var sdk = MsBuildSetup.EnsureRegistered(roots[0]);
        logger.Info($"Using the .NET SDK {sdk.Version} at {sdk.Instance.MSBuildPath}.");
        if (sdk.Warning is { } sdkWarning)
            logger.Warning(sdkWarning);
        var targets = roots.SelectMany(r => FindProjectFiles(r, ChosenProjectFiles)).Distinct(StringComparer.Ordinal).ToList();
        var unknown = ChosenProjectFiles.Where(c => !roots.Any(r => ChosenIn(r, [c]).Count > 0)).ToList();
        if (unknown.Count > 0)
            logger.Warning($"nanolsp.workspace.solutions: {string.Join(", ", unknown)} is in no workspace folder (or is not there); the folders load what they hold.");
        if (roots.Count > 1)
            logger.Info($"{roots.Count} workspace folders: " + string.Join("; ", roots.Select(r => $"{r} ({ProjectFilesNamed(r)})")));
        string? failure;
        var report = LoadReport.None with { SdkWarning = sdk.Warning };
        if (targets.Count == 0)
        {
            failure = $"No .sln, .slnx or .csproj in {string.Join(", ", roots)}";
        }
        else
        {
            if (LoadCached(roots, targets, sdk, progress) is { } cached)
                return cached;
            try
            {
                var outcome = await LoadGraphAsync(roots, targets, sdk.Warning, progress, cancellationToken, cacheAs: sdk.Instance.MSBuildPath).ConfigureAwait(false);
                if (outcome.Report.ProjectsLoaded > 0)
                    return outcome;
                report = outcome.Report;
                failure = $"Loading {string.Join(", ", targets.Select(Path.GetFileName))} failed: " + (outcome.Report.Failed.Count > 0
                    ? string.Join("; ", outcome.Report.Failed.Take(3).Select(f => $"{f.Project}: {f.Reason}"))
                    : "no C# project with documents was found");
                outcome.Host.Dispose();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = $"Loading {string.Join(", ", targets.Select(Path.GetFileName))} failed: {e.Message}";
            }
        }
        logger.Warning(failure);
        if (targets.Count > 0 && FromProjectFiles(roots, failure) is { } standIn)
            return standIn with { Report = report };
        var loose = await LoadLooseAsync(roots, failure, sdk.Version.Major, progress, cancellationToken).ConfigureAwait(false);
        return loose with { Report = report };
    }

    /// <summary>
    /// Every project failed (an SDK that does not resolve, a project file MSBuild cannot read): the projects as their files
    /// say stand in for MSBuild's, made as before the load (<see cref="ProvisionalProjects"/>, or the last load's from the
    /// <see cref="DesignTimeCache"/>), however many files: each project's own files, settings, Using items and project
    /// references, and diagnostics that leave out what the missing packages cause. Until 2026-12-06 one generated
    /// project took every .cs file of the folder with none of that: on dotnet/efcore (Arcade's SDK missing) the
    /// repository's own namespaces, imported by its projects' Using items, were unknown names in every file. Null when no
    /// project file is found to stand in (a solution that lists none): the loose-file project then.
    /// </summary>
    private LoadOutcome? FromProjectFiles(IReadOnlyList<string> roots, string why)
    {
        var host = new PartialSemanticsWorkspace(RoslynHost.Services);
        try
        {
            var result = ProvisionalProjects.Create(host.CurrentSolution, roots, DesignTimeCacheFolder, logger, maxFiles: int.MaxValue, msBuildFailed: true,
                chosen: ChosenProjectFiles);
            if (result.Projects == 0)
            {
                host.Dispose();
                return null;
            }
            var looseProjects = roots
                .Select(r => (Root: r, Project: result.Solution.Projects.FirstOrDefault(p => p.Name == LooseProjectName(roots, r))))
                .Where(r => r.Project is not null)
                .ToDictionary(r => r.Root, r => r.Project!.Id, StringComparer.Ordinal);
            logger.Info($"Serving {result.Projects} project(s) from {result.From}, {result.Files} .cs file(s), without MSBuild.");
            var message = $"{why}. NanoLsp serves the projects as their project files say, without MSBuild: no packages and no " +
                "source generators, and names they would resolve are not reported as errors.";
            return new LoadOutcome(result.Solution, host, $"projects from {result.From} (MSBuild failed)", true, message) { LooseProjects = looseProjects };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            logger.Warning($"The projects could not be read from their files ({e.Message}); serving loose files.");
            host.Dispose();
            return null;
        }
    }

    private string ProjectFilesNamed(string root) => FindProjectFiles(root, ChosenProjectFiles) is { Count: > 0 } files ? string.Join(", ", files.Select(Path.GetFileName)) : "no project";

    /// <summary>
    /// The solution files at the top, all of them (their projects load together; a .sln beside a .slnx of the same name,
    /// as `dotnet sln migrate` leaves it, is the same solution); else the top-level projects; else projects further down.
    /// Until 2026-12-06 the first solution in ordinal order was the only one: ThreeMammals/Ocelot has Ocelot.Samples.slnx
    /// beside Ocelot.slnx, and its unit and acceptance tests (5 of its 6 projects, 25 of the held-out set's 30 cases
    /// there) were loose files with thousands of errors.
    /// </summary>
    /// <param name="chosen">The user's choice (nanolsp.workspace.solutions): those of its files that are in this folder
    /// replace what the folder would load by itself.</param>
    public static IReadOnlyList<string> FindProjectFiles(string root, IReadOnlyList<string>? chosen = null)
    {
        if (!Directory.Exists(root))
            return [];
        if (ChosenIn(root, chosen) is { Count: > 0 } picked)
            return picked;
        var slnx = Directory.GetFiles(root, "*.slnx");
        var solutions = slnx
            .Concat(Directory.GetFiles(root, "*.sln").Where(sln => !slnx.Contains(Path.ChangeExtension(sln, ".slnx"), StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        if (solutions.Count > 0)
            return solutions;
        var top = Directory.GetFiles(root, "*.csproj");
        if (top.Length > 0)
            return top.Order(StringComparer.Ordinal).ToList();
        return Descendants(root, depth: 4).Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
    }

    public static bool IsProjectFileName(string path) =>
        path.Length > 0 && Path.GetExtension(path).ToLowerInvariant() is ".sln" or ".slnx" or ".csproj";

    /// <summary>The chosen files that exist in <paramref name="root"/> or below it: an absolute path as it is, a relative
    /// one from the folder (in a multi-root workspace each folder takes those it has).</summary>
    public static IReadOnlyList<string> ChosenIn(string root, IReadOnlyList<string>? chosen)
    {
        if (chosen is not { Count: > 0 })
            return [];
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return chosen
            .Where(IsProjectFileName)
            .Select(c => Path.GetFullPath(Path.IsPathRooted(c) ? c : Path.Combine(root, c)))
            .Where(c => c.StartsWith(folder, StringComparison.Ordinal) && File.Exists(c))
            .Distinct(StringComparer.Ordinal)
            .ToList();
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

    /// <summary>The projects to open: those a solution lists, or the project files themselves.</summary>
    public static IReadOnlyList<string> ProjectsOf(IReadOnlyList<string> targets) =>
        targets.SelectMany(t => t.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? [Path.GetFullPath(t)] : SolutionProjects.Read(t))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The projects of the last full load of these folders, from <see cref="DesignTimeCache"/>, when nothing MSBuild read has changed.</summary>
    private LoadOutcome? LoadCached(IReadOnlyList<string> roots, IReadOnlyList<string> targets, MsBuildSetup.SdkChoice sdk, Action<LoadProgress> progress)
    {
        var started = DateTime.UtcNow;
        var host = new PartialSemanticsWorkspace(RoslynHost.Services);
        if (DesignTimeCache.TryLoad(DesignTimeCacheFolder, roots, targets, sdk.Instance.MSBuildPath, host, logger) is not { } hit)
        {
            host.Dispose();
            return null;
        }
        progress(new LoadProgress("Projects loaded (design-time cache)", hit.ProjectsFound, hit.ProjectsFound));
        var csharp = hit.Solution.Projects.ToList();
        var solution = AddLooseFiles(roots, hit.Solution, out var looseFiles);
        var report = new LoadReport(hit.ProjectsFound, hit.ProjectsFound, [], hit.Incomplete, sdk.Warning, looseFiles);
        foreach (var problem in hit.Incomplete)
            logger.Warning($"Loaded with problems: {problem.Project}: {problem.Reason}");
        var description = $"{string.Join(", ", targets.Select(Path.GetFileName))}: {hit.ProjectsFound} of {hit.ProjectsFound} project(s) loaded ({csharp.Count} Roslyn project(s) with their target frameworks), "
            + $"{csharp.Sum(p => p.DocumentIds.Count)} document(s), from the design-time cache of {hit.SavedUtc:u} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s (MSBuild: {hit.LoadSeconds:0.0} s)";
        logger.Info(description);
        return new LoadOutcome(solution, host, description, false, report.UserMessage()) { Report = report };
    }

    /// <summary>Each folder's .cs files that no project compiles, as that folder's loose-file project (none when nothing loaded).</summary>
    private Solution AddLooseFiles(IReadOnlyList<string> roots, Solution solution, out int looseFiles)
    {
        looseFiles = 0;
        foreach (var root in roots)
        {
            // Files of failed projects and files no project compiles still get answers, never "not a document".
            // A folder inside another one was covered by the outer folder's loose project already.
            var uncovered = UncoveredFiles(root, solution);
            if (uncovered.Count == 0)
                continue;
            var besideProjects = FindProjectFiles(root).Count > 0;
            solution = LooseProjects.AddLooseProject(solution, LooseProjectName(roots, root), root, uncovered, out _, besideProjects);
            looseFiles += uncovered.Count;
            logger.Info($"{uncovered.Count} .cs file(s) under {root} are in no loaded project: served as loose files" +
                (besideProjects ? " (names they would need a project for are not reported as errors)." : "."));
        }
        return solution;
    }

    /// <param name="cacheAs">The SDK's MSBuild path when a load where every project loaded is to be kept in the <see cref="DesignTimeCache"/>.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<LoadOutcome> LoadGraphAsync(
        IReadOnlyList<string> roots, IReadOnlyList<string> targets, string? sdkWarning, Action<LoadProgress> progress, CancellationToken cancellationToken,
        string? cacheAs = null)
    {
        var buildHosts = BuildHostProcesses.Watch.Start();
        try
        {
            return await LoadGraphWithMsBuildAsync(roots, targets, sdkWarning, progress, cancellationToken, cacheAs).ConfigureAwait(false);
        }
        finally
        {
            BuildHostSocketsRemoved = RemoveBuildHostSocketsAsync(buildHosts);
        }
    }

    /// <summary>The socket files of the last MSBuild load's build hosts, removed once they ended (tests wait for it).</summary>
    internal Task<IReadOnlyList<string>> BuildHostSocketsRemoved { get; private set; } = Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Each project's build host ends once it is loaded, and leaves its socket file (<see cref="BuildHostProcesses"/>).</summary>
    private async Task<IReadOnlyList<string>> RemoveBuildHostSocketsAsync(BuildHostProcesses.Watch watch)
    {
        try
        {
            var removed = await BuildHostProcesses.RemoveSocketsOnceEndedAsync(await watch.StopAsync().ConfigureAwait(false), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (removed.Count > 0)
                logger.Debug($"Removed the socket file(s) MSBuild's build host(s) left: {string.Join(", ", removed)}.");
            return removed;
        }
        catch (Exception e)
        {
            logger.Debug($"The build hosts' socket files were not removed: {e.Message}");
            return [];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<LoadOutcome> LoadGraphWithMsBuildAsync(
        IReadOnlyList<string> roots, IReadOnlyList<string> targets, string? sdkWarning, Action<LoadProgress> progress, CancellationToken cancellationToken,
        string? cacheAs)
    {
        var projects = ProjectsOf(targets);
        // Offline (no feed's host resolves), NuGet's retries only make the restore and the build hosts' SDK resolution wait.
        var feeds = PackageFeeds.RemoteHosts(roots);
        var unreachable = await PackageFeeds.NoneResolvesAsync(feeds, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        MsBuildSetup.TryFeedsOnce(unreachable);
        if (unreachable)
            logger.Info($"No package feed can be found ({string.Join(", ", feeds.Order(StringComparer.Ordinal))}: the names do not resolve; offline?): the load's restore and build hosts try each once.");
        var restoreProblems = await RestoreIfNeededAsync(targets, projects, progress, cancellationToken).ConfigureAwait(false);

        // No global TargetFramework: each project loads with its own frameworks (one Roslyn project per
        // framework of a multi-targeting one), so a file only some frameworks compile has its project.
        var workspace = MSBuildWorkspace.Create(new Dictionary<string, string>(), RoslynHost.Services);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Note(string project, string reason)
        {
            if (!problems.TryGetValue(project, out var list))
                problems[project] = list = [];
            if (!list.Contains(reason))
                list.Add(reason);
        }
        using var _ = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            logger.Debug($"MSBuild: {e.Diagnostic.Kind}: {e.Diagnostic.Message}");
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure && !MissesNothing().IsMatch(e.Diagnostic.Message))
                Note(ProjectNamed(e.Diagnostic.Message, projects) ?? "(workspace)", Shorten(MsBuildPrefix().Replace(e.Diagnostic.Message, "")));
        });
        var started = DateTime.UtcNow;
        for (var i = 0; i < projects.Count; i++)
        {
            var project = projects[i];
            progress(new LoadProgress($"Loading {Path.GetFileName(project)}", i, projects.Count));
            if (workspace.CurrentSolution.Projects.Any(p => p.FilePath == project))
            {
                logger.Debug($"{Path.GetFileName(project)} is already loaded (as a reference of another project).");
                continue;
            }
            try
            {
                await workspace.OpenProjectAsync(project, progress: null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.Warning($"{Path.GetFileName(project)} did not load: {e.Message}");
                Note(project, Shorten(e.Message));
            }
        }
        progress(new LoadProgress("Projects loaded", projects.Count, projects.Count));

        // Documentation read a member at a time, not a whole XML file at the first hover (IndexedXmlDocumentation).
        var solution = LoadedReferences.Apply(workspace.CurrentSolution);
        var csharp = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToList();
        var found = projects.Concat(csharp.Select(p => p.FilePath).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        var loaded = found.Where(f => csharp.Any(p => p.FilePath == f && p.DocumentIds.Count > 0)).ToList();
        // Restore's one line per package first; MSBuild repeats a missing package in a longer sentence.
        string Reasons(string project) => string.Join("; ", (restoreProblems.GetValueOrDefault(project) ?? [])
            .Concat((problems.GetValueOrDefault(project) ?? []).Where(p => !restoreProblems.ContainsKey(project) || !p.StartsWith("Unable to find package", StringComparison.Ordinal)))
            .DefaultIfEmpty("no C# documents"));
        var failed = found.Except(loaded).Select(f => new ProjectProblem(Relative(roots, f), Reasons(f))).ToList();
        var incomplete = loaded.Where(f => problems.ContainsKey(f) || restoreProblems.ContainsKey(f)).Select(f => new ProjectProblem(Relative(roots, f), Reasons(f))).ToList();

        if (cacheAs is not null && loaded.Count > 0 && failed.Count == 0)
            DesignTimeCache.Save(DesignTimeCacheFolder, roots, targets, cacheAs, solution, found.Count, incomplete, DateTime.UtcNow - started, logger);
        // Served from a workspace that allows partial semantics (MSBuildWorkspace's solutions never do).
        var served = new PartialSemanticsWorkspace(RoslynHost.Services);
        solution = served.Adopt(solution);
        workspace.Dispose();
        var looseFiles = 0;
        if (loaded.Count > 0)
        {
            solution = ProvisionalProjects.AddStandIns(solution, roots, found.Except(loaded).ToList(), out var standInFiles);
            if (standInFiles > 0)
                logger.Info($"{standInFiles} .cs file(s) of the projects that did not load are served as their project files say, without MSBuild.");
            solution = AddLooseFiles(roots, solution, out looseFiles);
        }
        var report = new LoadReport(found.Count, loaded.Count, failed, incomplete, sdkWarning, looseFiles);
        var description = $"{string.Join(", ", targets.Select(Path.GetFileName))}: {loaded.Count} of {found.Count} project(s) loaded ({csharp.Count} Roslyn project(s) with their target frameworks), "
            + $"{csharp.Sum(p => p.DocumentIds.Count)} document(s), loaded in {(DateTime.UtcNow - started).TotalSeconds:0.0} s";
        foreach (var problem in failed)
            logger.Warning($"Not loaded: {problem.Project}: {problem.Reason}");
        foreach (var problem in incomplete)
            logger.Warning($"Loaded with problems: {problem.Project}: {problem.Reason}");
        logger.Info(description);
        return new LoadOutcome(solution, served, description, false, report.UserMessage()) { Report = report };
    }

    /// <summary>The .cs files under the folder that no project of the solution has as a document.</summary>
    public static List<string> UncoveredFiles(string root, Solution solution)
    {
        var known = new HashSet<string>(solution.Projects.SelectMany(p => p.Documents).Select(d => d.FilePath).OfType<string>(), StringComparer.Ordinal);
        return Descendants(root, depth: 12)
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !known.Contains(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The listed project a workspace failure message names (MSBuild quotes the project path).</summary>
    private static string? ProjectNamed(string message, IReadOnlyList<string> projects) =>
        projects.Where(p => message.Contains(p, StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();

    // "Msbuild failed when processing the file '/x/A.csproj' with message: " says nothing the project name does not.
    [System.Text.RegularExpressions.GeneratedRegex(@"^Msbuild failed when processing the file '[^']*' with message:\s*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MsBuildPrefix();

    // A warning the repository treats as an error but that leaves nothing out: NU1603 ("X 1.0 was not
    // found. X 1.1 was resolved instead"), NU1701 ("has not been tested with it"). Saying so for every
    // project would bury what is really missing.
    [System.Text.RegularExpressions.GeneratedRegex(@"was resolved instead|has not been tested with it")]
    private static partial System.Text.RegularExpressions.Regex MissesNothing();

    /// <summary>A project's path as the user knows it: relative to its folder, with the folder's name in front
    /// when there are several.</summary>
    private static string Relative(IReadOnlyList<string> roots, string path)
    {
        var root = roots.Where(r => IsUnder(r, path)).OrderByDescending(r => r.Length).FirstOrDefault();
        if (root is null)
            return path;
        var relative = Path.GetRelativePath(root, path);
        return roots.Count > 1 ? Path.Combine(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), relative) : relative;
    }

    public static bool IsUnder(string root, string path) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>"Loose files", or "Loose files (folder)" when several workspace folders each have their own.</summary>
    public static string LooseProjectName(IReadOnlyList<string> roots, string root) =>
        roots.Count > 1 ? $"{LooseFilesName} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(root))})" : LooseFilesName;

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length > 300 ? text[..297] + "..." : text;
    }

    /// <summary>
    /// Restores what has no obj/project.assets.json, and again what failed last time once its inputs
    /// (project file, nuget.config, Directory.*.props) changed. Returns project -> restore problems,
    /// remembered for projects whose inputs did not change (a reload keeps saying what is missing).
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> RestoreIfNeededAsync(
        IReadOnlyList<string> targets, IReadOnlyList<string> projects, Action<LoadProgress> progress, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var needed = new List<string>();
        foreach (var project in projects)
        {
            var stamp = RestoreState.Stamp(project);
            if (RestoreState.LastFailure(project) is { } last && last.Stamp == stamp)
                problems[project] = last.Problems;
            else if (!File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json")) || RestoreState.LastFailure(project) is not null)
                needed.Add(project);
        }
        if (needed.Count == 0)
            return problems;
        // One restore of a solution is cheaper than one per project; projects are restored one by one otherwise.
        var runs = targets.Any(t => !t.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) ? targets.ToList() : needed;
        for (var i = 0; i < runs.Count; i++)
        {
            progress(new LoadProgress($"Restoring {Path.GetFileName(runs[i])} (dotnet restore)", 0, projects.Count));
            var output = await MsBuildSetup.RestoreAsync(runs[i], cancellationToken).ConfigureAwait(false);
            var parsed = output is null ? new Dictionary<string, IReadOnlyList<string>>() : RestoreFailures.Parse(output);
            // A project's restore also restores what it references: their errors are theirs.
            var covered = runs[i].EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? [runs[i], .. parsed.Keys.Where(k => k != runs[i] && projects.Contains(k))]
                : needed;
            foreach (var project in covered)
            {
                var found = parsed.GetValueOrDefault(project);
                if (output is not null && found is null && parsed.Count == 0 && covered.Count == 1)
                    found = [Shorten(output.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "dotnet restore failed")];
                RestoreState.Record(project, found);
                if (found is not null)
                    problems[project] = found.Select(p => "restore " + p).ToList();
            }
            if (output is not null)
                logger.Warning($"dotnet restore {Path.GetFileName(runs[i])} failed; loading what resolves. "
                    + string.Join("; ", parsed.Select(p => $"{Path.GetFileName(p.Key)}: {string.Join(", ", p.Value)}")));
        }
        return problems;
    }

    /// <summary>Serves each folder's .cs files through a generated project; ad hoc projects if even that fails.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<LoadOutcome> LoadLooseAsync(IReadOnlyList<string> roots, string why, int sdkMajor, Action<LoadProgress> progress, CancellationToken cancellationToken)
    {
        var message = $"{why}. NanoLsp serves the .cs files of {string.Join(", ", roots)} as loose files (with the .NET {sdkMajor} reference assemblies and no package references).";
        try
        {
            var generated = roots.ToDictionary(r => r, r => WriteLooseProject(r, sdkMajor), StringComparer.Ordinal);
            logger.Info($"Loose-file project(s): {string.Join(", ", generated.Values)}");
            var result = await LoadGraphAsync(roots, generated.Values.Distinct(StringComparer.Ordinal).ToList(), null, progress, cancellationToken).ConfigureAwait(false);
            if (result.Report.ProjectsLoaded > 0)
            {
                var looseProjects = generated
                    .Select(g => (Root: g.Key, Project: result.Solution.Projects.FirstOrDefault(p => p.FilePath == g.Value)))
                    .Where(g => g.Project is not null)
                    .ToDictionary(g => g.Root, g => g.Project!.Id, StringComparer.Ordinal);
                return result with { Description = "loose files: " + result.Description, IsFallback = true, UserMessage = message, LooseProjects = looseProjects };
            }
            logger.Warning($"The loose-file project did not load ({string.Join("; ", result.Report.Failed.Select(f => f.Reason))}); using in-memory projects.");
            result.Host.Dispose();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.Warning($"The loose-file project did not load ({e.Message}); using in-memory projects.");
        }
        var adhoc = new PartialSemanticsWorkspace(RoslynHost.Services);
        var solution = adhoc.CurrentSolution;
        var projects = new Dictionary<string, ProjectId>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            solution = LooseProjects.AddLooseProject(solution, LooseProjectName(roots, root), root,
                Descendants(root, depth: 6).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && solution.GetDocumentIdsWithFilePath(f).IsEmpty).ToList(),
                out var id);
            projects[root] = id;
        }
        return new LoadOutcome(solution, adhoc, $"loose files (in memory) under {string.Join(", ", roots)}", true, message) { LooseProjects = projects };
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
