using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// Gives a loaded solution's reference assemblies <see cref="IndexedXmlDocumentation"/> in place of the XML
/// documentation providers MSBuildWorkspace made (Roslyn's, which parse a whole file on the first question).
/// The metadata is the workspace's own, read when the compiler first asks for it, as before.
/// </summary>
public static class DocumentedReferences
{
    /// <summary>Every project's file references that have an XML file beside them, rewrapped; one wrapper per
    /// original reference, so projects that shared a reference still share one.</summary>
    public static Solution Apply(Solution solution)
    {
        var wrapped = new Dictionary<MetadataReference, MetadataReference>(ReferenceEqualityComparer.Instance);
        var providers = new Dictionary<string, IndexedXmlDocumentation?>(StringComparer.Ordinal);
        foreach (var project in solution.Projects)
        {
            var changed = false;
            var references = new List<MetadataReference>(project.MetadataReferences.Count);
            foreach (var reference in project.MetadataReferences)
            {
                if (!wrapped.TryGetValue(reference, out var replacement))
                {
                    replacement = reference;
                    if (reference is PortableExecutableReference { FilePath: { } path } file and not IndexedReference)
                    {
                        if (!providers.TryGetValue(path, out var documentation))
                            providers[path] = documentation = IndexedXmlDocumentation.Beside(path);
                        if (documentation is not null)
                            replacement = new IndexedReference(file, documentation);
                    }
                    wrapped[reference] = replacement;
                }
                changed |= !ReferenceEquals(replacement, reference);
                references.Add(replacement);
            }
            if (changed)
                solution = solution.WithProjectMetadataReferences(project.Id, references);
        }
        return solution;
    }

    /// <summary>A file reference whose metadata is another reference's and whose documentation is indexed.</summary>
    private sealed class IndexedReference(PortableExecutableReference inner, IndexedXmlDocumentation documentation)
        : PortableExecutableReference(inner.Properties, inner.FilePath, documentation)
    {
        public override string? Display => inner.Display;

        protected override DocumentationProvider CreateDocumentationProvider() => documentation;

        protected override Metadata GetMetadataImpl() => inner.GetMetadata();

        protected override PortableExecutableReference WithPropertiesImpl(MetadataReferenceProperties properties) =>
            new IndexedReference(inner.WithProperties(properties), documentation);
    }
}
