using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NanoLsp.Workspace;

/// <summary>An open document: the name the client gave it (its URI, kept as the client spelled it),
/// the version of the text this snapshot holds, and whether it joined the solution as a loose file.</summary>
public sealed record OpenDocumentState(string ClientName, int Version, bool AddedAsLoose);

/// <summary>
/// One immutable view of the workspace: the Solution and the versions of the open documents it holds,
/// taken together, so an answer computed on this Solution can never carry the version of a later edit.
/// </summary>
public sealed record WorkspaceSnapshot(Solution Solution, ImmutableDictionary<string, OpenDocumentState> Open)
{
    /// <summary>The quick solution served while the real load runs (<see cref="ProvisionalProjects"/>).</summary>
    public bool Provisional { get; init; }

    /// <summary>The version of the open document at <paramref name="path"/> in this snapshot; null when it is not open.</summary>
    public int? VersionOf(string path) => Open.TryGetValue(path, out var open) ? open.Version : null;

    /// <summary>The open documents, by the name the client used (diagnostics are pushed for these).</summary>
    public IReadOnlyList<string> OpenClientNames => Open.Values.Select(o => o.ClientName).ToList();

    /// <summary>The document at a path (the first, for a file linked into several projects).</summary>
    public Document? FindDocument(string path) => PreferredDocument.Find(Solution, path);
}

/// <summary>What happened to a file on disk (the workspace's own words for a watcher event).</summary>
public enum FileChange { Created, Changed, Deleted }

/// <summary>A request the workspace cannot carry out (an edit to a document that is not open); the
/// server answers it as invalid params and keeps serving.</summary>
public sealed class WorkspaceException(string message) : Exception(message);
