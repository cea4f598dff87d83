using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Workspace;

/// <summary>
/// What MSBuild's design-time build told Roslyn of one C# project, as plain data (<see cref="DesignTimeCache"/>): its
/// documents, references, analyzers and compiler options. Roslyn keeps no public way to persist a ProjectInfo
/// (its own serializer is internal and made for its out-of-process host), so the fields a compilation depends on are
/// written out here and the ProjectInfo is made again from them.
/// </summary>
public sealed record CachedProject(
    string Name,
    string AssemblyName,
    string? FilePath,
    string? OutputFilePath,
    string? OutputRefFilePath,
    string? CompilationOutputPath,
    string? DefaultNamespace,
    CachedParseOptions Parse,
    CachedCompilationOptions Compilation,
    IReadOnlyList<CachedDocument> Documents,
    IReadOnlyList<CachedDocument> AdditionalDocuments,
    IReadOnlyList<string> AnalyzerConfigs,
    IReadOnlyList<CachedReference> References,
    IReadOnlyList<CachedProjectReference> ProjectReferences,
    IReadOnlyList<string> Analyzers)
{
    /// <summary>The project as data; project references by their place in <paramref name="order"/>.</summary>
    public static CachedProject From(Project project, IReadOnlyDictionary<ProjectId, int> order) => new(
        project.Name,
        project.AssemblyName,
        project.FilePath,
        project.OutputFilePath,
        project.OutputRefFilePath,
        project.CompilationOutputInfo.AssemblyPath,
        project.DefaultNamespace,
        CachedParseOptions.From((CSharpParseOptions)project.ParseOptions!),
        CachedCompilationOptions.From((CSharpCompilationOptions)project.CompilationOptions!),
        project.Documents.Select(CachedDocument.From).OfType<CachedDocument>().ToList(),
        project.AdditionalDocuments.Select(CachedDocument.From).OfType<CachedDocument>().ToList(),
        project.AnalyzerConfigDocuments.Select(d => d.FilePath).OfType<string>().ToList(),
        project.MetadataReferences.OfType<PortableExecutableReference>().Where(r => r.FilePath is not null)
            .Select(r => new CachedReference(r.FilePath!, r.Properties.Kind, r.Properties.Aliases, r.Properties.EmbedInteropTypes)).ToList(),
        project.ProjectReferences.Where(r => order.ContainsKey(r.ProjectId))
            .Select(r => new CachedProjectReference(order[r.ProjectId], r.Aliases, r.EmbedInteropTypes)).ToList(),
        project.AnalyzerReferences.Select(r => r.FullPath).OfType<string>().ToList());

    /// <summary>The text files the project reads, which must still exist (some are build output under obj/: the global
    /// usings, the analyzer config MSBuild generates for source generators), and a clean deletes them.</summary>
    public IEnumerable<string> TextFiles() => Documents.Concat(AdditionalDocuments).Select(d => d.Path).Concat(AnalyzerConfigs);

    /// <summary>The ProjectInfo again; metadata and analyzer references come from the caller, shared between projects.</summary>
    public ProjectInfo ToProjectInfo(ProjectId id, IReadOnlyList<ProjectId> ids,
        Func<CachedReference, MetadataReference> reference, Func<string, Microsoft.CodeAnalysis.Diagnostics.AnalyzerReference> analyzer)
    {
        var folder = FilePath is null ? null : Path.GetDirectoryName(FilePath);
        return ProjectInfo.Create(id, VersionStamp.Create(), Name, AssemblyName, LanguageNames.CSharp,
                filePath: FilePath,
                outputFilePath: OutputFilePath,
                compilationOptions: Compilation.ToOptions(folder),
                parseOptions: Parse.ToOptions(),
                documents: Documents.Select(d => d.ToInfo(id)),
                projectReferences: ProjectReferences.Select(r => new ProjectReference(ids[r.Project], [.. r.Aliases], r.EmbedInteropTypes)),
                metadataReferences: References.Select(reference),
                analyzerReferences: Analyzers.Select(analyzer),
                additionalDocuments: AdditionalDocuments.Select(d => d.ToInfo(id)),
                outputRefFilePath: OutputRefFilePath)
            .WithDefaultNamespace(DefaultNamespace)
            .WithCompilationOutputInfo(default(CompilationOutputInfo).WithAssemblyPath(CompilationOutputPath))
            .WithAnalyzerConfigDocuments(AnalyzerConfigs.Select(path => DocumentInfo.Create(DocumentId.CreateNewId(id, path), Path.GetFileName(path),
                loader: new FileTextLoader(path, defaultEncoding: null), filePath: path)));
    }
}

/// <summary>A document by its file, with the name and folders the project gave it (a linked file's differ from its path).</summary>
public sealed record CachedDocument(string Path, string Name, IReadOnlyList<string> Folders)
{
    public static CachedDocument? From(TextDocument document) =>
        document.FilePath is { } path ? new CachedDocument(path, document.Name, document.Folders) : null;

    public DocumentInfo ToInfo(ProjectId project) =>
        DocumentInfo.Create(DocumentId.CreateNewId(project, Path), Name, Folders, SourceCodeKind.Regular,
            loader: new FileTextLoader(Path, defaultEncoding: null), filePath: Path);
}

public sealed record CachedReference(string Path, MetadataImageKind Kind, ImmutableArray<string> Aliases, bool EmbedInteropTypes)
{
    public MetadataReferenceProperties Properties => new(Kind, Aliases, EmbedInteropTypes);
}

public sealed record CachedProjectReference(int Project, ImmutableArray<string> Aliases, bool EmbedInteropTypes);

public sealed record CachedParseOptions(string LanguageVersion, IReadOnlyList<string> PreprocessorSymbols, DocumentationMode DocumentationMode,
    IReadOnlyDictionary<string, string> Features)
{
    public static CachedParseOptions From(CSharpParseOptions options) => new(
        options.SpecifiedLanguageVersion.ToDisplayString(), [.. options.PreprocessorSymbolNames], options.DocumentationMode,
        options.Features.ToDictionary(f => f.Key, f => f.Value));

    public CSharpParseOptions ToOptions() =>
        new CSharpParseOptions(LanguageVersionFacts.TryParse(LanguageVersion, out var version) ? version : Microsoft.CodeAnalysis.CSharp.LanguageVersion.Default,
            DocumentationMode, SourceCodeKind.Regular, PreprocessorSymbols).WithFeatures(Features);
}

/// <summary>The C# compiler options a design-time build sets (what <c>csc</c>'s command line would say).</summary>
public sealed record CachedCompilationOptions(
    OutputKind OutputKind,
    string? ModuleName,
    string? MainTypeName,
    string? ScriptClassName,
    IReadOnlyList<string> Usings,
    OptimizationLevel OptimizationLevel,
    bool CheckOverflow,
    bool AllowUnsafe,
    string? CryptoKeyContainer,
    string? CryptoKeyFile,
    ImmutableArray<byte> CryptoPublicKey,
    bool? DelaySign,
    bool PublicSign,
    Platform Platform,
    ReportDiagnostic GeneralDiagnosticOption,
    int WarningLevel,
    IReadOnlyDictionary<string, ReportDiagnostic> SpecificDiagnosticOptions,
    bool ConcurrentBuild,
    bool Deterministic,
    NullableContextOptions NullableContextOptions,
    MetadataImportOptions MetadataImportOptions,
    bool ReportSuppressedDiagnostics)
{
    public static CachedCompilationOptions From(CSharpCompilationOptions o) => new(
        o.OutputKind, o.ModuleName, o.MainTypeName, o.ScriptClassName, [.. o.Usings], o.OptimizationLevel, o.CheckOverflow, o.AllowUnsafe,
        o.CryptoKeyContainer, o.CryptoKeyFile, o.CryptoPublicKey, o.DelaySign, o.PublicSign, o.Platform, o.GeneralDiagnosticOption,
        o.WarningLevel, o.SpecificDiagnosticOptions.ToDictionary(p => p.Key, p => p.Value), o.ConcurrentBuild, o.Deterministic,
        o.NullableContextOptions, o.MetadataImportOptions, o.ReportSuppressedDiagnostics);

    /// <summary>The options, with the resolvers Roslyn's MSBuild loader gives a project in <paramref name="folder"/>.</summary>
    public CSharpCompilationOptions ToOptions(string? folder) =>
        new(OutputKind, ReportSuppressedDiagnostics, ModuleName, MainTypeName, ScriptClassName, Usings, OptimizationLevel, CheckOverflow,
            AllowUnsafe, CryptoKeyContainer, CryptoKeyFile, CryptoPublicKey.IsDefault ? [] : CryptoPublicKey, DelaySign, Platform,
            GeneralDiagnosticOption, WarningLevel, SpecificDiagnosticOptions, ConcurrentBuild, Deterministic,
            xmlReferenceResolver: folder is null ? null : new XmlFileResolver(folder),
            sourceReferenceResolver: folder is null ? null : new SourceFileResolver([], folder),
            metadataReferenceResolver: null,
            assemblyIdentityComparer: DesktopAssemblyIdentityComparer.Default,
            strongNameProvider: new DesktopStrongNameProvider(),
            publicSign: PublicSign,
            metadataImportOptions: MetadataImportOptions,
            nullableContextOptions: NullableContextOptions);
}
