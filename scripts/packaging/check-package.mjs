// Checks built packages for their platform by name: nanolsp-<vscode target>-<version>.vsix or
// NanoLsp.<rid>.<version>.nupkg. Prints each one's problems; exits 1 when any has some.
//   node scripts/packaging/check-package.mjs artifacts/packages/*.vsix
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkToolPackage, checkVsix } from './checkPackage.mjs';
import { onnxRuntimeNatives, onnxRuntimeRuntimesDir, platforms } from './platforms.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ort = onnxRuntimeRuntimesDir(root);
// Without the restored ONNX Runtime package the exact native list is unknown; the library itself is still required.
const natives = rid => (existsSync(ort.dir) ? onnxRuntimeNatives(ort.dir, rid) : undefined);

let bad = 0;
for (const file of process.argv.slice(2)) {
  const name = basename(file);
  const vsix = platforms.find(p => name.startsWith(`nanolsp-${p.target}-`) && name.endsWith('.vsix'));
  const tool = platforms.find(p => name.startsWith(`NanoLsp.${p.rid}.`) && name.endsWith('.nupkg'));
  let problems;
  if (vsix) problems = await checkVsix(file, vsix.rid, natives(vsix.rid));
  else if (tool) problems = await checkToolPackage(file, tool.rid, natives(tool.rid));
  else problems = ['not a platform package name (nanolsp-<target>-<version>.vsix or NanoLsp.<rid>.<version>.nupkg)'];
  if (problems.length) bad++;
  console.log(problems.length ? `${name}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}` : `${name}: contents fit ${(vsix ?? tool)?.rid}`);
}
process.exit(bad ? 1 : 0);
