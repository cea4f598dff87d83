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

  it('EngineIsTheOldestVsCodeTheLanguageClientSupports', () => {
    // vscode-languageclient (and its inline-completion feature) states the VS Code it needs; promising
    // an older one would install where the client cannot run, a newer one would shut users out.
    const main = require.resolve('vscode-languageclient');
    const client = JSON.parse(fs.readFileSync(path.join(main.slice(0, main.lastIndexOf('vscode-languageclient') + 'vscode-languageclient'.length), 'package.json'), 'utf8'));
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
  });

  it('MarketplacePageHasIconReadmeChangelogLicenceAndKeywords', () => {
    const icon = fs.readFileSync(path.join(root, manifest.icon));
    // A PNG (the Marketplace refuses SVG icons) of at least 128 x 128 pixels.
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(128);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(128);
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE.txt']) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    expect(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## ${manifest.version}`);
    expect(manifest.keywords.length).toBeGreaterThan(0);
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    expect(manifest.categories).toContain('Programming Languages');
  });

  it('ReadmeImagesExistAndAreSmall', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      expect(fs.existsSync(path.join(root, image)), image).toBe(true);
      expect(fs.statSync(path.join(root, image)).size, image).toBeLessThan(300_000);
    }
  });
});

