using NanoLsp.Logging;
using NanoLsp.Features.Diagnostics;
using NanoLsp.Protocol;
using NanoLsp.Server;
using NanoLsp.Workspace;

namespace NanoLsp.Features.TextSync;

public sealed class DidOpenHandler(WorkspaceManager workspace, DiagnosticsPublisher diagnostics, ILog logger) : INotificationHandler<DidOpenTextDocumentParams>, ICapabilityProvider
{
    public string Method => LspMethods.TextDocumentDidOpen;
    public bool MutatesState => true;

    public void AddCapabilities(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(IncludeText: false));

    public Task HandleAsync(DidOpenTextDocumentParams notification, RequestContext context, CancellationToken cancellationToken)
    {
        var item = notification.TextDocument;
        if (!IsCSharp(item.LanguageId, item.Uri))
        {
            logger.Debug($"Not C# ({item.LanguageId}): {item.Uri} is not tracked.");
            return Task.CompletedTask;
        }
        workspace.Open(ProtocolConversions.ToPath(item.Uri), item.Uri, item.Text, item.Version);
        // Diagnostics right away on open, not only after the first edit.
        diagnostics.Schedule(item.Uri, TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <summary>VS Code says csharp, some clients say cs; a .cs file with another id (plaintext) is still C#.</summary>
    public static bool IsCSharp(string languageId, string uri) =>
        languageId is "csharp" or "cs" || uri.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
}
