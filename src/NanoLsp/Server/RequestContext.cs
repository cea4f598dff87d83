using NanoLsp.Logging;
using Microsoft.CodeAnalysis;
using NanoLsp.Protocol;
using NanoLsp.Workspace;

namespace NanoLsp.Server;

/// <summary>
/// What a handler gets besides its params: an immutable Solution snapshot and, for requests that
/// name a document, the Roslyn Document already resolved from the URI. Handlers never reach into
/// the workspace's mutable state; mutating handlers get the <see cref="Workspace"/> owner instead.
/// </summary>
public sealed class RequestContext
{
    /// <summary>The workspace as it was when the request was dequeued: Solution and open-document versions together.</summary>
    public required WorkspaceSnapshot Snapshot { get; init; }

    public Solution Solution => Snapshot.Solution;

    /// <summary>The document the request names, or null when it names none or it is not known.</summary>
    public Document? Document { get; init; }

    /// <summary>The URI the request named, when it named one (so errors can quote it).</summary>
    public string? DocumentUri { get; init; }

    public required ILog Logger { get; init; }

    /// <summary>Arrival order of the request (contexts are created in the queue's order): lets a
    /// feature tell the newest of concurrent reads, e.g. inline completion's newest-wins.</summary>
    public long Sequence { get; init; }

    /// <summary>When the request entered the queue (a Stopwatch timestamp; 0 when it did not come through one):
    /// what a handler's own clock misses is the time it waited behind the edits before it.</summary>
    public long ArrivedAt { get; internal set; }

    /// <summary>What the client declared in initialize (markdown, snippets, pull diagnostics, ...).</summary>
    public ClientCapabilities ClientCapabilities { get; init; } = ClientCapabilities.None;

    /// <summary>The nanolsp.* settings in force when the request was dequeued.</summary>
    public ServerSettings Settings { get; init; } = ServerSettings.Default;

    public Document RequireDocument() =>
        Document ?? throw LspException.InvalidParams(
            DocumentUri is null ? "The request names no text document." : $"Unknown document: {DocumentUri}. Open it first (textDocument/didOpen) or add it to the workspace.");
}
