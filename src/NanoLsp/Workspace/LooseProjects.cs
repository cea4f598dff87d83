using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NanoLsp.Workspace;

/// <summary>In-memory projects for files no project includes (a file opened from outside the workspace).</summary>
public static class LooseProjects
{
    public const string MiscellaneousName = "Miscellaneous files";

    /// <summary>The framework's reference assemblies, each with the XML documentation beside it (hover and completion
    /// show it, as after MSBuild's load). One set for the process: loose and provisional projects share its metadata.</summary>
    public static readonly Lazy<IReadOnlyList<MetadataReference>> FrameworkReferences = new(() =>
        MsBuildSetup.FrameworkReferenceAssemblies().Select(WithDocumentation).ToList());

    /// <summary>The framework's and ASP.NET Core's reference assemblies (a project of the Web SDK or with its framework
    /// reference); the framework's alone where the SDK has no ASP.NET Core targeting pack.</summary>
    public static readonly Lazy<IReadOnlyList<MetadataReference>> AspNetCoreReferences = new(() =>
        [.. FrameworkReferences.Value, .. (MsBuildSetup.AspNetCoreReferenceAssemblies() ?? []).Select(WithDocumentation)]);

    /// <summary>Whether <see cref="AspNetCoreReferences"/> has ASP.NET Core's.</summary>
    public static bool HasAspNetCore => AspNetCoreReferences.Value.Count > FrameworkReferences.Value.Count;

    private static MetadataReference WithDocumentation(string path) =>
        SharedMetadata.For(path).GetReference(documentation: IndexedXmlDocumentation.Beside(path), filePath: path);

    public static Solution AddLooseProject(Solution solution, string name, string? folder, IEnumerable<string> files) =>
        AddLooseProject(solution, name, folder, files, out _);

    /// <param name="besideProjects">The files are in no project of a folder where projects loaded (templates, files a project
    /// leaves out, projects no solution lists): what they would need a project for (its packages, its global usings) is
    /// guessed (unsafe code allowed), so their diagnostics are filtered as a project with packages' (<see cref="ProvisionalProjects.FilteredAsWithPackages"/>).
    /// Until 2026-12-06 they showed every error: jasontaylordev/CleanArchitecture's two use-case templates 48.</param>
    public static Solution AddLooseProject(Solution solution, string name, string? folder, IEnumerable<string> files, out ProjectId id, bool besideProjects = false)
    {
        id = ProjectId.CreateNewId(name);
        // Borrow the references of a loaded C# project when there is one (so loose files see the same
        // packages); otherwise the framework's reference assemblies.
        var references = solution.Projects.FirstOrDefault(p => p.Language == LanguageNames.CSharp && p.MetadataReferences.Count > 0 && p.DocumentIds.Count > 0)?.MetadataReferences
            ?? FrameworkReferences.Value;
        var assemblyName = string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '_')).TrimEnd('_');
        var info = ProjectInfo.Create(id, VersionStamp.Create(), name, assemblyName, LanguageNames.CSharp,
            filePath: folder is null ? null : Path.Combine(folder, assemblyName + ".csproj"),
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: besideProjects),
            parseOptions: besideProjects ? ProvisionalProjects.FilteredAsWithPackages(new CSharpParseOptions(LanguageVersion.Latest)) : new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references);
        solution = solution.AddProject(info);
        foreach (var file in files)
            solution = AddFile(solution, id, file, null);
        return solution;
    }

    public static Solution AddFile(Solution solution, ProjectId project, string path, SourceText? text)
    {
        var id = DocumentId.CreateNewId(project, path);
        var loader = text is null
            ? (TextLoader)new FileTextLoader(path, defaultEncoding: null)
            : TextLoader.From(TextAndVersion.Create(text, VersionStamp.Create(), path));
        return solution.AddDocument(DocumentInfo.Create(id, Path.GetFileName(path), loader: loader, filePath: path));
    }
}
