using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Workspace;

/// <summary>
/// The quick solution served while MSBuild loads the real one (its design-time build takes seconds to
/// minutes; this takes milliseconds): one in-memory project per project file found, holding the .cs files
/// under its folder (the SDK's default globs), with the framework's reference assemblies, the project
/// references it names, and what its project file and the Directory.Build.props (and .targets) above it say of implicit
/// usings, <c>Using</c> and <c>InternalsVisibleTo</c> items, the assembly name, the output type, the Web SDK (ASP.NET
/// Core's reference assemblies), nullable, unsafe code and the target framework's preprocessor symbols. MSBuild is not evaluated:
/// conditions, imports other than Directory.Build.props, explicit Compile items and packages are not seen.
/// Hence <see cref="HasPackages"/>: a project that references packages can miss types here that the real
/// load has, and its diagnostics leave out what a missing reference would cause
/// (<c>Features/Diagnostics/ProvisionalDiagnostics.cs</c>). When the <see cref="DesignTimeCache"/> holds an earlier load
/// of the folders (out of date, or MSBuild's load would not need to run), its projects are the provisional ones instead
/// (<see cref="FromEarlierLoad"/>): the real references, packages included, and options of last time. The same projects
/// stand in for MSBuild's when its load fails for every project (<see cref="IsStandIn"/>; WorkspaceLoader).
/// </summary>
public static partial class ProvisionalProjects
{
    /// <summary>What Microsoft.NET.Sdk puts in ImplicitUsings (Microsoft.NET.Sdk.props, .NET 6 and later).</summary>
    private static readonly string[] SdkImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>What Microsoft.NET.Sdk.Web adds to them (its ProjectSystem props, .NET 6 and later).</summary>
    private static readonly string[] WebSdkImplicitUsings =
        ["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
         "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    /// <summary>The SDKs whose references the quick pass has: the framework's, and ASP.NET Core's for the Web SDK.</summary>
    private static readonly HashSet<string> KnownSdks = new(StringComparer.OrdinalIgnoreCase) { "Microsoft.NET.Sdk", WebSdkName };
    private const string WebSdkName = "Microsoft.NET.Sdk.Web";
    private const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    /// <summary>A repository bigger than this waits for the real load: a semantic pass would have to parse it all.</summary>
    public const int MaxFiles = 4000;

    /// <summary>The project (by its id) references packages: unresolved names in it may be the packages' types.</summary>
    public static bool HasPackages(Project project) => project.ParseOptions?.Features.ContainsKey(PackagesFeature) == true;

    // Carried on the parse options (a feature flag the compiler ignores), so a Document knows it without a side table.
    private const string PackagesFeature = "nanolsp-provisional-packages";
    private const string OpenFilesFeature = "nanolsp-provisional-open-files";

    /// <summary>The project is <see cref="AddOpenFilesProject"/>'s: most of its files' types are unknown to it.</summary>
    public static bool IsOpenFilesOnly(Project project) => project.ParseOptions?.Features.ContainsKey(OpenFilesFeature) == true;

    /// <summary>The project was made here, not by MSBuild: before the load, or after a load that failed for every project.
    /// Its diagnostics are filtered as <c>Features/Diagnostics/ProvisionalDiagnostics.cs</c> says wherever it is served.</summary>
    public static bool IsStandIn(Project project) => project.ParseOptions?.Features.ContainsKey(StandInFeature) == true;

    private const string StandInFeature = "nanolsp-stand-in";

    /// <summary>Parse options of a project made here whose files may use packages it does not reference: its diagnostics
    /// are filtered (<see cref="IsStandIn"/>) as a project with packages' (<see cref="HasPackages"/>).</summary>
    public static CSharpParseOptions FilteredAsWithPackages(CSharpParseOptions options) =>
        options.WithFeatures(options.Features.Where(f => f.Key is not (StandInFeature or PackagesFeature))
            .Append(new(StandInFeature, "true")).Append(new(PackagesFeature, "true")));

    public sealed record Result(Solution Solution, int Projects, int Files, string? Skipped)
    {
        /// <summary>What the projects were made from, for the log.</summary>
        public string From { get; init; } = "the project files";

        /// <summary>Skipped for more than <see cref="MaxFiles"/> files: the open files can still be served alone (<see cref="AddOpenFilesProject"/>).</summary>
        public bool TooManyFiles { get; init; }
    }

    /// <summary>The provisional project of a repository too big for the quick pass: the open files alone.</summary>
    public const string OpenFilesName = "Open files (the workspace is loading)";

    /// <summary>
    /// A repository over <see cref="MaxFiles"/> .cs files is served from this project until the real load ends: the files
    /// the editor opens, against the framework, with the SDK's implicit usings, and their syntax errors alone (the
    /// repository's own types are unknown here, or known without their bases: on 80 files of dotnet/efcore a third
    /// showed semantic errors that were not there, operators and constructors not found, interfaces not implemented). Until
    /// 2026-12-06 such a repository got nothing before MSBuild's load, every request waiting in the queue (dotnet/efcore:
    /// 5,761 .cs files, minutes on first opening).
    /// </summary>
    public static Solution AddOpenFilesProject(Solution solution, out ProjectId id)
    {
        id = ProjectId.CreateNewId(OpenFilesName);
        var settings = ProjectSettings.Default with { ImplicitUsings = true, HasPackages = true };
        return AddProject(solution, id, OpenFilesName, null, settings, LooseProjects.FrameworkReferences.Value, [], [], openFilesOnly: true);
    }

    /// <param name="designTimeCache">The <see cref="DesignTimeCache"/> folder: when it holds an earlier load of these folders
    /// (out of date, or the real load would have used it), its projects are the provisional ones
    /// (<see cref="FromEarlierLoad"/>); null: the project files only.</param>
    /// <param name="maxFiles">More .cs files than this: no projects (<see cref="Result.TooManyFiles"/>).</param>
    /// <param name="msBuildFailed">MSBuild could not load these projects: what they reference is unknown, so each is
    /// filtered as a project with packages (<see cref="HasPackages"/>).</param>
    /// <param name="chosen">The solution or project files the user chose (<see cref="WorkspaceLoader.FindProjectFiles"/>).</param>
    public static Result Create(Solution solution, IReadOnlyList<string> roots, string? designTimeCache = null, Logging.ILog? logger = null, int maxFiles = MaxFiles,
        bool msBuildFailed = false, IReadOnlyList<string>? chosen = null)
    {
        var targets = roots.SelectMany(r => WorkspaceLoader.FindProjectFiles(r, chosen)).Distinct(StringComparer.Ordinal).ToList();
        var projectFiles = WorkspaceLoader.ProjectsOf(targets);
        var folders = projectFiles.ToDictionary(p => p, p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar, StringComparer.Ordinal);
        var filesOf = projectFiles.ToDictionary(p => p, _ => new List<string>(), StringComparer.Ordinal);
        var loose = roots.ToDictionary(r => r, _ => new List<string>(), StringComparer.Ordinal);
        var count = 0;
        foreach (var root in roots)
        {
            foreach (var file in WorkspaceLoader.Descendants(root, depth: 12))
            {
                if (!file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || WorkspaceManager.IsBuildOutput(file))
                    continue;
                if (++count > maxFiles)
                    return new Result(solution, 0, 0, $"more than {maxFiles} .cs files") { TooManyFiles = true };
                if (Owner(folders, file) is { } owner)
                    filesOf[owner].Add(file);
                else
                    loose[roots.Where(r => WorkspaceLoader.IsUnder(r, file)).OrderByDescending(r => r.Length).First()].Add(file);
            }
        }

        if (designTimeCache is not null && logger is not null && DesignTimeCache.Latest(designTimeCache, roots, targets, logger) is { } earlier)
            return FromEarlierLoad(solution, roots, earlier.Projects, earlier.SavedUtc, filesOf.Values.SelectMany(f => f).Concat(loose.Values.SelectMany(f => f)).ToList(), count)
                with { From = $"the design-time cache of {earlier.SavedUtc:u}" };

        var ids = projectFiles.ToDictionary(p => p, p => ProjectId.CreateNewId(Path.GetFileNameWithoutExtension(p)), StringComparer.Ordinal);
        var references = LooseProjects.FrameworkReferences.Value;
        var read = WithReferencedPackages(projectFiles.ToDictionary(p => p, p => ProjectSettings.Read(p, roots, msBuildFailed), StringComparer.Ordinal), _ => false);
        foreach (var project in projectFiles)
        {
            var settings = read[project];
            var projectReferences = settings.ProjectReferences.Where(ids.ContainsKey).Select(r => new ProjectReference(ids[r])).ToList();
            solution = AddProject(solution, ids[project], Path.GetFileNameWithoutExtension(project), project, settings, references, projectReferences, filesOf[project]);
        }
        foreach (var (root, files) in loose)
        {
            if (files.Count > 0)
                solution = AddProject(solution, ProjectId.CreateNewId(), WorkspaceLoader.LooseProjectName(roots, root),
                    Path.Combine(root, WorkspaceLoader.LooseProjectName(roots, root).Replace(' ', '_') + ".csproj"),
                    LooseSettings(root), references, [], files);
        }
        return new Result(solution, projectFiles.Count, count, null);
    }

    /// <summary>
    /// A project's packages flow to the projects that reference it, as NuGet's do (PackageReference is transitive): a
    /// project with none of its own that references one with packages sees their types after the load, and here does not.
    /// <paramref name="hasPackages"/> answers for a referenced project outside <paramref name="settings"/> (one MSBuild loaded).
    /// </summary>
    private static Dictionary<string, ProjectSettings> WithReferencedPackages(Dictionary<string, ProjectSettings> settings, Func<string, bool> hasPackages)
    {
        var memo = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Packages(string project, HashSet<string> visiting)
        {
            if (memo.TryGetValue(project, out var known))
                return known;
            if (!settings.TryGetValue(project, out var own))
                return hasPackages(project);
            if (!visiting.Add(project))
                return own.HasPackages; // a cycle: MSBuild would refuse it
            var result = own.HasPackages || own.ProjectReferences.Any(r => Packages(r, visiting));
            visiting.Remove(project);
            return memo[project] = result;
        }
        return settings.ToDictionary(s => s.Key, s => s.Value with { HasPackages = Packages(s.Key, new HashSet<string>(StringComparer.Ordinal)) }, StringComparer.Ordinal);
    }

    /// <summary>The settings of a folder's files that no project takes: beside project files, what a project would give them
    /// (its packages, unsafe code) is unknown, and their diagnostics are filtered as after the load (LooseProjects.AddLooseProject).</summary>
    private static ProjectSettings LooseSettings(string root) =>
        WorkspaceLoader.FindProjectFiles(root).Count > 0 ? ProjectSettings.Default with { HasPackages = true, AllowUnsafe = true } : ProjectSettings.Default;

    /// <summary>The project whose folder holds the file, the deepest one, as the SDK's globs give a nested project's files to it.</summary>
    /// <param name="folders">Project file → its folder, ending in a separator.</param>
    private static string? Owner(IReadOnlyDictionary<string, string> folders, string file) =>
        folders.Where(f => file.StartsWith(f.Value, StringComparison.Ordinal)).OrderByDescending(f => f.Value.Length).Select(f => f.Key).FirstOrDefault();

    /// <summary>A path segment of the SDK's targeting packs (a reference elsewhere is a package's).</summary>
    private static readonly string TargetingPacks = $"{Path.DirectorySeparatorChar}packs{Path.DirectorySeparatorChar}";

    /// <summary>
    /// The projects of an earlier MSBuild load (<see cref="DesignTimeCache"/>): its references, options, defines and
    /// documents, less the files gone. A .cs file it did not have joins the project whose folder holds it when it
    /// was written since (as the SDK's globs would take a new file), else its folder's loose project (a file the project
    /// leaves out, as after the real load). No analyzers and no source generators, as in every provisional project (a
    /// quick pass). A project that references packages has its diagnostics filtered as such (<see cref="HasPackages"/>:
    /// what changed since may leave names unresolved); one with the framework only shows them all, as from the project files.
    /// </summary>
    private static Result FromEarlierLoad(Solution solution, IReadOnlyList<string> roots, IReadOnlyList<CachedProject> projects, DateTime savedUtc,
        IReadOnlyList<string> files, int count)
    {
        var ids = projects.Select(p => ProjectId.CreateNewId(p.Name)).ToList();
        var reference = DesignTimeCache.SharedReferences();
        var known = projects.SelectMany(p => p.Documents).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var folders = projects.Select(p => p.FilePath is null ? null : Path.GetDirectoryName(p.FilePath) + Path.DirectorySeparatorChar).ToList();
        var added = projects.Select(_ => new List<string>()).ToList();
        var loose = roots.ToDictionary(r => r, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var file in files.Where(f => !known.Contains(f)))
        {
            var deepest = File.GetLastWriteTimeUtc(file) < savedUtc ? null
                : folders.Where(f => f is not null && file.StartsWith(f, StringComparison.Ordinal)).MaxBy(f => f!.Length);
            if (deepest is null)
                loose[roots.Where(r => WorkspaceLoader.IsUnder(r, file)).OrderByDescending(r => r.Length).First()].Add(file);
            for (int i = 0; i < projects.Count; i++)
                if (deepest is not null && folders[i] == deepest)
                    added[i].Add(file); // each target framework's project of a multi-targeting one
        }
        for (int i = 0; i < projects.Count; i++)
        {
            var info = projects[i].ToProjectInfo(ids[i], ids, reference, path => new Microsoft.CodeAnalysis.Diagnostics.UnresolvedAnalyzerReference(path));
            var parse = (CSharpParseOptions)info.ParseOptions!;
            // Packages as the project files would say: a reference from outside the SDK's targeting packs.
            var features = parse.Features.Append(new(StandInFeature, "true"));
            if (projects[i].References.Any(r => !r.Path.Contains(TargetingPacks, StringComparison.Ordinal)))
                features = features.Append(new(PackagesFeature, "true"));
            parse = parse.WithFeatures(features);
            solution = solution.AddProject(info
                .WithProjectReferences([]) // added below, once every project is in
                .WithAnalyzerReferences([])
                // A package removed since would be an error of its own (CS0006) in every file's diagnostics.
                .WithMetadataReferences(info.MetadataReferences.Where(r => r is not PortableExecutableReference { FilePath: { } path } || File.Exists(path)))
                .WithParseOptions(parse)
                .WithDocuments(info.Documents.Where(d => File.Exists(d.FilePath)))
                .WithAdditionalDocuments(info.AdditionalDocuments.Where(d => File.Exists(d.FilePath)))
                .WithAnalyzerConfigDocuments(info.AnalyzerConfigDocuments.Where(d => File.Exists(d.FilePath))));
            foreach (var file in added[i])
                solution = LooseProjects.AddFile(solution, ids[i], file, null);
        }
        for (int i = 0; i < projects.Count; i++)
            solution = solution.WithProjectReferences(ids[i], projects[i].ProjectReferences.Select(r => new ProjectReference(ids[r.Project], [.. r.Aliases], r.EmbedInteropTypes)));
        foreach (var (root, looseFiles) in loose)
        {
            if (looseFiles.Count > 0)
                solution = AddProject(solution, ProjectId.CreateNewId(), WorkspaceLoader.LooseProjectName(roots, root),
                    Path.Combine(root, WorkspaceLoader.LooseProjectName(roots, root).Replace(' ', '_') + ".csproj"),
                    LooseSettings(root), LooseProjects.FrameworkReferences.Value, [], looseFiles);
        }
        return new Result(solution, projects.Select(p => p.FilePath).Distinct(StringComparer.Ordinal).Count(), count, null);
    }

    private static Solution AddProject(Solution solution, ProjectId id, string name, string? filePath, ProjectSettings settings,
        IReadOnlyList<MetadataReference> references, IReadOnlyList<ProjectReference> projectReferences, IReadOnlyList<string> files, bool openFilesOnly = false)
    {
        if (settings.AspNetCore)
            references = LooseProjects.AspNetCoreReferences.Value;
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: settings.PreprocessorSymbols);
        var features = new List<KeyValuePair<string, string>> { new(StandInFeature, "true") };
        if (settings.HasPackages)
            features.Add(new(PackagesFeature, "true"));
        if (openFilesOnly)
            features.Add(new(OpenFilesFeature, "true"));
        parse = parse.WithFeatures(features);
        var options = new CSharpCompilationOptions(settings.Executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: settings.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
            allowUnsafe: settings.AllowUnsafe);
        solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), name, settings.AssemblyName ?? name, LanguageNames.CSharp,
            filePath: filePath, compilationOptions: options, parseOptions: parse, metadataReferences: references, projectReferences: projectReferences));
        foreach (var file in files)
            solution = LooseProjects.AddFile(solution, id, file, null);
        if (GlobalUsings(settings) is { Length: > 0 } text)
            solution = solution.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(id), "GlobalUsings.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(Microsoft.CodeAnalysis.Text.SourceText.From(text), VersionStamp.Create()))));
        if (settings.InternalsVisibleTo.Count > 0)
        {
            // As the SDK's AssemblyInfo.cs says them (without the public key: nothing here is signed).
            var attributes = string.Concat(settings.InternalsVisibleTo.Select(n => $"[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"{n.Replace("\"", "", StringComparison.Ordinal)}\")]\n"));
            solution = solution.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(id), "AssemblyInfo.g.cs",
                loader: TextLoader.From(TextAndVersion.Create(Microsoft.CodeAnalysis.Text.SourceText.From(attributes), VersionStamp.Create()))));
        }
        return solution;
    }

    /// <summary>The global usings the SDK would generate (GlobalUsings.g.cs): its implicit ones when enabled, then the
    /// project's <c>Using</c> items, less those a <c>Using Remove</c> takes out.</summary>
    private static string GlobalUsings(ProjectSettings settings)
    {
        var usings = new List<UsingItem>();
        if (settings.ImplicitUsings)
            usings.AddRange(SdkImplicitUsings.Concat(settings.WebSdk ? WebSdkImplicitUsings : []).Select(u => new UsingItem(u, null, false)));
        foreach (var (item, remove) in settings.Usings)
        {
            usings.RemoveAll(u => u.Name == item.Name);
            if (!remove)
                usings.Add(item);
        }
        return string.Concat(usings.Select(u => u switch
        {
            { Alias: { } alias } => $"global using {alias} = global::{u.Name};\n",
            { Static: true } => $"global using static global::{u.Name};\n",
            _ => $"global using global::{u.Name};\n",
        }));
    }

    /// <summary>What a project file and the Directory.Build.props above it say, read as XML without evaluating MSBuild.</summary>
    /// <summary>A <c>Using</c> item: <c>&lt;Using Include="Name" Alias="..." Static="true" /&gt;</c>.</summary>
    private sealed record UsingItem(string Name, string? Alias, bool Static);

    private sealed record ProjectSettings(bool ImplicitUsings, bool Nullable, bool AllowUnsafe, bool HasPackages, IReadOnlyList<string> PreprocessorSymbols,
        IReadOnlyList<string> ProjectReferences)
    {
        /// <summary>The <c>Using</c> items in the order MSBuild reads them, each an include or a remove.</summary>
        public IReadOnlyList<(UsingItem Item, bool Remove)> Usings { get; init; } = [];

        /// <summary>The project is the Web SDK's (its implicit usings).</summary>
        public bool WebSdk { get; init; }

        /// <summary>The project compiles against ASP.NET Core (the Web SDK, or its framework reference).</summary>
        public bool AspNetCore { get; init; }

        /// <summary>The project builds a program (OutputType Exe or WinExe; the Web SDK's default): top-level statements are allowed.</summary>
        public bool Executable { get; init; }

        /// <summary>The assembly's name (AssemblyName, else the project file's): what another project's InternalsVisibleTo names.</summary>
        public string? AssemblyName { get; init; }

        /// <summary>The assemblies its <c>InternalsVisibleTo</c> items name, which the SDK makes attributes of.</summary>
        public IReadOnlyList<string> InternalsVisibleTo { get; init; } = [];

        // Before Default: static fields initialize in the order they are written.
        private static readonly Version[] StandardVersions = [new(1, 0), new(1, 1), new(1, 2), new(1, 3), new(1, 4), new(1, 5), new(1, 6), new(2, 0), new(2, 1)];
        private static readonly Version[] CoreAppVersions = [new(1, 0), new(1, 1), new(2, 0), new(2, 1), new(2, 2), new(3, 0), new(3, 1)];

        public static readonly ProjectSettings Default = new(false, true, false, false, FrameworkSymbols($"net{Environment.Version.Major}.0"), []);

        /// <summary>The Using items of the files in MSBuild's order (the Directory.Build.props, the project, the Directory.Build.targets).</summary>
        private static List<(UsingItem, bool)> UsingItems(IEnumerable<XDocument> documents) =>
            documents.SelectMany(d => d.Descendants()).Where(e => e.Name.LocalName == "Using" && e.Parent?.Name.LocalName == "ItemGroup")
                .SelectMany(e => Names(e, "Remove").Select(n => (new UsingItem(n, null, false), true))
                    .Concat(Names(e, "Include").Select(n => (new UsingItem(n, Attribute(e, "Alias"), string.Equals(Attribute(e, "Static"), "true", StringComparison.OrdinalIgnoreCase)), false))))
                .ToList();

        /// <summary>An item's names (<c>Include="A;B"</c>); none where MSBuild would have to evaluate a property or item.</summary>
        private static IEnumerable<string> Names(XElement item, string attribute) =>
            (Attribute(item, attribute) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(n => !n.Contains('$') && !n.Contains('@') && !n.Contains('%'));

        private static string? Attribute(XElement element, string name) =>
            (string?)element.Attribute(name) ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

        /// <param name="msBuildFailed">MSBuild could not load the project: whatever it references is unknown here.</param>
        public static ProjectSettings Read(string project, IReadOnlyList<string> roots, bool msBuildFailed = false)
        {
            var own = TryLoad(project);
            var documents = DirectoryFiles(project, roots, "Directory.Build.props").Select(TryLoad).Append(own).OfType<XDocument>().ToList();
            // The project file is read last: its values win, as MSBuild's later definitions do.
            string? Property(string name) => documents.SelectMany(d => d.Descendants()).Where(e => e.Name.LocalName == name && !e.HasElements).Select(e => e.Value.Trim()).LastOrDefault();
            bool On(string name) => Property(name) is { } value && (value.Equals("enable", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase));
            var framework = Property("TargetFramework") ?? Property("TargetFrameworks")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            var projectReferences = ProjectReferencesOf(project, own);
            var targets = DirectoryFiles(project, roots, "Directory.Build.targets").Select(TryLoad).OfType<XDocument>().ToList();
            var projectName = Path.GetFileNameWithoutExtension(project);
            var assemblyName = Property("AssemblyName") is { Length: > 0 } named && !named.Contains('$') ? named : projectName;
            var sdks = Sdks(documents.Concat(targets)).ToList();
            var frameworks = documents.SelectMany(d => d.Descendants()).Where(e => e.Name.LocalName == "FrameworkReference").SelectMany(e => Names(e, "Include")).ToList();
            bool web = sdks.Contains(WebSdkName, StringComparer.OrdinalIgnoreCase);
            bool aspNetCore = (web || frameworks.Contains(AspNetCoreFramework, StringComparer.OrdinalIgnoreCase)) && LooseProjects.HasAspNetCore;
            // References beyond what the quick pass has, whose names it would report unknown: packages, another SDK's
            // (Arcade, MSTest.Sdk, WindowsDesktop), another framework's, a platform's (net10.0-android), or anything a
            // project file that cannot be read may bring (then the template's implicit usings too).
            var hasPackages = own is null || msBuildFailed
                || documents.Any(d => d.Descendants().Any(e => e.Name.LocalName is "PackageReference" && e.Attribute("Include") is not null))
                || sdks.Any(s => !KnownSdks.Contains(s))
                || frameworks.Any(f => !aspNetCore || !f.Equals(AspNetCoreFramework, StringComparison.OrdinalIgnoreCase))
                || (web && !aspNetCore)
                || framework?.Contains('-') == true;
            return new ProjectSettings(own is null || On("ImplicitUsings"), On("Nullable"), On("AllowUnsafeBlocks"), hasPackages,
                FrameworkSymbols(framework ?? $"net{Environment.Version.Major}.0"), projectReferences)
            {
                Usings = UsingItems(documents.Concat(targets)),
                WebSdk = web,
                AspNetCore = aspNetCore,
                Executable = Property("OutputType") is { } output ? output.EndsWith("Exe", StringComparison.OrdinalIgnoreCase) : web,
                AssemblyName = assemblyName,
                InternalsVisibleTo = documents.Concat(targets).SelectMany(d => d.Descendants()).Where(e => e.Name.LocalName == "InternalsVisibleTo" && e.Parent?.Name.LocalName == "ItemGroup")
                    .SelectMany(e => (Attribute(e, "Include") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    // The two properties such items use ("$(AssemblyName).Tests"); any other needs MSBuild.
                    .Select(n => n.Replace("$(AssemblyName)", assemblyName, StringComparison.OrdinalIgnoreCase).Replace("$(MSBuildProjectName)", projectName, StringComparison.OrdinalIgnoreCase))
                    .Where(n => !n.Contains('$') && !n.Contains('@') && !n.Contains('%'))
                    .Distinct(StringComparer.Ordinal).ToList(),
            };
        }

        /// <summary>The MSBuild SDKs the files name: <c>&lt;Project Sdk="A;B/1.0"&gt;</c>, <c>&lt;Sdk Name="A" /&gt;</c>, <c>&lt;Import Sdk="A" /&gt;</c>.</summary>
        private static IEnumerable<string> Sdks(IEnumerable<XDocument> documents)
        {
            foreach (var element in documents.SelectMany(d => d.Descendants()))
            {
                var named = element.Name.LocalName switch
                {
                    "Project" or "Import" => (string?)element.Attribute("Sdk"),
                    "Sdk" => (string?)element.Attribute("Name"),
                    _ => null,
                };
                foreach (var sdk in (named ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    yield return sdk.Split('/')[0].Trim();
            }
        }

        /// <summary>The full paths of the projects a project file references (its ProjectReference items).</summary>
        public static IReadOnlyList<string> ProjectReferencesOf(string project, XDocument? own = null)
        {
            own ??= TryLoad(project);
            var folder = Path.GetDirectoryName(project)!;
            return (own?.Descendants() ?? []).Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include")).OfType<string>()
                .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }

        /// <summary>The file as XML; null when it cannot be read (the real load reports a broken project file).</summary>
        private static XDocument? TryLoad(string file)
        {
            try
            {
                return XDocument.Load(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
            {
                return null;
            }
        }

        /// <summary>The files named <paramref name="name"/> (Directory.Build.props or .targets) from the project's folder up to its
        /// workspace folder, outermost first.</summary>
        private static IEnumerable<string> DirectoryFiles(string project, IReadOnlyList<string> roots, string name)
        {
            var found = new List<string>();
            for (var folder = Path.GetDirectoryName(project); folder is not null; folder = Path.GetDirectoryName(folder))
            {
                var props = Path.Combine(folder, name);
                if (File.Exists(props))
                    found.Add(props);
                if (roots.Any(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)) == folder))
                    break;
            }
            found.Reverse();
            return found;
        }

        /// <summary>The SDK's symbols for a target framework: net8.0 defines NET, NET8_0, NET8_0_OR_GREATER ... NET5_0_OR_GREATER, NETCOREAPP ...</summary>
        private static IReadOnlyList<string> FrameworkSymbols(string framework)
        {
            framework = framework.Split('-')[0].ToLowerInvariant();
            if (framework.StartsWith("netstandard", StringComparison.Ordinal) && Version.TryParse(framework["netstandard".Length..], out var standard))
                return ["NETSTANDARD", $"NETSTANDARD{standard.Major}_{standard.Minor}", .. StandardVersions.Where(v => v <= standard).Select(v => $"NETSTANDARD{v.Major}_{v.Minor}_OR_GREATER")];
            if (framework.StartsWith("net", StringComparison.Ordinal) && Version.TryParse(framework[3..], out var net) && net.Major >= 5)
                return ["NET", "NETCOREAPP", $"NET{net.Major}_0",
                    .. Enumerable.Range(5, net.Major - 4).Select(m => $"NET{m}_0_OR_GREATER"),
                    .. CoreAppVersions.Select(v => $"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER")];
            return [];
        }

    }
}
