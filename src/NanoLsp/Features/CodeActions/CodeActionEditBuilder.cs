using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;
using CodeAction = Microsoft.CodeAnalysis.CodeActions.CodeAction;

namespace NanoLsp.Features.CodeActions;

/// <summary>What the client accepts (from its initialize capabilities) and which versions its open documents have.</summary>
public sealed record EditOptions(bool SupportsDocumentChanges, bool SupportsCreateFile, Func<string, int?> OpenVersion)
{
    public static EditOptions Default { get; } = new(true, true, _ => null);

    /// <summary>What this client declared in initialize, and the versions the open documents have in the
    /// snapshot the edit is computed on (never the live ones: an edit must name the text it was made for).</summary>
    public static EditOptions For(NanoLsp.Server.ClientCapabilities client, WorkspaceSnapshot snapshot) => new(
        SupportsDocumentChanges: client.Supports("workspace", "workspaceEdit", "documentChanges"),
        SupportsCreateFile: client.Get("workspace", "workspaceEdit", "resourceOperations") is { ValueKind: System.Text.Json.JsonValueKind.Array } operations
            && operations.EnumerateArray().Any(o => o.GetString() == "create"),
        OpenVersion: uri => ProtocolConversions.TryToPath(uri, out var path) ? snapshot.VersionOf(path) : null);
}

/// <summary>
/// Runs a Roslyn code action against the current snapshot and describes the resulting solution
/// as an LSP WorkspaceEdit. The server never writes files: the client applies the edit.
/// Added documents (e.g. "Extract interface" or "Move type to file") become CreateFile operations
/// followed by an edit that fills the new file.
/// </summary>
public static class CodeActionEditBuilder
{
    public static async Task<ResourceWorkspaceEdit> BuildAsync(
        CodeAction action, Solution original, EditOptions options, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault()
            ?? throw new LspException(LspErrorCodes.RequestFailed, $"The code action \"{action.Title}\" produced no edit NanoLsp can send.");
        return await DescribeAsync(original, apply.ChangedSolution, options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ResourceWorkspaceEdit> DescribeAsync(
        Solution original, Solution changed, EditOptions options, CancellationToken cancellationToken)
    {
        var documentChanges = new List<object>();
        var changes = new Dictionary<string, IReadOnlyList<TextEdit>>();
        foreach (var project in changed.GetChanges(original).GetProjectChanges())
        {
            foreach (var id in project.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var before = original.GetDocument(id)!;
                var uri = ProtocolConversions.FromPath(RequirePath(before));
                // A file of several projects (one per target framework) changes in each: the file is edited once.
                if (changes.ContainsKey(uri))
                    continue;
                var after = changed.GetDocument(id)!;
                var oldText = await before.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var edits = (await after.GetTextChangesAsync(before, cancellationToken).ConfigureAwait(false))
                    .Select(c => new TextEdit(ProtocolConversions.ToRange(oldText, c.Span), c.NewText ?? ""))
                    .ToList();
                changes[uri] = edits;
                documentChanges.Add(new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, options.OpenVersion(uri)), edits));
            }

            foreach (var id in project.GetAddedDocuments())
            {
                var added = changed.GetDocument(id)!;
                var text = (await added.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                var uri = ProtocolConversions.FromPath(PathOfAdded(added));
                var fill = new TextEdit(new Protocol.Range(new Position(0, 0), new Position(0, 0)), text);
                if (!options.SupportsCreateFile && options.SupportsDocumentChanges)
                    throw new LspException(LspErrorCodes.RequestFailed,
                        $"This action creates {uri}, and the client did not declare support for file creation (workspace.workspaceEdit.resourceOperations).");
                documentChanges.Add(new CreateFile(uri, new CreateFileOptions(IgnoreIfExists: true)));
                documentChanges.Add(new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, null), [fill]));
                changes[uri] = [fill];
            }

            foreach (var id in project.GetRemovedDocuments())
            {
                var removed = original.GetDocument(id)!;
                documentChanges.Add(new DeleteFile(ProtocolConversions.FromPath(RequirePath(removed))));
            }
        }

        return options.SupportsDocumentChanges
            ? new ResourceWorkspaceEdit(DocumentChanges: documentChanges)
            : new ResourceWorkspaceEdit(Changes: changes);
    }

    private static string RequirePath(Document document) =>
        document.FilePath ?? throw new LspException(LspErrorCodes.RequestFailed, $"Document {document.Name} has no file path.");

    // Roslyn gives a new document a name and folders but often no path: place it beside the project
    // file, in its folders, as Visual Studio does.
    private static string PathOfAdded(Document added)
    {
        if (added.FilePath is { Length: > 0 } path)
            return path;
        var projectDir = Path.GetDirectoryName(added.Project.FilePath)
            ?? added.Project.Documents.Select(d => Path.GetDirectoryName(d.FilePath)).FirstOrDefault(d => d is not null)
            ?? throw new LspException(LspErrorCodes.RequestFailed, $"Cannot tell where to create {added.Name}.");
        return Path.Combine([projectDir, .. added.Folders, added.Name]);
    }
}
