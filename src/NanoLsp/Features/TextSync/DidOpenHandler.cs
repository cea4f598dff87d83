using NanoLsp.Protocol;
using NanoLsp.Server;

namespace NanoLsp.Features.TextSync;

public sealed class DidOpenHandler(ServerServices services) : INotificationHandler<DidOpenTextDocumentParams>, ICapabilityProvider
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
            services.Logger.Debug($"Not C# ({item.LanguageId}): {item.Uri} is not tracked.");
            return Task.CompletedTask;
        }
        services.Workspace.Open(item.Uri, item.Text, item.Version);
        // Diagnostics right away on open, not only after the first edit.
        services.Diagnostics.Schedule(item.Uri, TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <summary>VS Code says csharp, some clients say cs; a .cs file with another id (plaintext) is still C#.</summary>
    public static bool IsCSharp(string languageId, string uri) =>
        languageId is "csharp" or "cs" || uri.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
}
