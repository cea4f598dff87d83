using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>
/// A keystroke's document with frozen partial semantics, for the work the server does at every keystroke (the ghost
/// text's context header, member monitor and compile check; the completion list's prompt): its edited tree bound into
/// the compilation the project already has, the source generators not run again and other projects taken as they are.
/// After an edit Roslyn otherwise finishes a new compilation first, and on dotnet/docfx its source generators were most
/// of that (1.7 s of CPU over four typed lines, 0.9 s of it from those three). Diagnostics, hover and code actions keep
/// the whole answer.
/// <para>
/// Why reflection: Roslyn's <c>Document.WithFrozenPartialSemantics(CancellationToken)</c> is internal (Visual Studio,
/// Roslyn's own language server and its completion service use it), and no public API gives the same. If a Roslyn
/// update removes it, <see cref="Available"/> is false, every request gets the whole answer as before, and
/// <c>PartialSemanticsWorkspaceTests</c> fails to say so.
/// </para>
/// </summary>
public static class FrozenSemantics
{
    private static readonly Func<Document, CancellationToken, Document>? Freeze =
        typeof(Document).GetMethod("WithFrozenPartialSemantics", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(CancellationToken)])
            ?.CreateDelegate<Func<Document, CancellationToken, Document>>();

    public static bool Available => Freeze is not null;

    /// <summary>
    /// <paramref name="document"/> frozen, when that loses nothing: a project never compiled yet (just loaded, or swapped
    /// in) freezes to the files parsed so far and without the projects it references, so then the document itself is
    /// returned and its first compilation is made whole (later keystrokes freeze onto it). Also the document itself in a
    /// workspace that does not allow partial semantics (<see cref="PartialSemanticsWorkspace"/>).
    /// </summary>
    public static async Task<Document> OfAsync(Document document, CancellationToken cancellationToken)
    {
        if (Freeze is null || !document.SupportsSemanticModel) return document;
        var frozen = Freeze(document, cancellationToken);
        if (ReferenceEquals(frozen, document)) return document;
        var project = document.Project;
        if (frozen.Project.DocumentIds.Count < project.DocumentIds.Count) return document;
        var compilation = await frozen.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        int references = project.MetadataReferences.Count + project.ProjectReferences.Count(r => project.Solution.ContainsProject(r.ProjectId));
        return compilation is not null && compilation.References.Count() >= references ? frozen : document;
    }

    /// <summary>
    /// Before Roslyn's completion service, which freezes the document by itself where the workspace allows: where that
    /// freeze would lose files or references (<see cref="OfAsync"/>: a project never compiled yet) the project's whole
    /// compilation is made first, and Roslyn then answers from it, as every list did before.
    /// </summary>
    public static async Task CompileWhereFreezingLosesAsync(Document document, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(await OfAsync(document, cancellationToken).ConfigureAwait(false), document))
            await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
    }
}
