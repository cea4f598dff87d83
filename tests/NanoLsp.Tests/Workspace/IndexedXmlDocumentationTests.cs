using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NanoLsp.Tests.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

/// <summary>Documentation read a member at a time answers what Roslyn's whole-file provider answers.</summary>
public sealed class IndexedXmlDocumentationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("nanolsp-xmldoc-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheFrameworksDocumentationReadsAsRoslynReadsIt()
    {
        var runtime = MsBuildSetup.FrameworkReferenceAssemblies().Single(p => Path.GetFileName(p) == "System.Runtime.dll");
        var xml = Path.ChangeExtension(runtime, ".xml");
        Assert.True(File.Exists(xml), $"no {xml}");
        var roslyn = Symbols(MetadataReference.CreateFromFile(runtime, documentation: XmlDocumentationProvider.CreateFromFile(xml)));
        var indexed = Symbols(MetadataReference.CreateFromFile(runtime, documentation: new IndexedXmlDocumentation(xml)));

        Assert.Equal(roslyn.Count, indexed.Count);
        var documented = 0;
        for (var i = 0; i < roslyn.Count; i++)
        {
            var expected = roslyn[i].GetDocumentationCommentXml();
            Assert.Equal(Normalized(expected), Normalized(indexed[i].GetDocumentationCommentXml()));
            if (!string.IsNullOrEmpty(expected))
                documented++;
        }
        Assert.True(documented > 100, $"only {documented} of {roslyn.Count} members had documentation");
    }

    [Fact]
    public void MembersCutByTheScansChunksAndEscapedNamesAreFound()
    {
        // Over a megabyte: members straddle the scan's chunks at every alignment.
        var members = Enumerable.Range(0, 9000).Select(i => ($"M:Sample.Type{i}.Method(System.Int32)", $"<summary>Member {i} {new string('x', i % 97)}</summary>")).ToList();
        members.Add(("M:Sample.Type.op_Lt(Sample.Type{`0})&amp;", "<summary>escaped &lt;name&gt;</summary>"));
        var path = WriteDocumentation("sample.xml", members);
        var documentation = new IndexedXmlDocumentation(path);

        Assert.Equal(members.Count, documentation.MemberCount);
        foreach (var (name, body) in members.Where((_, i) => i % 7 == 0 || i == members.Count - 1))
            Assert.Equal($"<member name=\"{name}\">{body}</member>", Read(documentation, name.Replace("&amp;", "&")));
        Assert.Equal("", Read(documentation, "M:Sample.Missing"));
    }

    [Fact]
    public void AFileGoneOrNeverThereGivesNoDocumentationAndNoError()
    {
        var path = WriteDocumentation("gone.xml", [("T:Sample.Kept", "<summary>kept</summary>")]);
        var documentation = new IndexedXmlDocumentation(path);
        Assert.Equal(1, documentation.MemberCount);
        File.Delete(path);
        Assert.Equal("", Read(documentation, "T:Sample.Kept"));

        var never = new IndexedXmlDocumentation(Path.Combine(_folder.Path, "never.xml"));
        Assert.Equal(0, never.MemberCount);
        Assert.Null(IndexedXmlDocumentation.Beside(Path.Combine(_folder.Path, "never.dll")));
    }

    [Fact]
    public void AFileInUtf16IsLeftToRoslynsProviderAndStillRead()
    {
        var utf8 = WriteDocumentation("Utf8.xml", [("T:Sample.Kept", "<summary>kept</summary>")]);
        Assert.IsType<IndexedXmlDocumentation>(IndexedXmlDocumentation.Beside(Path.ChangeExtension(utf8, ".dll")));

        var path = Path.Combine(_folder.Path, "Wide.xml");
        File.WriteAllText(path, File.ReadAllText(utf8).Replace("utf-8", "utf-16"), System.Text.Encoding.Unicode);
        var wide = IndexedXmlDocumentation.Beside(Path.ChangeExtension(path, ".dll"));
        Assert.NotNull(wide);
        Assert.IsNotType<IndexedXmlDocumentation>(wide);
        Assert.Contains("kept", Read(wide, "T:Sample.Kept"));
    }

    /// <summary>The public types of the reference and their public members, in a stable order.</summary>
    private static List<ISymbol> Symbols(MetadataReference reference)
    {
        var compilation = CSharpCompilation.Create("probe", references: [reference]);
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(reference)!;
        return [.. new[] { "System.String", "System.Collections.Generic.IReadOnlyList`1", "System.Math", "System.Threading.Tasks.Task", "System.Span`1" }
            .Select(name => assembly.GetTypeByMetadataName(name) ?? throw new InvalidOperationException($"no {name}"))
            .SelectMany(type => type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public).Prepend<ISymbol>(type))];
    }

    private static string Normalized(string? xml) => string.Join(' ', (xml ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private string WriteDocumentation(string name, IEnumerable<(string Name, string Body)> members)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<doc>\n<assembly><name>Sample</name></assembly>\n<members>\n"
            + string.Concat(members.Select(m => $"<member name=\"{m.Name}\">{m.Body}</member>\n")) + "</members>\n</doc>\n");
        return path;
    }

    /// <summary>DocumentationProvider's question by member ID is protected: asked by reflection, as the compiler asks it.</summary>
    private static string Read(DocumentationProvider documentation, string id) =>
        (string?)typeof(DocumentationProvider).GetMethod("GetDocumentationForSymbol", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .Invoke(documentation, [id, System.Globalization.CultureInfo.InvariantCulture, CancellationToken.None]) ?? "";
}
