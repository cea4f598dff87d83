using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

public static partial class ProvisionalProjects
{
    /// <summary>
    /// Beside the projects MSBuild loaded, one for each project it did not load (a workload or MSBuild SDK not installed,
    /// a project file it cannot read), as its file says: the .cs files under its folder that no loaded project compiles,
    /// its settings and Using items, the framework's reference assemblies, and its project references, to loaded
    /// projects or to other stand-ins; a loaded project that references a failed one references its stand-in. Their
    /// diagnostics are filtered as before the load, each as a project with packages (what MSBuild would have given it is
    /// unknown: <see cref="IsStandIn"/>, <see cref="HasPackages"/>). Until 2026-12-06 a failed project's files
    /// joined the folder's loose-file project, which sees no other project: every type from a project it references
    /// was an unknown name there, and a loaded project lost the failed one's types.
    /// </summary>
    /// <param name="failed">The failed projects' files (full paths).</param>
    public static Solution AddStandIns(Solution solution, IReadOnlyList<string> roots, IReadOnlyList<string> failed, out int files)
    {
        files = 0;
        failed = failed.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        if (failed.Count == 0)
            return solution;
        var loaded = solution.Projects.Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null).ToList();
        var folders = loaded.Select(p => p.FilePath!).Concat(failed).Distinct(StringComparer.Ordinal)
            .ToDictionary(p => p, p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar, StringComparer.Ordinal);
        var filesOf = failed.ToDictionary(f => f, _ => new List<string>(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal); // a folder inside another workspace folder is walked twice
        foreach (var root in roots)
        {
            foreach (var file in WorkspaceLoader.Descendants(root, depth: 12))
            {
                if (!file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || WorkspaceManager.IsBuildOutput(file)
                    || !solution.GetDocumentIdsWithFilePath(file).IsEmpty)
                    continue;
                if (Owner(folders, file) is { } owner && filesOf.TryGetValue(owner, out var list) && seen.Add(file))
                    list.Add(file);
            }
        }

        var ids = failed.ToDictionary(f => f, f => ProjectId.CreateNewId(Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal);
        ProjectId? Referenced(string path) =>
            ids.TryGetValue(path, out var standIn) ? standIn : loaded.FirstOrDefault(p => p.FilePath == path)?.Id;
        // A loaded project has packages when it references anything outside the SDK's targeting packs.
        bool LoadedHasPackages(string path) => loaded.Any(p => p.FilePath == path && p.MetadataReferences.OfType<PortableExecutableReference>()
            .Any(r => r.FilePath is { } file && !file.Contains(TargetingPacks, StringComparison.Ordinal)));
        var read = WithReferencedPackages(failed.ToDictionary(f => f, f => ProjectSettings.Read(f, roots, msBuildFailed: true), StringComparer.Ordinal), LoadedHasPackages);
        foreach (var project in failed)
        {
            var settings = read[project];
            var references = settings.ProjectReferences.Select(Referenced).OfType<ProjectId>().Distinct().Select(id => new ProjectReference(id)).ToList();
            solution = AddProject(solution, ids[project], Path.GetFileNameWithoutExtension(project), project, settings,
                LooseProjects.FrameworkReferences.Value, references, filesOf[project]);
            files += filesOf[project].Count;
        }
        // A loaded project keeps what it lost with the failed one it references: that project's types. (Its project
        // references only: the rest of what its file says is MSBuild's to know.)
        foreach (var project in loaded)
        {
            foreach (var reference in ProjectSettings.ProjectReferencesOf(project.FilePath!).Where(ids.ContainsKey))
            {
                var standIn = new ProjectReference(ids[reference]);
                var current = solution.GetProject(project.Id)!;
                // MSBuild references the output of a project it could not load when that was built before: its types are there.
                if (current.ProjectReferences.Contains(standIn) || current.MetadataReferences.OfType<PortableExecutableReference>()
                        .Any(r => Path.GetFileNameWithoutExtension(r.FilePath) == Path.GetFileNameWithoutExtension(reference)))
                    continue;
                try
                {
                    solution = solution.AddProjectReference(project.Id, standIn);
                }
                catch (InvalidOperationException)
                {
                    // A cycle through project files that MSBuild would have refused as well: left out.
                }
            }
        }
        return solution;
    }
}
