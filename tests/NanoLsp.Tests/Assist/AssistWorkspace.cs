using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NanoLsp.Model;

namespace NanoLsp.Tests.Assist;

/// <summary>
/// Real Roslyn projects for the Assist tests (an AdhocWorkspace over the .NET reference pack) and
/// the shipped model's real tokenizer. `$$` marks the caret in the document under test.
/// </summary>
internal static class AssistWorkspace
{
    private static readonly Lazy<NanoTokenizer> LazyTokenizer = new(() => new NanoTokenizer(ModelManifest.Load(ModelLocator.Locate())));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static NanoTokenizer Tokenizer => LazyTokenizer.Value;

    /// <summary>A project of several files; the first file holding `$$` is the document returned.</summary>
    public static (Document Document, int Caret) Create(params (string Name, string Markup)[] files)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        DocumentId? target = null;
        int caret = 0;
        var documents = new List<DocumentInfo>();
        foreach (var (name, markup) in files)
        {
            int at = markup.IndexOf("$$", StringComparison.Ordinal);
            string source = at < 0 ? markup : markup.Remove(at, 2);
            var id = DocumentId.CreateNewId(projectId);
            if (at >= 0 && target is null)
            {
                target = id;
                caret = at;
            }
            documents.Add(DocumentInfo.Create(id, name,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Create())),
                filePath: Path.Combine(Path.GetTempPath(), "nanolsp-assist", name)));
        }
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "Test", "Test", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: documents, metadataReferences: References.Value);
        workspace.TryApplyChanges(workspace.CurrentSolution.AddProject(project));
        return (workspace.CurrentSolution.GetDocument(target ?? documents[0].Id)!, caret);
    }

    /// <summary>samples/Inventory as a project, with `$$` inserted into <paramref name="file"/> after the
    /// first occurrence of <paramref name="after"/>.</summary>
    public static (Document Document, int Caret) Inventory(string file, string after)
    {
        string dir = Path.Combine(RepositoryRoot(), "samples", "Inventory");
        var files = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f =>
            {
                string text = File.ReadAllText(f);
                string name = Path.GetRelativePath(dir, f);
                if (name == file)
                {
                    int at = text.IndexOf(after, StringComparison.Ordinal);
                    if (at < 0) throw new ArgumentException($"'{after}' is not in {file}.");
                    text = text.Insert(at + after.Length, "$$");
                }
                return (name, text);
            })
            .OrderBy(f => f.name == file ? 0 : 1)
            .ToArray();
        return Create(files);
    }

    /// <summary>samples/Inventory as a project, with the rest of the line after the <paramref name="occurrence"/>-th
    /// (from 0) <paramref name="after"/> in <paramref name="file"/> deleted and the caret there: the README demo's
    /// inline-completion sites, as if the user had typed the line that far.</summary>
    public static (Document Document, int Caret) InventoryLineCut(string file, string after, int occurrence = 0)
    {
        string path = Path.Combine(RepositoryRoot(), "samples", "Inventory", file);
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(after, at + 1, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{after}' is not in {file} {occurrence + 1} times.");
        }
        int caret = at + after.Length;
        int lineEnd = text.IndexOf('\n', caret) is var n and >= 0 ? n : text.Length;
        string cut = text[..caret] + text[lineEnd..];
        var (document, _) = Inventory(file, after);
        document = document.WithText(SourceText.From(cut));
        return (document, caret);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NanoLsp.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NanoLsp.sln not found above " + AppContext.BaseDirectory);
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
        var dlls = refDir is null ? Directory.GetFiles(runtimeDir, "System*.dll").Append(typeof(object).Assembly.Location) : Directory.GetFiles(refDir, "*.dll");
        return dlls.Where(NanoLsp.Tests.Features.FeatureWorkspace.IsManaged).Select(dll => (MetadataReference)MetadataReference.CreateFromFile(dll)).ToList();
    }
}
