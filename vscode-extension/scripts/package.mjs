// Packages the built extension (dist/ and server/, see npm run build at the root) for this machine as
// vscode-extension/nanolsp-linux-x64-<version>.vsix (git-ignored) and prints its path. The server
// is a framework-dependent linux-x64 publish, hence the platform-specific package.
import { createVSIX } from '@vscode/vsce';
import { checkVsix } from '../../scripts/packaging/checkPackage.mjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
for (const needed of ['dist/extension.js', 'server/NanoLsp.dll', 'server/models/nano-csharp/nano-model.json']) {
  if (!existsSync(join(extension, needed))) {
    console.error(`package: ${needed} is missing; run "npm run build" at the repository root first.`);
    process.exit(1);
  }
}
const out = join(extension, `nanolsp-linux-x64-${version}.vsix`);
// Dependencies are bundled into dist/ by esbuild: nothing from node_modules goes in the package.
await createVSIX({ cwd: extension, target: 'linux-x64', packagePath: out, dependencies: false });
console.log(`package: ${out} (${(statSync(out).size / 1048576).toFixed(1)} MB)`);
// The same contents check as npm run package:all (linux-x64's ONNX Runtime library, the model, no foreign binary).
const problems = await checkVsix(out, 'linux-x64');
if (problems.length) {
  console.error(`package: ${problems.length} problem(s) in ${out}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
