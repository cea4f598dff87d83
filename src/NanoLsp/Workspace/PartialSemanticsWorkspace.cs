using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host;

namespace NanoLsp.Workspace;

/// <summary>
/// The Roslyn workspace of every solution the server serves (the provisional one, a load from the design-time cache,
/// MSBuild's load made again here, loose files). What it changes from <see cref="AdhocWorkspace"/>: Roslyn may answer
/// typing-time features from frozen partial semantics. Roslyn's completion asks for the document's semantic model
/// "full or partial": with partial semantics on, a keystroke's list binds the edited tree into the compilation it has
/// (the source generators are not run again, other projects come as they are), instead of finishing the new
/// compilation first. A workspace allows it only if it says so (<c>PartialSemanticsEnabled</c>, which Visual Studio's
/// and Roslyn's own language server's workspaces turn on), and a solution keeps its workspace's answer for life, so
/// MSBuildWorkspace's loads (which say no) are made again here (<see cref="Adopt"/>). On dotnet/docfx, typing with lists,
/// the lists' CPU went from 457 to 227 ms over four lines: 442 ms had been the new compilation, 280 of them the
/// source generators (docs/protocol.md, "Completion (the list)").
/// </summary>
public sealed class PartialSemanticsWorkspace(HostServices host) : Microsoft.CodeAnalysis.Workspace(host, "Custom") // AdhocWorkspace's kind
{
    protected override bool PartialSemanticsEnabled => true;

    public override bool CanOpenDocuments => true;

    /// <summary>Every kind, as AdhocWorkspace says: Roslyn offers only the code actions whose changes the workspace could
    /// apply ("Generate class in new file" adds a document), and the server sends every change to the client as a workspace
    /// edit rather than applying it here.</summary>
    public override bool CanApplyChange(ApplyChangesKind feature) => true;

    /// <summary>Replaces the workspace's solution with <paramref name="info"/>'s.</summary>
    public Solution AddSolution(SolutionInfo info)
    {
        OnSolutionAdded(info);
        return CurrentSolution;
    }

    /// <summary>
    /// <paramref name="loaded"/> (MSBuildWorkspace's) made again in this workspace: the same projects and documents (their
    /// ids, options, metadata, project and analyzer references: the same objects), each document read from its file as the
    /// design-time cache reads it (DesignTimeCacheTests: a cached load compiles as MSBuild's does).
    /// </summary>
    public Solution Adopt(Solution loaded) =>
        AddSolution(SolutionInfo.Create(loaded.Id, VersionStamp.Create(), loaded.FilePath, loaded.Projects.Select(ProjectInfoOf)));

    private static ProjectInfo ProjectInfoOf(Project project) =>
        ProjectInfo.Create(project.Id, VersionStamp.Create(), project.Name, project.AssemblyName, project.Language,
                filePath: project.FilePath,
                outputFilePath: project.OutputFilePath,
                compilationOptions: project.CompilationOptions,
                parseOptions: project.ParseOptions,
                documents: project.Documents.Select(d => DocumentInfoOf(d, d.SourceCodeKind)),
                projectReferences: project.ProjectReferences,
                metadataReferences: project.MetadataReferences,
                analyzerReferences: project.AnalyzerReferences,
                additionalDocuments: project.AdditionalDocuments.Select(d => DocumentInfoOf(d, SourceCodeKind.Regular)),
                isSubmission: project.IsSubmission,
                hostObjectType: null,
                outputRefFilePath: project.OutputRefFilePath)
            .WithDefaultNamespace(project.DefaultNamespace)
            .WithCompilationOutputInfo(project.CompilationOutputInfo)
            .WithAnalyzerConfigDocuments(project.AnalyzerConfigDocuments.Select(d => DocumentInfoOf(d, SourceCodeKind.Regular)));

    /// <summary>A document with a file is read from it when first asked for (as MSBuild's loader reads it); one without
    /// (none in MSBuild's loads so far) keeps the text it has.</summary>
    private static DocumentInfo DocumentInfoOf(TextDocument document, SourceCodeKind kind) =>
        DocumentInfo.Create(document.Id, document.Name, document.Folders, kind,
            loader: document.FilePath is { } path
                ? new FileTextLoader(path, defaultEncoding: null)
                : TextLoader.From(TextAndVersion.Create(document.GetTextAsync(CancellationToken.None).GetAwaiter().GetResult(), VersionStamp.Create())),
            filePath: document.FilePath);
}
