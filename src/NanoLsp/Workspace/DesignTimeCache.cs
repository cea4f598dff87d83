using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NanoLsp.Logging;

namespace NanoLsp.Workspace;

/// <summary>
/// The projects MSBuild's design-time build produced, kept on disk (~/.cache/nanolsp/design-time/) so that the next
/// server on the same folders serves the real projects in a fraction of a second instead of after the build
/// (seconds on a small project, over half a minute on dotnet/docfx). Kept only for a load where every project loaded.
/// <para>
/// Used only while nothing the build read has changed. The key hashes the contents of every project, solution,
/// .props, .targets, global.json, nuget.config, editorconfig and package lock file under the folders (and of the
/// Directory.Build.*, Directory.Packages.props, global.json, nuget.config and .editorconfig above them; the same for
/// the folders of projects a solution lists outside the workspace folders), the list of .cs
/// files there (the SDK's globs pick up a new file), each project's obj/project.assets.json by length and write time
/// (what restore resolved), the SDK, Roslyn and this server's build; and every reference and analyzer the projects
/// name must still be the same file (length and write time), every text file a project reads must still exist. When any of that
/// differs MSBuild loads, and its result replaces the entry. <c>NANOLSP_DESIGN_TIME_CACHE=off</c> turns the cache off.
/// </para>
/// </summary>
public static class DesignTimeCache
{
    private const int FormatVersion = 2;

    /// <summary>Entries kept (one per set of workspace folders and state of their build files); the least recently used go first.</summary>
    private const int MaxEntries = 32;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        // An entry missing a field, or with null where none may be, is a JsonException (then MSBuild loads), not a null later;
        // nulls are written, so that a nullable field is never missing.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static bool Enabled =>
        !string.Equals(Environment.GetEnvironmentVariable("NANOLSP_DESIGN_TIME_CACHE"), "off", StringComparison.OrdinalIgnoreCase);

    /// <param name="Outside">The folders of projects outside the workspace folders (a solution may list ../Other/Other.csproj),
    /// with <paramref name="OutsideKey"/> the same key over them.</param>
    private sealed record Entry(int Format, string Key, DateTime SavedUtc, int ProjectsFound, double LoadSeconds,
        IReadOnlyList<ProjectProblem> Incomplete, IReadOnlyList<CachedProject> Projects, IReadOnlyDictionary<string, FileStamp> Files,
        IReadOnlyList<string> Outside, string OutsideKey);

    /// <summary>A referenced file as it was: missing (-1), else its length and last write time.</summary>
    private sealed record FileStamp(long Length, DateTime WriteTimeUtc)
    {
        public static FileStamp Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc) : new FileStamp(-1, default);
        }
    }

    /// <summary>What the cache gave: the solution's projects, how many project files the load found, and when it was saved.</summary>
    public sealed record Hit(Solution Solution, int ProjectsFound, IReadOnlyList<ProjectProblem> Incomplete, DateTime SavedUtc, double LoadSeconds);

    /// <summary>$XDG_CACHE_HOME/nanolsp/design-time, else ~/.cache/nanolsp/design-time.</summary>
    public static string DefaultFolder() => Path.Combine(MsBuildSetup.UserCache(), "nanolsp", "design-time");

    /// <summary>
    /// &lt;folder&gt;/&lt;hash of the workspace folders and what was opened in them&gt;-&lt;the key&gt;.json.gz: one entry per state of
    /// the build files, so that going back to a branch finds its projects again. Gzipped: a project's references
    /// repeat from project to project (docfx, CliWrap and fluid's 8.0 MB of JSON are 0.5 MB).
    /// </summary>
    public static string EntryPath(string folder, IReadOnlyList<string> roots, IReadOnlyList<string> targets, string key) =>
        Path.Combine(folder, $"{SetName(roots, targets)}-{key[..16]}.json.gz");

    private static string SetName(IReadOnlyList<string> roots, IReadOnlyList<string> targets) =>
        Hash(string.Join("\n", roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Order(StringComparer.Ordinal))
            + "\n--\n" + string.Join("\n", targets.Order(StringComparer.Ordinal)))[..16];

    /// <summary>The projects of an earlier load of these folders, made again, when nothing the build read differs now.</summary>
    public static Hit? TryLoad(string folder, IReadOnlyList<string> roots, IReadOnlyList<string> targets, string sdkPath, PartialSemanticsWorkspace host, ILog logger)
    {
        if (!Enabled || !Directory.Exists(folder))
            return null;
        var key = Key(roots, sdkPath);
        var path = EntryPath(folder, roots, targets, key);
        if (!File.Exists(path))
        {
            if (Directory.EnumerateFiles(folder, SetName(roots, targets) + "-*.json.gz").Any())
                logger.Info($"The design-time cache of {string.Join(", ", roots)} is out of date (project files, .props/.targets or the set of .cs files differ from every kept load): MSBuild loads the projects.");
            return null;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            var entry = Read(path);
            string? stale = entry is null ? "an older format"
                : entry.Key != key ? "a different key"
                : entry.Outside.Count > 0 && Hash(Inputs(entry.Outside)) != entry.OutsideKey ? $"a project in {string.Join(", ", entry.Outside)} changed"
                : entry.Files.FirstOrDefault(f => FileStamp.Of(f.Key) != f.Value) is { Key: { } changed } ? $"{changed} changed"
                : entry.Projects.SelectMany(p => p.TextFiles()).FirstOrDefault(f => !File.Exists(f)) is { } gone ? $"{gone} is gone"
                : null;
            if (stale is not null)
            {
                logger.Info($"The design-time cache of {string.Join(", ", roots)} is out of date ({stale}): MSBuild loads the projects.");
                return null;
            }
            var solution = Restore(entry!.Projects, host);
            logger.Info($"{entry.Projects.Count} project(s) of {string.Join(", ", roots)} made from the design-time cache of {entry.SavedUtc:u} in {watch.ElapsedMilliseconds} ms (MSBuild took {entry.LoadSeconds:0.0} s then).");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow); // recently used: kept longest
            return new Hit(solution, entry.ProjectsFound, entry.Incomplete, entry.SavedUtc, entry.LoadSeconds);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or JsonException or NotSupportedException or ArgumentException or InvalidCastException)
        {
            logger.Warning($"The design-time cache {path} could not be used ({e.Message}): MSBuild loads the projects.");
            return null;
        }
    }

    /// <summary>
    /// The projects of the most recent entry for these folders, whatever the key (for the provisional solution served
    /// while MSBuild loads: the real references, options and documents of last time beat project files read as XML).
    /// Null when there is none or it cannot be read.
    /// </summary>
    public static (IReadOnlyList<CachedProject> Projects, DateTime SavedUtc)? Latest(string folder, IReadOnlyList<string> roots, IReadOnlyList<string> targets, ILog logger)
    {
        if (!Enabled || !Directory.Exists(folder))
            return null;
        var latest = new DirectoryInfo(folder).GetFiles(SetName(roots, targets) + "-*.json.gz").MaxBy(f => f.LastWriteTimeUtc);
        if (latest is null)
            return null;
        try
        {
            return Read(latest.FullName) is { } entry ? (entry.Projects, entry.SavedUtc) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            logger.Debug($"The design-time cache {latest.FullName} could not be read for the provisional solution: {e.Message}");
            return null;
        }
    }

    /// <summary>An entry as written; null when it is of another format. Throws what reading or parsing it throws.</summary>
    private static Entry? Read(string path)
    {
        using var file = File.OpenRead(path);
        using var unzipped = new GZipStream(file, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<Entry>(unzipped, Json) is { Format: FormatVersion } entry ? entry : null;
    }

    /// <summary>
    /// Writes the C# projects of a load where every project loaded, with what those that loaded with problems lack (packages
    /// restore could not find: restore is tried again only when a project's inputs change, so the next load would lack
    /// them too). Failing to write costs only the next start's time.
    /// </summary>
    public static void Save(string folder, IReadOnlyList<string> roots, IReadOnlyList<string> targets, string sdkPath, Solution solution,
        int projectsFound, IReadOnlyList<ProjectProblem> incomplete, TimeSpan loadTime, ILog logger)
    {
        if (!Enabled)
            return;
        var path = folder;
        try
        {
            var projects = solution.Projects.Where(p => p.Language == LanguageNames.CSharp && p.ParseOptions is not null && p.CompilationOptions is not null).ToList();
            var order = projects.Select((p, i) => (p.Id, i)).ToDictionary(p => p.Id, p => p.i);
            var cached = projects.Select(p => CachedProject.From(p, order)).ToList();
            var files = cached.SelectMany(p => p.References.Select(r => r.Path).Concat(p.Analyzers)).Distinct(StringComparer.Ordinal)
                .ToDictionary(f => f, FileStamp.Of, StringComparer.Ordinal);
            var outside = projects.Select(p => p.FilePath).OfType<string>().Where(f => !roots.Any(r => WorkspaceLoader.IsUnder(r, f)))
                .Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var entry = new Entry(FormatVersion, Key(roots, sdkPath), DateTime.UtcNow, projectsFound, Math.Round(loadTime.TotalSeconds, 1), incomplete, cached, files,
                outside, outside.Count == 0 ? "" : Hash(Inputs(outside)));
            path = EntryPath(folder, roots, targets, entry.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + $".{Environment.ProcessId}.tmp";
            try
            {
                using (var file = File.Create(temporary))
                using (var zipped = new GZipStream(file, CompressionLevel.Fastest))
                    JsonSerializer.Serialize(zipped, entry, Json);
                File.Move(temporary, path, overwrite: true); // a reader never sees half an entry
            }
            finally
            {
                File.Delete(temporary); // what a failed write left (a full disk); gone already after the move
            }
            Prune(Path.GetDirectoryName(path)!);
            logger.Debug($"Design-time cache written: {path} ({cached.Count} project(s)).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or InvalidCastException)
        {
            logger.Debug($"The design-time cache could not be written to {path}: {e.Message}");
        }
    }

    /// <summary>The projects made again, as <paramref name="host"/>'s solution; references to the same file share one object.</summary>
    private static Solution Restore(IReadOnlyList<CachedProject> projects, PartialSemanticsWorkspace host)
    {
        var ids = projects.Select(p => ProjectId.CreateNewId(p.Name)).ToList();
        var reference = SharedReferences();
        var analyzers = AnalyzerReferences(projects.SelectMany(p => p.Analyzers).Distinct(StringComparer.Ordinal).ToList(), host);
        var infos = projects.Select((p, i) => p.ToProjectInfo(ids[i], ids, reference, path => analyzers[path])).ToList();
        return host.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Create(), projects: infos));
    }

    /// <summary>Makes the projects' file references, one object per file and properties (projects that shared a reference
    /// share it again), each documented from the XML beside it.</summary>
    internal static Func<CachedReference, MetadataReference> SharedReferences()
    {
        var references = new Dictionary<(string, MetadataReferenceProperties), MetadataReference>();
        var documentation = new Dictionary<string, DocumentationProvider?>(StringComparer.Ordinal);
        return cached =>
        {
            var key = (cached.Path, cached.Properties);
            if (!references.TryGetValue(key, out var reference))
            {
                if (!documentation.TryGetValue(cached.Path, out var provider))
                    documentation[cached.Path] = provider = IndexedXmlDocumentation.Beside(cached.Path);
                references[key] = reference = LoadedReferences.FileReference(cached.Path, cached.Properties, provider);
            }
            return reference;
        };
    }

    /// <summary>
    /// Analyzer references made by Roslyn's own command-line path (<see cref="CommandLineProject"/>), which loads them
    /// with the workspace's shared analyzer loader, as MSBuild's load does; the loader itself is not public.
    /// </summary>
    /// <remarks>A path MSBuild could not resolve (a generator project not built yet: a relative path to its output) stays
    /// an <see cref="UnresolvedAnalyzerReference"/>, as Roslyn reports it.</remarks>
    private static Dictionary<string, AnalyzerReference> AnalyzerReferences(IReadOnlyList<string> paths, Microsoft.CodeAnalysis.Workspace host)
    {
        var files = paths.Where(p => Path.IsPathFullyQualified(p) && File.Exists(p)).ToList();
        var references = paths.Except(files, StringComparer.Ordinal)
            .ToDictionary(p => p, AnalyzerReference (p) => new UnresolvedAnalyzerReference(p), StringComparer.Ordinal);
        if (files.Count == 0)
            return references;
        // Quoted: the command line splits an unquoted value at commas and semicolons.
        var info = CommandLineProject.CreateProjectInfo("analyzers", LanguageNames.CSharp, files.Select(p => $"/analyzer:\"{p}\""),
            Path.GetDirectoryName(files[0])!, host);
        foreach (var reference in info.AnalyzerReferences)
            if (reference.FullPath is { } path)
                references.TryAdd(path, reference);
        foreach (var missed in files.Where(f => !references.ContainsKey(f)))
            references[missed] = new UnresolvedAnalyzerReference(missed);
        return references;
    }

    /// <summary>
    /// What the design-time build depends on: the contents of every build input under the folders, the .cs files
    /// there by name, the SDK and the builds of Roslyn and this server (a new build may read projects differently).
    /// </summary>
    public static string Key(IReadOnlyList<string> roots, string sdkPath) =>
        Hash($"format {FormatVersion}\nroslyn {typeof(Solution).Assembly.ManifestModule.ModuleVersionId}\n" +
             $"nanolsp {typeof(DesignTimeCache).Assembly.ManifestModule.ModuleVersionId}\nsdk {sdkPath}\n" + Inputs(roots));

    /// <summary>The build inputs under the folders and above them, as text to hash.</summary>
    private static string Inputs(IReadOnlyList<string> folders)
    {
        var text = new StringBuilder();
        foreach (var root in folders.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Order(StringComparer.Ordinal))
        {
            // MSBuild and NuGet look above the folder too (Directory.Build.props up to the file system's root).
            for (var above = Path.GetDirectoryName(root); above is not null; above = Path.GetDirectoryName(above))
                foreach (var name in AncestorInputs)
                    if (Path.Combine(above, name) is var input && File.Exists(input))
                        text.Append(input).Append(' ').Append(HashFile(input)).Append('\n');
            foreach (var file in WorkspaceLoader.Descendants(root, depth: 12).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                    text.Append(file).Append('\n');
                else if (IsBuildInput(Path.GetFileName(file)))
                    text.Append(file).Append(' ').Append(HashFile(file)).Append('\n');
                // What restore resolved (a floating version moves without a project file changing): rewritten by each restore that changes it.
                if (file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                    && Path.Combine(Path.GetDirectoryName(file)!, "obj", "project.assets.json") is var assets && File.Exists(assets))
                    text.Append(assets).Append(' ').Append(FileStamp.Of(assets)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static readonly string[] AncestorInputs =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config", "NuGet.Config", ".editorconfig"];

    private static bool IsBuildInput(string name) =>
        name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".editorconfig", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase)
        || name.Equals("global.json", StringComparison.OrdinalIgnoreCase) || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase)
        || name.Equals("packages.lock.json", StringComparison.OrdinalIgnoreCase);

    private static string HashFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static void Prune(string folder)
    {
        var directory = new DirectoryInfo(folder);
        foreach (var old in directory.GetFiles("*.json.gz").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxEntries))
            old.Delete();
        // A server killed while it wrote an entry leaves its temporary file; an hour later no write is still going on.
        foreach (var orphan in directory.GetFiles("*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            orphan.Delete();
    }
}
