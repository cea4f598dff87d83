// The VS Code side of NanoLsp: starts the server and shows what it says. No feature logic lives here
// (docs/architecture.md): hover, completion, code actions, diagnostics and inline completions all come
// from the server through vscode-languageclient.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  HoverRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { pickDiagnostic } from './diagnosticPick';
import { checkDotnetRuntime, installUrl } from './dotnetRuntime';
import { locateDotnet, nodeHost, serverEnvironment } from './dotnetLocator';
import { isResolveError, resolveServerCommand } from './serverCommand';
import { stderrClassifier } from './serverLog';
import { needsRestart, serverSettingsPayload } from './settings';
import { clientStateView, statusView, withWorkspaceStatus, type StatusView } from './statusText';

const section = 'nanolsp';
const modelStatusMethod = 'nanolsp/modelStatus';
const workspaceStatusMethod = 'nanolsp/workspaceStatus';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let lastModelStatus: unknown;
let lastWorkspaceStatus: unknown;

// Start, stop and restart run one after another: a restart while the server is still starting (or two
// quick restarts) must not leave two servers running, each answering every request.
let lifecycle: Promise<void> = Promise.resolve();
function serialized(step: () => Promise<void>): Promise<void> {
  const run = lifecycle.then(step, step);
  lifecycle = run.catch(() => undefined);
  return run;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('NanoLsp', { log: true });
  status = vscode.window.createStatusBarItem('nanolsp.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'NanoLsp';
  status.command = 'nanolsp.showOutput';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('nanolsp.restartServer', () => restart(context)),
    vscode.commands.registerCommand('nanolsp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nanolsp.toggleInlineCompletions', toggleInlineCompletions),
    vscode.commands.registerCommand('nanolsp.explainDiagnostic', explainDiagnostic),
    vscode.workspace.onDidChangeConfiguration(async event => {
      if (!event.affectsConfiguration(section)) return;
      if (needsRestart(s => event.affectsConfiguration(s))) {
        output.info('nanolsp.server.path changed: restarting the server.');
        await restart(context);
        return;
      }
      // A starting client sends it once started; a stopped one reads the settings again when it starts.
      await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: currentServerSettings() })
        .catch(error => output.warn(`Settings not sent: ${error instanceof Error ? error.message : String(error)}`));
      renderStatus();
    }),
  );
  await serialized(() => start(context));
}

export async function deactivate(): Promise<void> {
  await serialized(stop);
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(section);
}

function inlineEnabled(): boolean {
  return config().get<boolean>('inlineCompletion.enabled', true);
}

function currentServerSettings() {
  const c = config();
  return serverSettingsPayload(key => c.get(key));
}

function show(view: StatusView): void {
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.backgroundColor = view.level === 'normal' ? undefined
    : new vscode.ThemeColor(view.level === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
  status.show();
}

/** Tells the user why the server is not running: a notification with a way out, the output, the status bar. */
async function fail(message: string, install: boolean): Promise<void> {
  output.error(message);
  show(clientStateView('failed', message));
  const actions = install ? ['Install .NET 10', 'Show Output'] : ['Show Output'];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === 'Install .NET 10') await vscode.env.openExternal(vscode.Uri.parse(installUrl));
  else if (choice === 'Show Output') output.show(true);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  show(clientStateView('starting'));
  const host = nodeHost();
  const located = locateDotnet(host);
  const dotnet = located.command;
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = resolveServerCommand({
    configuredPath: config().get<string>('server.path'),
    extensionPath: context.extensionPath,
    workspaceFolder,
    dotnet,
    exists: file => fs.existsSync(file),
    searchPath: host.env.PATH ?? host.env.Path,
    pathExt: host.env.PATHEXT,
  });
  if (isResolveError(resolved)) {
    void fail(resolved.error, false);
    return;
  }
  if (resolved.needsDotnet) {
    const runtime = await checkDotnetRuntime(dotnet);
    if (!runtime.ok) {
      if (located.source === 'not found') output.info(`Looked for dotnet in: ${located.searched.join(', ')}`);
      void fail(runtime.message, true);
      return;
    }
    output.info(`Using .NET runtime ${runtime.version} (${dotnet}, found through ${located.source}).`);
  }
  output.info(`Starting the ${resolved.origin} server: ${resolved.command} ${resolved.args.join(' ')}`);

  // No `transport` here: with TransportKind.stdio the library appends its own --stdio, and the
  // server refuses a repeated argument. Pipes are the default transport of an Executable.
  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: resolved.args,
    options: { cwd: workspaceFolder, env: serverEnvironment(located, host) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'csharp' },
      { scheme: 'untitled', language: 'csharp' },
    ],
    // Read when initialize is sent, so a change made while the client starts is not lost.
    initializationOptions: () => currentServerSettings(),
    outputChannel: output,
    traceOutputChannel: output,
    stdioOptions: {
      stdout: () => { /* the LSP stream: read by the client, never printed */ },
      stderr: (input, channel) => {
        const levelOf = stderrClassifier();
        readline.createInterface({ input, crlfDelay: Infinity, terminal: false })
          .on('line', line => (levelOf(line) === 'trace' ? channel.trace(line) : channel.error(line)));
      },
    },
  };
  // The client id 'nanolsp' makes the library read nanolsp.trace.server for its message trace.
  const next = new LanguageClient(section, 'NanoLsp', serverOptions, clientOptions);
  next.onNotification(modelStatusMethod, (payload: unknown) => {
    lastModelStatus = payload;
    renderStatus();
  });
  next.onNotification(workspaceStatusMethod, (payload: unknown) => {
    lastWorkspaceStatus = payload;
    renderStatus();
  });
  next.onDidChangeState(event => {
    // 1 = Stopped in vscode-languageclient's State enum.
    if (event.newState === 1 && client === next) show(clientStateView('stopped'));
  });
  client = next;
  try {
    await next.start();
  } catch (error) {
    if (client === next) client = undefined;
    void fail(`The NanoLsp server did not start: ${error instanceof Error ? error.message : String(error)}`, false);
  }
}

/** The model's state, with a warning when the workspace loaded only in part. */
function renderStatus(): void {
  if (lastModelStatus === undefined && lastWorkspaceStatus === undefined) return;
  const base = lastModelStatus !== undefined ? statusView(lastModelStatus, inlineEnabled()) : clientStateView('starting');
  show(withWorkspaceStatus(base, lastWorkspaceStatus));
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  lastModelStatus = undefined;
  lastWorkspaceStatus = undefined;
  if (!running) return;
  try {
    await running.stop(5000);
  } catch (error) {
    output.info(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function restart(context: vscode.ExtensionContext): Promise<void> {
  return serialized(async () => {
    await stop();
    await start(context);
  });
}

async function toggleInlineCompletions(): Promise<void> {
  const next = !inlineEnabled();
  // Workspace setting when a folder is open, so the toggle does not leak into other projects.
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config().update('inlineCompletion.enabled', next, target);
  vscode.window.setStatusBarMessage(`NanoLsp inline completions ${next ? 'on' : 'off'}`, 3000);
}

/** Shows the server's hover explanation for the diagnostic at (or nearest on the line of) the cursor. */
async function explainDiagnostic(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('NanoLsp: open a C# file and put the cursor on a diagnostic.');
    return;
  }
  const cursor = editor.selection.active;
  const diagnostic = pickDiagnostic(vscode.languages.getDiagnostics(editor.document.uri), cursor);
  if (!diagnostic) {
    void vscode.window.showInformationMessage('NanoLsp: no diagnostic on the cursor\'s line.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('NanoLsp: the server is not running (see the output).');
    return;
  }
  // The server's hover explains the diagnostics under the caret (Features/Hover): ask it there.
  const position = diagnostic.range.contains(cursor) ? cursor : diagnostic.range.start;
  const hover = await client.sendRequest(HoverRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: { line: position.line, character: position.character },
  });
  if (!hover) {
    void vscode.window.showInformationMessage(`NanoLsp has no explanation for ${String(diagnostic.code ?? 'this diagnostic')}.`);
    return;
  }
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position));
  await vscode.commands.executeCommand('editor.action.showHover');
}
