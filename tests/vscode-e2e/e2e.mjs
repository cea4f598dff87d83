// The NanoLsp extension in a real VS Code (code-server + chromium): open the sample project, see the
// server's diagnostics, read a hover's explanation, apply a quick fix, save an edit of the project file and see
// its effect after the reload, accept the nano model's ghost text with Tab, accept items of the completion list
// (one whose using comes with resolve). One count per step; a screenshot of each step under artifacts/vscode-e2e/.
// Usage: node e2e.mjs [VSIX]   (run.sh installs everything and finds the .vsix first)
import { cpSync, mkdirSync, readFileSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hopeless, Session, waitUntil } from './lib/session.mjs';
import { activeEditor, goTo, lineReading, openFile, problemCounts, renderedLine, runCommand } from './lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'artifacts', 'vscode-e2e');
const vsix = process.argv[2] ?? process.env.NANOLSP_VSIX;
if (!vsix || !existsSync(vsix)) {
  console.error(`vscode-e2e: no .vsix given or found (${vsix ?? 'none'}); run tests/vscode-e2e/run.sh`);
  console.log('vscode-e2e: 0 passed, 1 failed');
  process.exit(1);
}

// The sample's planted mistakes (samples/Inventory, also what the Driver's demo shows) and the spot
// where the shipped model reliably completes a member name: found by their text, not line numbers.
const serviceFile = 'Services/InventoryService.cs';
const missingUsing = 'new StringBuilder()';
const stockFile = 'Models/StockItem.cs';
const ghostLine = 'public decimal Value => Product.UnitPrice * Quantity;';
const ghostMember = 'UnitPrice';      // typed a letter at a time after "Product." until the model offers the rest
const ghostLetters = 2;               // the model offers it by "Un" at the latest (often already at "U")

const session = new Session();
const workspace = join(session.dir, 'Inventory');
let page;
let errorAt; // where step 2 found the planted error: { line, column }

const steps = [
  ['opens the project; the status bar shows the server with its model ready', openProject],
  ['shows the planted CS0246 error in the editor and the Problems panel', seeDiagnostics],
  ['hover on the error explains it in plain words with the fixes', hoverExplains],
  ['the quick fix "using System.Text;" adds the using and clears the error', applyQuickFix],
  ['an error typed inside a method body shows in the Problems panel, and leaves when the line is deleted', errorTypedInBody],
  ['the project file edited and saved: after the reload the code it switches on is checked, with no edit of that code', projectFileSaved],
  ['typing shows the model\'s ghost text and Tab accepts it', acceptGhostText],
  ['the completion list: a member after \'.\' is inserted, and a type of a namespace not imported brings its using', completionList],
];

async function openProject() {
  // Sources only: the copy is restored and loaded by the server, as a user's fresh clone would be.
  cpSync(join(root, 'samples', 'Inventory'), workspace, { recursive: true, filter: p => !/[\\/](bin|obj)$/.test(p) });
  session.installExtension(resolve(vsix));
  page = await session.open(workspace);
  await openFile(page, serviceFile);
  // '$(sparkle) NanoLsp' once the model is ready; loading and starting show a spinner instead.
  const item = page.locator('.statusbar-item', { hasText: 'NanoLsp' });
  await item.first().waitFor({ timeout: 60_000 });
  await waitUntil(async () => {
    const failed = item.filter({ has: page.locator('.codicon-error') });
    if (await failed.count())
      throw new Hopeless(`the status bar says the server failed: "${await failed.first().getAttribute('aria-label')}"`);
    return item.locator('.codicon-sparkle').count();
  }, 120_000, 'the NanoLsp status bar item to show the model ready');
}

async function seeDiagnostics() {
  const { line, column } = locate(serviceFile, missingUsing, 'StringBuilder');
  errorAt = { line, column };
  await goTo(page, line, column);
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: 90_000 });
  const counts = await waitUntil(async () => { const c = await problemCounts(page); return c.errors >= 1 && c; }, 30_000, 'the status bar to count errors');
  const text = await problemsRow('StringBuilder', 'CS0246', 20_000);
  return `${counts.errors} errors in the status bar; Problems: ${text}`;
}

async function hoverExplains() {
  await openFile(page, serviceFile);
  await goTo(page, errorAt.line, errorAt.column);
  // The mouse on the squiggle under the caret, as a user hovers it.
  // (page.mouse, not locator.hover: the squiggle lies in a layer under the text, which takes the events.)
  const box = await (await squiggleAtCaret()).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
  const hover = page.locator('.monaco-hover:not(.hidden) .markdown-hover', { hasText: 'is not known here' }).first();
  await hover.waitFor({ timeout: 30_000 });
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  for (const part of ['CS0246', 'StringBuilder', 'using System.Text;'])
    if (!text.includes(part)) throw new Error(`the hover lacks "${part}": ${text}`);
  return text.slice(0, 160);
}

async function applyQuickFix() {
  await page.keyboard.press('Escape');
  await goTo(page, errorAt.line, errorAt.column);
  const action = page.locator('.action-widget .monaco-list-row', { hasText: 'using System.Text;' }).first();
  // Since the first answers come from the provisional solution, the Quick Fix widget sometimes never opened on the
  // first Ctrl+. (about 1 run in 2; the server had answered the request, with the fix, in 2.5 s): ask again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await action.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
      await goTo(page, errorAt.line, errorAt.column);
    }
  }
  await screenshot('04-quick-fix-menu');
  await action.click();
  const file = join(workspace, serviceFile);
  // The edit comes after codeAction/resolve: a save made before it lands writes the file without it (seen when the
  // server was busy swapping in the loaded workspace). Save until the file on disk has it.
  await waitUntil(async () => {
    await save();
    return /^using System\.Text;/m.test(readFileSync(file, 'utf8'));
  }, 30_000, `"using System.Text;" in ${serviceFile} on disk`);
  // The server re-checks the edited document: the error on StringBuilder goes away.
  const { line, column } = locate(serviceFile, missingUsing, 'StringBuilder');
  await goTo(page, line, column);
  await waitUntil(async () => !(await squiggleAtCaret().then(() => true, () => false)), 30_000, 'the StringBuilder squiggle to clear');
  await waitUntil(async () => await page.locator('.markers-panel .monaco-list-row', { hasText: 'CS0246' }).count() === 0,
    30_000, 'CS0246 to leave the Problems panel');
  // For the screenshot: the whole editor from the top, the added using and the repaired line together.
  await runCommand(page, 'View: Hide Panel');
  await goTo(page, 1, 1);
  return 'first using lines on disk: ' + readFileSync(file, 'utf8').split('\n').filter(l => l.startsWith('using ')).join(' ');
}

async function errorTypedInBody() {
  // Inside Report()'s body, below the repaired line: a declaration-free edit, which VS Code's pulls (with the last
  // report's result id) must see. Escape before the parentheses: no completion item may be committed by them.
  await openFile(page, serviceFile);
  const { line } = locate(serviceFile, missingUsing, 'StringBuilder');
  await goTo(page, line, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Undefined', { delay: 30 });
  await page.keyboard.press('Escape');
  await page.keyboard.type('();');
  const text = await problemsRow('Undefined', 'CS0103', 30_000);
  await screenshot('04-error-typed-in-body');
  // The typed line deleted (Ctrl+Shift+K): the error leaves the panel, and the file is as it was on disk.
  await goTo(page, line + 1, 1);
  await page.keyboard.press('Control+Shift+K');
  await waitUntil(async () => await page.locator('.markers-panel .monaco-list-row', { hasText: 'Undefined' }).count() === 0,
    30_000, 'CS0103 on Undefined to leave the Problems panel');
  await save();
  await runCommand(page, 'View: Hide Panel');
  return `Problems: ${text}`;
}

async function projectFileSaved() {
  // Code inside Report() that only compiles with a constant the project does not define yet: inactive, no error.
  await openFile(page, serviceFile);
  const { line } = locate(serviceFile, missingUsing, 'StringBuilder');
  await goTo(page, line, 1);
  for (const text of ['#if E2E_RELOAD', 'ReloadedOnly();', '#endif']) {
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Escape');
  }
  await save();
  // The project file edited and saved in VS Code: its file watcher tells the server, which reloads the workspace.
  await openFile(page, 'Inventory.csproj');
  const at = locate('Inventory.csproj', '<Nullable>', '<Nullable>');
  await goTo(page, at.line, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('<DefineConstants>$(DefineConstants);E2E_RELOAD</DefineConstants>');
  await save();
  // No edit of the .cs file after the save: the server asks VS Code to pull again once the reloaded project is served
  // (until 2026-12-06 only the first load did, and VS Code kept the diagnostics of the project before).
  const text = await problemsRow('ReloadedOnly', 'CS0103', 90_000);
  await screenshot('04-project-file-saved');
  // Both files as they were: the define's line and the three lines deleted (Ctrl+Shift+K), each saved.
  await goTo(page, at.line + 1, 1);
  await page.keyboard.press('Control+Shift+K');
  await save();
  await openFile(page, serviceFile);
  await goTo(page, line + 1, 1);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+K');
  await save();
  await runCommand(page, 'View: Hide Panel');
  return `Problems: ${text}`;
}

async function acceptGhostText() {
  await openFile(page, stockFile);
  const { line, column } = locate(stockFile, ghostLine, 'Product.');
  const start = column + 'Product.'.length;
  // Delete the rest of the line after "Product." and type the member's first letters one at a time, as a user
  // does, taking the ghost text with Tab as soon as it offers the rest of the name. Not a fixed number of letters:
  // a suggestion shown and then typed into instead of taken is a decline, and the server stays silent along it
  // (docs/inline-completion.md), so typing on past a right suggestion would hide it.
  await goTo(page, line, start);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  // The inline part of the ghost text: VS Code renders it after the caret on the caret's line.
  const ghost = activeEditor(page).locator('.ghost-text-decoration');
  const ghostAfter = typed => async () => {
    const text = (await ghost.allInnerTexts()).join('').replace(/\u00a0/g, ' ');
    return text.startsWith(ghostMember.slice(typed.length)) && text;
  };
  let typed = '', shown = null;
  while (!shown && typed.length < ghostLetters) {
    typed += ghostMember[typed.length];
    await page.keyboard.type(typed.slice(-1));
    shown = await waitUntil(ghostAfter(typed), typed.length === ghostLetters ? 15_000 : 4_000, 'automatic ghost text').catch(() => null);
  }
  let how = `shown after typing "${typed}"`;
  // Under load VS Code sometimes showed nothing (2 of 13 runs on the shared 2-core machine); the test then
  // deletes the last letter and types it again, as a user would, and says so (taking the ghost text at the
  // shorter word if it comes there).
  if (!shown) {
    console.log(`  warning: no ghost text 15 s after typing "Product.${typed}"; status bar: ${await statusLabel()}; retyping "${typed.slice(-1)}"`);
    await page.keyboard.press('Backspace');
    shown = await waitUntil(ghostAfter(typed.slice(0, -1)), 4_000, 'ghost text').catch(() => null);
    if (shown) {
      typed = typed.slice(0, -1);
    } else {
      await page.keyboard.type(typed.slice(-1));
      shown = await waitUntil(ghostAfter(typed), 20_000, `ghost text finishing "${ghostMember}" after "Product.${typed}"`).catch(async e => {
        throw new Error(`${e.message}\nstatus bar: ${await statusLabel()}`);
      });
    }
    how = `NOT shown within 15 s; shown after retyping, at "${typed}"`;
  }
  await screenshot('05-ghost-text-shown');
  await page.keyboard.press('Tab');
  // Tab inserts exactly what was shown: the line is the typed prefix plus the ghost text, nothing else.
  const lines = readFileSync(join(workspace, stockFile), 'utf8').split('\n');
  const expected = lines[line - 1].slice(0, start - 1) + typed + shown;
  await waitUntil(async () => (await renderedLine(page, line))?.trimEnd() === expected.trimEnd(), 10_000, `line ${line} to read "${expected.trim()}"`);
  await waitUntil(() => ghost.count().then(n => n === 0), 10_000, 'the ghost text to be gone once accepted');
  await save();
  const saved = await waitUntil(() => {
    const l = readFileSync(join(workspace, stockFile), 'utf8').split('\n')[line - 1];
    return l.trimEnd() === expected.trimEnd() && l;
  }, 10_000, `line ${line} of ${stockFile} on disk to read "${expected.trim()}"`);
  return `ghost text "${shown}" (${how}); after Tab: "${saved.trim()}"`;
}

async function completionList() {
  await openFile(page, stockFile);
  const { line } = locate(stockFile, 'Quantity -= units;', 'Quantity');
  const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
  // A new line after it: the list after "Quantity." (an int's members), asked for as Ctrl+Space asks (the settings
  // keep the widget from opening by itself: it would take the ghost text's Tab).
  await goTo(page, line, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Quantity.');
  const member = await openSuggest(rows, 'ToString');
  const first = (await rows.first().innerText()).replace(/\s+/g, ' ').trim();
  await page.keyboard.type('ToStr');
  await rows.filter({ hasText: 'ToString' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await lineReading(page, 'Quantity.ToString').first().waitFor({ timeout: 10_000 });
  // A type of a namespace the file does not import: the name goes in, and its using comes with completionItem/resolve.
  await page.keyboard.press('End');
  await page.keyboard.type('();');
  await page.keyboard.press('Enter');
  await page.keyboard.type('var text = new StringBu');
  const type = await openSuggest(rows, 'StringBuilder');
  await rows.filter({ hasText: 'StringBuilder' }).first().click();
  await lineReading(page, 'var text = new StringBuilder').first().waitFor({ timeout: 10_000 });
  await page.keyboard.type('();');
  const file = join(workspace, stockFile);
  await waitUntil(async () => {
    await save();
    return /^using System\.Text;/m.test(readFileSync(file, 'utf8'));
  }, 30_000, `"using System.Text;" in ${stockFile} on disk (the accepted item's additional edit)`);
  return `after '.': ${member} items, the first "${first}"; at "new StringBu": ${type} items; on disk: ` +
    readFileSync(file, 'utf8').split('\n').filter(l => l.startsWith('using ') || /Quantity\.ToString|StringBuilder/.test(l)).map(l => l.trim()).join(' | ');
}

/** Ctrl+Space until the suggest widget lists `label` (a list asked while the server is busy may come empty); its row count. */
async function openSuggest(rows, label) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Space');
    try {
      await rows.filter({ hasText: label }).first().waitFor({ timeout: 15_000 });
      return await rows.count();
    } catch (e) {
      if (attempt === 3) throw new Error(`the suggest widget never listed "${label}": ${e.message}`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens the Problems panel and waits for the row that names `name`; it must carry `code`. Returns its text. */
async function problemsRow(name, code, timeout) {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout });
  const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
  if (!text.includes(code)) throw new Error(`the Problems row for ${name} lacks its code ${code}: ${text}`);
  return text;
}

/** The NanoLsp status item's accessible label: its text, the model state, the last latency. */
async function statusLabel() {
  return page.locator('.statusbar-item', { hasText: 'NanoLsp' }).last().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
}

/** File: Save through the command palette (Ctrl+S did not reach VS Code in headless chromium). */
async function save() {
  await runCommand(page, 'File: Save');
}

/** The error squiggle whose span holds the caret's column: found by geometry, as decorations carry no range. */
async function squiggleAtCaret() {
  const editor = activeEditor(page);
  const cursor = await editor.locator('.cursor').first().boundingBox();
  const squiggles = editor.locator('.squiggly-error');
  for (let i = 0; i < await squiggles.count(); i++) {
    const box = await squiggles.nth(i).boundingBox();
    if (box && cursor && Math.abs(box.y + box.height / 2 - (cursor.y + cursor.height / 2)) < cursor.height && box.x <= cursor.x + 1 && cursor.x <= box.x + box.width)
      return squiggles.nth(i);
  }
  throw new Error('no error squiggle at the caret');
}

/** One-based line and column of `part` within the first line of relativePath that contains `text`. */
function locate(relativePath, text, part) {
  const lines = readFileSync(join(workspace, relativePath), 'utf8').split('\n');
  const index = lines.findIndex(l => l.includes(text));
  if (index < 0) throw new Error(`${relativePath} no longer contains "${text}": the test's fixture changed`);
  return { line: index + 1, column: lines[index].indexOf(text) + text.indexOf(part) + 1 };
}

async function screenshot(name) {
  if (!page) return null;
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path }).catch(e => console.log(`  (screenshot failed: ${e.message})`));
  console.log(`  screenshot: ${path}`);
  return path;
}

/** The extension's output channel and the server's log, from the logs VS Code keeps in its user-data folder. */
function dumpLogs() {
  const found = [];
  const walk = dir => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/nanolsp/i.test(name) && name.endsWith('.log')) found.push(path);
    }
  };
  walk(join(session.userData, 'logs'));
  for (const path of found) {
    const text = readFileSync(path, 'utf8');
    console.log(`---- ${path} (last 60 lines)\n${text.split('\n').slice(-60).join('\n')}`);
  }
  if (found.length === 0) console.log('---- no NanoLsp log found; code-server said:\n' + session.logText.split('\n').slice(-40).join('\n'));
}

rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const clock = Date.now();
let passed = 0, failed = 0, blocked = false;
try {
  for (const [index, [name, run]] of steps.entries()) {
    const label = `${String(index + 1).padStart(2, '0')}-${run.name.replace(/[A-Z]/g, c => '-' + c.toLowerCase())}`;
    if (blocked) {
      failed++;
      console.log(`not run: ${name} (VS Code or the server did not come up)`);
      continue;
    }
    const started = Date.now();
    try {
      const detail = await run();
      passed++;
      console.log(`ok: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `\n  ${detail}` : ''}`);
    } catch (e) {
      failed++;
      console.log(`FAILED: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n  ${e.message.split('\n').join('\n  ')}`);
      if (index === 0) blocked = true;
    }
    await screenshot(label);
  }
  if (failed > 0) dumpLogs();
} finally {
  await session.close();
  if (failed === 0) session.removeFiles();
  else console.log(`kept for inspection: ${session.dir} (code-server log: ${session.log})`);
}
console.log(`wall time ${((Date.now() - clock) / 1000).toFixed(0)} s`);
console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
