// What a user does in VS Code's window, through the keyboard and VS Code's own DOM (the class names are
// those of VS Code 1.139's workbench and Monaco editor).
import { waitUntil } from './session.mjs';

/** Runs a command through the command palette, as a user would when no key is bound. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  // The row whose label is exactly the title: fuzzy matching ranks others ("File: Save As...") alike.
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Opens a workspace file by clicking through the Explorer and waits until its editor is the active one.
 * (Quick Open would do, but its file search answered only after ~20 s on the 2-core machine.)
 */
export async function openFile(page, relativePath) {
  const parts = relativePath.split('/');
  const name = parts.at(-1);
  const tab = page.locator('.tab', { hasText: name });
  if (await tab.count() > 0) {
    await tab.first().click();
  } else {
    await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
    for (const [i, part] of parts.entries()) {
      const row = page.locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${part.replace(/\./g, '\\.')}$`) }) }).first();
      await row.waitFor({ timeout: 30_000 });
      const isFolder = i < parts.length - 1;
      if (!isFolder)
        await row.dblclick(); // a pinned editor, not a preview the next open would replace
      else if (await row.getAttribute('aria-expanded') !== 'true')
        await row.click();
    }
  }
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
  await activeEditor(page).locator('.view-lines').waitFor({ timeout: 20_000 });
  await activeEditor(page).click({ position: { x: 200, y: 10 } }).catch(() => {}); // keyboard focus in the text
}

/** The editor of the active group (a hover or a widget of another editor must not match). */
export function activeEditor(page) {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Moves the caret with Go to Line (Ctrl+G): line and column are one-based, as VS Code shows them. */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`); // the ':' keeps Quick Open in its go-to-line mode
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await waitUntil(async () => (await cursorPosition(page))?.line === line, 5_000, `the caret on line ${line}`);
}

/** The caret position from the status bar ("Ln 35, Col 26"). */
export async function cursorPosition(page) {
  const text = await page.locator('#status\\.editor\\.selection').innerText({ timeout: 2_000 }).catch(() => '');
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/** The text the editor renders on a one-based line, read from the DOM (the line must be in view). */
export async function renderedLine(page, line) {
  const editor = activeEditor(page);
  return editor.evaluate((root, wanted) => {
    // Line numbers and view lines are separate layers positioned at the same top offset.
    const number = [...root.querySelectorAll('.margin-view-overlays .line-numbers')]
      .find(n => n.textContent.trim() === String(wanted));
    if (!number) return null;
    const top = number.closest('[style*="top"]')?.style.top;
    const view = [...root.querySelectorAll('.view-lines .view-line')].find(v => v.style.top === top);
    return view ? view.textContent.replace(/\u00a0/g, ' ') : null;
  }, line);
}

/** The rendered lines of the active editor that read `text`, whatever their line number (an edit elsewhere may move
 * them); leading and trailing blanks aside. VS Code renders spaces as no-break spaces, which \s matches. */
export function lineReading(page, text) {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
  return activeEditor(page).locator('.view-line').filter({ hasText: new RegExp(`^\\s*${pattern}\\s*$`) });
}

/** The status bar's problem counts ("2 errors, 1 warning" from its accessible label). */
export async function problemCounts(page) {
  const label = await page.locator('#status\\.problems a, #status\\.problems').first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
  const text = label ?? await page.locator('#status\\.problems').innerText({ timeout: 2_000 }).catch(() => '');
  const errors = /(\d+)\s*Error/i.exec(text) ?? /Errors?:\s*(\d+)/i.exec(text);
  const warnings = /(\d+)\s*Warning/i.exec(text) ?? /Warnings?:\s*(\d+)/i.exec(text);
  return { errors: errors ? Number(errors[1]) : null, warnings: warnings ? Number(warnings[1]) : null, text };
}
