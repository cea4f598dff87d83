using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Features;

/// <summary>
/// A one-document C# project for Roslyn-level feature tests, referencing the installed .NET
/// reference pack with its XML docs (so quick info and completion descriptions have summaries).
/// `$$` in the source marks the caret.
/// </summary>
internal static class FeatureWorkspace
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static (Document Document, int Caret) Create(string markup, string fileName = "Test.cs")
    {
        var caret = markup.IndexOf("$$", StringComparison.Ordinal);
        var source = caret < 0 ? markup : markup.Remove(caret, 2);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var directory = Path.Combine(Path.GetTempPath(), "nanolsp-features", projectId.Id.ToString("N"));
        var documentInfo = DocumentInfo.Create(DocumentId.CreateNewId(projectId), fileName,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Create())),
            filePath: Path.Combine(directory, fileName));
        // References go in with the project, before any service sees it (completion caches per project).
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "Test", "Test", LanguageNames.CSharp,
            filePath: Path.Combine(directory, "Test.csproj"),
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: [documentInfo],
            metadataReferences: References.Value);
        var solution = workspace.CurrentSolution.AddProject(project);
        workspace.TryApplyChanges(solution);
        return (workspace.CurrentSolution.GetDocument(documentInfo.Id)!, Math.Max(caret, 0));
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
                .Select(d => Path.Combine(d, "ref", "net10.0")).LastOrDefault(Directory.Exists)
            : null;
        var dlls = refDir is null ? Directory.GetFiles(runtimeDir, "*.dll") : Directory.GetFiles(refDir, "*.dll");
        // The server's own documentation provider, so that hover and completion tests read documentation as it does.
        return dlls.Where(IsManaged).Select(dll => (MetadataReference)MetadataReference.CreateFromFile(dll, documentation: IndexedXmlDocumentation.Beside(dll))).ToList();
    }

    /// <summary>Reference packs hold a few native files beside the assemblies.</summary>
    internal static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
