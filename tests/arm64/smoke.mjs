// Starts the linux-arm64 server (a self-contained publish) under qemu-aarch64 and checks what a user
// gets first: --version, an LSP initialize answer, and the model loaded by ONNX Runtime's arm64
// library. Times each; prints "arm64: N passed, M failed".
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import lsp from 'vscode-languageserver-protocol/node';
import { checkServerTree } from '../../scripts/packaging/checkServer.mjs';
import { treeFromDir } from '../../scripts/packaging/packageTree.mjs';

const { createMessageConnection, InitializedNotification, InitializeRequest, StreamMessageReader, StreamMessageWriter } = lsp;
const dir = resolve(process.argv[2]);
const qemu = ['-L', '/usr/aarch64-linux-gnu', join(dir, 'NanoLsp')];
// No arm64 ICU is installed for the emulator; the server needs no culture data.
const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
};
const seconds = since => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// The self-contained publish carries the arm64 runtime too: every native in it must be arm64 ELF.
const problems = checkServerTree('linux-arm64', treeFromDir(dir));
check('the publish holds only linux arm64 natives, the model and ONNX Runtime', problems.length === 0, problems.join('; '));

let started = Date.now();
try {
  const version = execFileSync('qemu-aarch64', [...qemu, '--version'], { env, encoding: 'utf8', timeout: 300_000 }).trim();
  check('--version under qemu-aarch64', /^NanoLsp \d/.test(version), `${version}, ${seconds(started)}`);
} catch (error) {
  check('--version under qemu-aarch64', false, error.message.split('\n')[0]);
}

started = Date.now();
const server = spawn('qemu-aarch64', [...qemu, '--stdio'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const statuses = [];
connection.onNotification('nanolsp/modelStatus', payload => statuses.push(payload));
connection.listen();
const exited = new Promise((_, reject) => server.on('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code})`))));
const deadline = ms => Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms))]);
try {
  const init = await Promise.race([
    connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null }),
    deadline(600_000),
  ]);
  check('initialize answered', Boolean(init?.capabilities), seconds(started));
  await connection.sendNotification(InitializedNotification.type, {});
  const loaded = await Promise.race([
    new Promise(done => { const t = setInterval(() => { const s = statuses.find(x => x?.state !== 'loading'); if (s) { clearInterval(t); done(s); } }, 100); }),
    deadline(600_000),
  ]);
  check('the model is ready (ONNX Runtime arm64 loaded it)', loaded.state === 'ready', `${JSON.stringify(loaded).slice(0, 200)}, ${seconds(started)}`);
  await Promise.race([connection.sendRequest('shutdown'), deadline(60_000)]);
  await connection.sendNotification('exit');
} catch (error) {
  check('the server answered under emulation', false, error.message);
}
connection.dispose();
server.kill();
console.log(`arm64: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
