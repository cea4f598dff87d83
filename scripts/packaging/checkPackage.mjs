// Checks a built package (.vsix or the dotnet tool's .nupkg) for its platform: the extension's own
// files, then its server folder with checkServer.mjs. Returns problems as sentences, [] when fine.
import { checkServerTree } from './checkServer.mjs';
import { subtree, treeFromZip } from './packageTree.mjs';
import { platformOf } from './platforms.mjs';

const text = entry => Buffer.from(entry.head).toString('utf8');

/** A per-target .vsix: manifest, bundle, the target in its vsixmanifest, and the server. */
export async function checkVsix(file, rid, natives) {
  const tree = await treeFromZip(file);
  const { target } = platformOf(rid);
  const problems = [];
  // vsce stores README.md and CHANGELOG.md under lower-case names; the Marketplace reads those.
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/icon.png', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) {
    if (!tree.has(needed)) problems.push(`${needed} is missing`);
  }
  const manifest = tree.get('extension.vsixmanifest');
  if (!manifest) problems.push('extension.vsixmanifest is missing');
  else if (!text(manifest).includes(`TargetPlatform="${target}"`)) problems.push(`extension.vsixmanifest does not name the target ${target}`);
  for (const name of tree.keys()) {
    if (name.startsWith('extension/node_modules/')) { problems.push('node_modules went into the package (the bundle holds the dependencies)'); break; }
  }
  problems.push(...checkServerTree(rid, subtree(tree, 'extension/server/'), natives));
  return problems;
}

/** A RID-specific tool package (NanoLsp.<rid>): its type, and the server under tools/net10.0/<rid>/ only. */
export async function checkToolPackage(file, rid, natives) {
  const tree = await treeFromZip(file);
  const problems = [];
  const nuspec = tree.get(`NanoLsp.${rid}.nuspec`);
  if (!nuspec) problems.push(`NanoLsp.${rid}.nuspec is missing`);
  else if (!text(nuspec).includes('DotnetToolRidPackage')) problems.push(`NanoLsp.${rid}.nuspec is not a DotnetToolRidPackage`);
  const prefix = `tools/net10.0/${rid}/`;
  const outside = new Map();
  for (const name of tree.keys()) {
    if (!name.startsWith('tools/') || name.startsWith(prefix)) continue;
    const folder = name.split('/').slice(0, 3).join('/');
    outside.set(folder, (outside.get(folder) ?? 0) + 1);
  }
  for (const [folder, count] of outside) problems.push(`${folder}/ (${count} files) lies outside ${prefix}`);
  const server = subtree(tree, prefix);
  if (!server.has('DotnetToolSettings.xml')) problems.push(`${prefix}DotnetToolSettings.xml is missing`);
  problems.push(...checkServerTree(rid, server, natives));
  return problems;
}

/** The outer NanoLsp package: no server of its own, one RID package per platform. */
export async function checkToolPointer(file, rids) {
  const tree = await treeFromZip(file);
  const settings = tree.get('tools/net10.0/any/DotnetToolSettings.xml') ?? tree.get('tools/any/any/DotnetToolSettings.xml');
  if (!settings) return ['the outer package has no DotnetToolSettings.xml'];
  const listed = [...text(settings).matchAll(/RuntimeIdentifier="([^"]+)"/g)].map(m => m[1]).sort();
  const problems = [];
  if (listed.join(',') !== [...rids].sort().join(',')) problems.push(`the outer package lists ${listed.join(', ') || 'no RID'}, expected ${[...rids].sort().join(', ')}`);
  if ([...tree.keys()].some(name => name.endsWith('.dll'))) problems.push('the outer package carries assemblies; it should only point to the RID packages');
  return problems;
}
