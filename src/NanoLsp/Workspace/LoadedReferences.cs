using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// Rewraps a loaded solution's file references, for two things MSBuildWorkspace's own references do not do:
/// documentation read a member at a time (<see cref="IndexedXmlDocumentation"/>, in place of Roslyn's provider that
/// parses a whole XML file on the first question) and the metadata the loose and provisional projects read already
/// (<see cref="SharedMetadata"/>: the compiler's symbols for the framework are reused, not read a second time).
/// The metadata is still read only when the compiler first asks for it.
/// </summary>
public static class LoadedReferences
{
    /// <summary>Every project's file references, rewrapped; one wrapper per original reference, so projects that shared
    /// a reference still share one.</summary>
    public static Solution Apply(Solution solution)
    {
        var wrapped = new Dictionary<MetadataReference, MetadataReference>(ReferenceEqualityComparer.Instance);
        var documentation = new Dictionary<string, DocumentationProvider?>(StringComparer.Ordinal);
        foreach (var project in solution.Projects)
        {
            var changed = false;
            var references = new List<MetadataReference>(project.MetadataReferences.Count);
            foreach (var reference in project.MetadataReferences)
            {
                if (!wrapped.TryGetValue(reference, out var replacement))
                {
                    replacement = reference;
                    if (reference is PortableExecutableReference { FilePath: { } path } file and not SharedReference)
                    {
                        if (!documentation.TryGetValue(path, out var provider))
                            documentation[path] = provider = IndexedXmlDocumentation.Beside(path);
                        replacement = new SharedReference(file, provider);
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

    /// <summary>A reference to <paramref name="path"/> made without a workspace (<see cref="DesignTimeCache"/>): its metadata is
    /// the process's shared copy of the file, read when the compiler first asks; its documentation indexed.</summary>
    public static MetadataReference FileReference(string path, MetadataReferenceProperties properties, DocumentationProvider? documentation) =>
        new CachedFileReference(path, properties, documentation);

    private sealed class CachedFileReference(string path, MetadataReferenceProperties properties, DocumentationProvider? documentation)
        : PortableExecutableReference(properties, path)
    {
        private Metadata? _metadata;

        public override string? Display => FilePath;

        protected override DocumentationProvider CreateDocumentationProvider() => documentation ?? DocumentationProvider.Default;

        protected override Metadata GetMetadataImpl() =>
            LazyInitializer.EnsureInitialized(ref _metadata, () =>
                Properties.Kind == MetadataImageKind.Assembly ? SharedMetadata.For(FilePath!) : ModuleMetadata.CreateFromFile(FilePath!));

        protected override PortableExecutableReference WithPropertiesImpl(MetadataReferenceProperties changed) =>
            new CachedFileReference(FilePath!, changed, documentation);
    }

    /// <summary>A file reference whose documentation is indexed and whose metadata is the process's shared copy of the
    /// file when a loose or provisional project read it already, otherwise the workspace's own.</summary>
    private sealed class SharedReference(PortableExecutableReference inner, DocumentationProvider? documentation)
        : PortableExecutableReference(inner.Properties, inner.FilePath) // the documentation comes from CreateDocumentationProvider
    {
        private Metadata? _metadata;

        public override string? Display => inner.Display;

        protected override DocumentationProvider CreateDocumentationProvider() => documentation ?? DocumentationProvider.Default;

        // One answer per reference: the compiler expects the same metadata object every time it asks.
        protected override Metadata GetMetadataImpl() =>
            LazyInitializer.EnsureInitialized(ref _metadata, () =>
                (inner.Properties.Kind == MetadataImageKind.Assembly && inner.FilePath is { } path ? SharedMetadata.Known(path) : null) ?? inner.GetMetadata());

        protected override PortableExecutableReference WithPropertiesImpl(MetadataReferenceProperties properties) =>
            new SharedReference(inner.WithProperties(properties), documentation);
    }
}
