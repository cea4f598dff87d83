// The real server, started as the extension starts it, fed the settings the extension sends: the
// client/server contract (settings shape, nanolsp/modelStatus) checked end to end without VS Code.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  DidChangeConfigurationNotification,
  InitializedNotification,
  InitializeRequest,
  type MessageConnection,
  ShowMessageNotification,
  type ShowMessageParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { locateDotnet, nodeHost, serverEnvironment } from '../src/dotnetLocator';
import { isResolveError, resolveServerCommand } from '../src/serverCommand';
import { serverSettingsPayload } from '../src/settings';
import { statusView } from '../src/statusText';

const repo = path.resolve(__dirname, '..', '..');
// The published server (npm run build) or the Release build scripts/test.sh makes before this suite.
const candidates = [path.join(repo, 'vscode-extension', 'server', 'NanoLsp.dll'), path.join(repo, 'src', 'NanoLsp', 'bin', 'Release', 'net10.0', 'NanoLsp.dll')];
// The newer of the two, so a stale publish does not hide a server change.
const serverDll = candidates.filter(f => fs.existsSync(f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];

let server: ChildProcess;
let connection: MessageConnection;
const messages: ShowMessageParams[] = [];
const statuses: unknown[] = [];

function waitFor<T>(check: () => T | undefined, what: string, ms = 60000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const found = check();
      if (found !== undefined) { clearInterval(timer); resolve(found); }
      else if (Date.now() - started > ms) { clearInterval(timer); reject(new Error(`timed out waiting for ${what}`)); }
    }, 50);
  });
}

beforeAll(async () => {
  if (!serverDll) throw new Error(`No built server: run "npm run build" or "dotnet build src/NanoLsp -c Release" first (looked for ${candidates.join(', ')}).`);
  // Located and started with the environment the extension gives the server.
  const host = nodeHost();
  const dotnet = locateDotnet(host);
  const command = resolveServerCommand({ configuredPath: serverDll, extensionPath: repo, dotnet: dotnet.command, exists: fs.existsSync });
  if (isResolveError(command)) throw new Error(command.error);
  server = spawn(command.command, command.args, { stdio: ['pipe', 'pipe', 'ignore'], env: serverEnvironment(dotnet, host) });
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onNotification(ShowMessageNotification.type, p => { messages.push(p); });
  connection.onNotification('nanolsp/modelStatus', (p: unknown) => { statuses.push(p); });
  connection.listen();
  // What VS Code would send: the server's settings, with a changed maxLength among them.
  const values: Record<string, unknown> = { 'inlineCompletion.enabled': true, 'inlineCompletion.maxLength': 120, 'model.path': '', logLevel: 'info' };
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null,
    initializationOptions: serverSettingsPayload(k => values[k]),
  });
  await connection.sendNotification(InitializedNotification.type, {});
}, 90000);

afterAll(async () => {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } catch {
    // already gone
  }
  connection?.dispose();
  server?.kill();
});

describe('the real server with the extension settings', () => {
  it('ShippedModelReportsReadyAndTheStatusBarSaysSo', async () => {
    const ready = await waitFor(() => statuses.find(s => (s as { state?: string }).state !== 'loading'), 'a model status past loading');
    expect((ready as { state: string }).state).toBe('ready');
    expect(statusView(ready).text).toContain('NanoLsp');
    expect(statusView(ready).level).toBe('normal');
  }, 90000);

  it('TheWholeVsCodeSectionIsAcceptedWithoutWarnings', async () => {
    // languageclient answers workspace/configuration with the whole section, editor-only keys included.
    await connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { nanolsp: { server: { path: '' }, trace: { server: 'off' }, inlineCompletion: { maxLength: 200 } } },
    });
    // A bad value right after is reported: proof that the first one would have been, had it been refused.
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { nanolsp: { inlineCompletion: { maxLength: 0 } } } });
    const warning = await waitFor(() => messages.find(m => m.message.includes('maxLength')), 'the maxLength warning', 20000);
    expect(warning.message).toContain('1 to 10000');
    expect(messages.filter(m => /server\.path|trace\.server|Unknown setting/.test(m.message))).toEqual([]);
  }, 30000);
});
