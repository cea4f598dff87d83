namespace NanoLsp.Protocol;

/// <summary>Every LSP method name NanoLsp sends or handles, in one place.</summary>
public static class LspMethods
{
    // Lifecycle
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string CancelRequest = "$/cancelRequest";
    public const string Progress = "$/progress";
    public const string SetTrace = "$/setTrace";

    // Window and client
    public const string WindowLogMessage = "window/logMessage";
    public const string WindowShowMessage = "window/showMessage";
    public const string WindowWorkDoneProgressCreate = "window/workDoneProgress/create";
    public const string ClientRegisterCapability = "client/registerCapability";

    // Workspace
    public const string WorkspaceDidChangeConfiguration = "workspace/didChangeConfiguration";
    public const string WorkspaceDidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string WorkspaceDidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";
    public const string WorkspaceConfiguration = "workspace/configuration";
    public const string WorkspaceDiagnosticRefresh = "workspace/diagnostic/refresh";

    // Text synchronisation
    public const string TextDocumentDidOpen = "textDocument/didOpen";
    public const string TextDocumentDidChange = "textDocument/didChange";
    public const string TextDocumentDidClose = "textDocument/didClose";
    public const string TextDocumentDidSave = "textDocument/didSave";

    // Language features
    public const string TextDocumentPublishDiagnostics = "textDocument/publishDiagnostics";
    public const string TextDocumentDiagnostic = "textDocument/diagnostic";
    public const string TextDocumentHover = "textDocument/hover";
    public const string TextDocumentDocumentHighlight = "textDocument/documentHighlight";
    public const string TextDocumentCodeAction = "textDocument/codeAction";
    public const string CodeActionResolve = "codeAction/resolve";
    public const string TextDocumentCompletion = "textDocument/completion";
    public const string CompletionItemResolve = "completionItem/resolve";
    public const string TextDocumentInlineCompletion = "textDocument/inlineCompletion";

    // NanoLsp's own (documented in docs/protocol.md)
    public const string NanoInlineCompletion = "nanolsp/inlineCompletion";
    public const string NanoModelStatus = "nanolsp/modelStatus";
    public const string NanoWorkspaceStatus = "nanolsp/workspaceStatus";
}
