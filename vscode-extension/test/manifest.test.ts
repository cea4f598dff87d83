import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// The manifest and the code must agree: a command in the palette that nothing registers fails only
// when a user runs it, and VS Code does not check.
const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');

describe('manifest', () => {
  it('EveryContributedCommandIsRegisteredAndViceVersa', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map(m => m[1]).sort();
    expect(registered).toEqual(contributed);
    expect(contributed).toEqual(['nanolsp.explainDiagnostic', 'nanolsp.restartServer', 'nanolsp.showOutput', 'nanolsp.toggleInlineCompletions']);
  });

  it('ActivatesOnCSharpFilesAndProjects', () => {
    expect(manifest.activationEvents).toContain('onLanguage:csharp');
    expect(manifest.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('.csproj'))).toBe(true);
  });

  it('EngineIsOldEnoughForCodeServerAndTheTypesMatchIt', () => {
    // vsce refuses a package whose @types/vscode is newer than engines.vscode.
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    const types = manifest.devDependencies['@types/vscode'];
    expect(types.split('.').slice(0, 2).join('.')).toBe(engine.split('.').slice(0, 2).join('.'));
    expect(Number(engine.split('.')[1])).toBeLessThanOrEqual(139);
  });
});
