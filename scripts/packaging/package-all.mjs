// `npm run package:all`: every platform package into artifacts/packages, each checked for its
// platform, then the list with sizes. Per platform ONNX Runtime ships a native library for:
//   nanolsp-<vscode target>-<version>.vsix      the VS Code extension (vsce --target)
//   NanoLsp.<rid>.<version>.nupkg               the dotnet tool's RID package, plus NanoLsp.<version>.nupkg
// Options: --rid RID (repeatable) builds only those; --no-tool skips the dotnet tool.
// Steps: restore, the extension bundle, per RID a framework-dependent `dotnet publish -r RID` staged with
// the extension's files and packed by vsce, then scripts/pack-tool.sh (its per-RID publishes reuse the build).
import { createVSIX } from '@vscode/vsce';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkToolPackage, checkToolPointer, checkVsix } from './checkPackage.mjs';
import { checkServerTree } from './checkServer.mjs';
import { treeFromDir } from './packageTree.mjs';
import { onnxRuntimeNatives, onnxRuntimeRuntimesDir, platformOf, shippablePlatforms } from './platforms.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const extension = join(root, 'vscode-extension');
const out = join(root, 'artifacts', 'packages');
const work = join(root, 'artifacts', 'package-work');
const { version } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));

const args = process.argv.slice(2);
const onlyRids = args.flatMap((a, i) => (a === '--rid' ? [args[i + 1]] : []));
const withTool = !args.includes('--no-tool');

const timings = [];
async function step(name, action) {
  const started = Date.now();
  console.log(`== ${name}`);
  const result = await action();
  timings.push([name, (Date.now() - started) / 1000]);
  return result;
}
const run = (command, commandArgs, env = {}) => execFileSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...env } });
const failures = [];
function report(what, problems) {
  if (problems.length === 0) { console.log(`   ${what}: contents check passed`); return; }
  failures.push(what);
  console.error(`   ${what}: ${problems.length} problem(s)\n     ${problems.join('\n     ')}`);
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await step('restore', () => run('dotnet', ['restore', 'src/NanoLsp', '--nologo', '-v', 'quiet']));
const ort = onnxRuntimeRuntimesDir(root);
const { shippable, lacking } = shippablePlatforms(ort.dir);
for (const p of lacking) console.log(`   ${p.rid}: skipped, ONNX Runtime ${ort.version} ships no native library for it (${ort.dir})`);
const chosen = onlyRids.length ? onlyRids.map(platformOf) : shippable;
for (const p of chosen) {
  if (!shippable.includes(p)) throw new Error(`${p.rid} cannot be built: ONNX Runtime ${ort.version} ships no native library for it`);
}
// ReadyToRun publishes need each RID's runtime and Crossgen2 packs, which the plain restore does not fetch.
await step('restore ReadyToRun packs', () => run('bash', ['scripts/restore-ready-to-run.sh', ...chosen.map(p => p.rid)]));

await step('extension bundle', () => run('npm', ['run', 'build', '--workspace', 'vscode-extension']));
for (const platform of chosen) {
  const publish = join(work, 'publish', platform.rid);
  const natives = onnxRuntimeNatives(ort.dir, platform.rid);
  await step(`publish ${platform.rid}`, () => {
    rmSync(publish, { recursive: true, force: true });
    run('dotnet', ['publish', 'src/NanoLsp', '-c', 'Release', '-r', platform.rid, '--self-contained', 'false', '-o', publish, '--nologo', '-v', 'quiet']);
    report(`publish ${platform.rid}`, checkServerTree(platform.rid, treeFromDir(publish), natives));
  });
  await step(`vsix ${platform.target}`, async () => {
    const stage = join(work, 'vsix', platform.target);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE.txt', 'icon.png', '.vscodeignore', 'dist', 'images']) {
      if (existsSync(join(extension, file))) cpSync(join(extension, file), join(stage, file), { recursive: true });
    }
    // Debug symbols and C++ import libraries are of no use to a user.
    cpSync(publish, join(stage, 'server'), { recursive: true, filter: f => !/\.(pdb|lib)$/.test(f) });
    const file = join(out, `nanolsp-${platform.target}-${version}.vsix`);
    // dependencies: false: esbuild bundled them into dist/, nothing from node_modules goes in.
    await createVSIX({ cwd: stage, target: platform.target, packagePath: file, dependencies: false });
    report(`nanolsp-${platform.target}-${version}.vsix`, await checkVsix(file, platform.rid, natives));
  });
}

if (withTool) {
  await step(`dotnet tool (${chosen.map(p => p.rid).join(', ')})`, async () => {
    run('bash', ['scripts/pack-tool.sh', ...chosen.map(p => p.rid)], { NANOLSP_NUPKG_DIR: out });
    for (const platform of chosen) {
      const file = join(out, `NanoLsp.${platform.rid}.${version}.nupkg`);
      report(`NanoLsp.${platform.rid}.${version}.nupkg`, existsSync(file) ? await checkToolPackage(file, platform.rid, onnxRuntimeNatives(ort.dir, platform.rid)) : ['not made']);
    }
    report(`NanoLsp.${version}.nupkg`, await checkToolPointer(join(out, `NanoLsp.${version}.nupkg`), chosen.map(p => p.rid)));
  });
}

console.log('\npackages (artifacts/packages):');
for (const name of readdirSync(out).sort()) {
  console.log(`  ${(statSync(join(out, name)).size / 1048576).toFixed(1).padStart(6)} MB  ${name}`);
}
console.log('\nstep times:');
for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(0).padStart(5)} s  ${name}`);
console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  in all`);
if (lacking.length) console.log(`not built: ${lacking.map(p => `${p.rid} (no ONNX Runtime library)`).join(', ')}`);
if (failures.length) {
  console.error(`package:all: ${failures.length} package(s) failed their contents check: ${failures.join(', ')}`);
  process.exit(1);
}
