// The per-platform package contents, checked without building six servers: package trees made of
// the real native libraries in ONNX Runtime's NuGet package (their headers are what the check reads),
// the real model, and a real .NET assembly for the managed files. The real linux-x64 packages are
// checked where they are built (tests/vscode-e2e/run.sh, tests/neovim/run.sh).
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { classifyBinary, headBytes, runsOn } from '../../scripts/packaging/binaryKind.mjs';
import { checkToolPackage, checkToolPointer, checkVsix } from '../../scripts/packaging/checkPackage.mjs';
import { checkServerTree } from '../../scripts/packaging/checkServer.mjs';
import { onnxRuntimeNatives, onnxRuntimeRuntimesDir, platformOf, platforms, shippablePlatforms } from '../../scripts/packaging/platforms.mjs';

const repo = resolve(__dirname, '..', '..');
const ort = onnxRuntimeRuntimesDir(repo);
const restoreHint = `run "dotnet restore src/NanoLsp" first: ${ort.dir} is missing`;
const shippedRids = ['win-x64', 'win-arm64', 'osx-arm64', 'linux-x64', 'linux-arm64'];
const temp = mkdtempSync(join(tmpdir(), 'nanolsp-packaging-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const head = file => readFileSync(file).subarray(0, headBytes);
/** A managed assembly's head: ONNX Runtime's own wrapper, in the NuGet cache beside the natives. */
function managedHead() {
  const managed = join(ort.dir, '..', '..', '..', 'microsoft.ml.onnxruntime.managed', ort.version, 'lib', 'net8.0', 'Microsoft.ML.OnnxRuntime.dll');
  if (!existsSync(managed)) throw new Error(restoreHint);
  return head(managed);
}

/** What a `dotnet publish -r rid --self-contained false` of the server holds, as a tree. */
function serverTree(rid) {
  const tree = new Map();
  const managed = { size: 1000, head: managedHead() };
  for (const name of ['NanoLsp.dll', 'NanoLsp.Model.dll', 'Microsoft.ML.OnnxRuntime.dll', 'Microsoft.CodeAnalysis.dll', 'BuildHost-netcore/Microsoft.CodeAnalysis.Workspaces.MSBuild.BuildHost.dll']) tree.set(name, managed);
  for (const name of ['NanoLsp.deps.json', 'NanoLsp.runtimeconfig.json']) tree.set(name, { size: 2, head: Buffer.from('{}') });
  const model = join(repo, 'models', 'nano-csharp');
  for (const name of readdirSync(model)) tree.set(`models/nano-csharp/${name}`, { size: readFileSync(join(model, name)).length, head: head(join(model, name)) });
  for (const name of onnxRuntimeNatives(ort.dir, rid)) {
    const file = join(ort.dir, rid, 'native', name);
    tree.set(name, { size: readFileSync(file).length, head: head(file) });
  }
  return tree;
}

const nativeOf = rid => { const p = platformOf(rid); return { windows: 'onnxruntime.dll', macos: 'libonnxruntime.dylib', linux: 'libonnxruntime.so' }[p.os]; };

describe('ONNX Runtime platforms', () => {
  it('EveryTargetButIntelMacsHasANativeLibrary', () => {
    expect(existsSync(ort.dir), restoreHint).toBe(true);
    const { shippable, lacking } = shippablePlatforms(ort.dir);
    expect(shippable.map(p => p.rid)).toEqual(shippedRids);
    expect(lacking.map(p => p.rid)).toEqual(['osx-x64']);
  });

  it('TheDotnetToolPacksExactlyTheShippablePlatforms', () => {
    const project = readFileSync(join(repo, 'src', 'NanoLsp', 'NanoLsp.csproj'), 'utf8');
    const rids = /<ToolPackageRuntimeIdentifiers>([^<]+)</.exec(project)[1].split(';');
    expect(rids).toEqual(shippablePlatforms(ort.dir).shippable.map(p => p.rid));
  });

  it('EachNativeLibraryIsRecognisedAsItsFoldersPlatformOnly', () => {
    for (const rid of shippedRids) {
      const natives = onnxRuntimeNatives(ort.dir, rid);
      expect(natives).toContain(nativeOf(rid));
      expect(natives.some(n => n.endsWith('.lib'))).toBe(false);
      for (const name of natives) {
        const kind = classifyBinary(head(join(ort.dir, rid, 'native', name)));
        for (const platform of platforms) expect(runsOn(kind, platform), `${rid}/${name} on ${platform.rid}`).toBe(platform.rid === rid);
      }
    }
  });

  it('AssembliesAndDataAreNotNative', () => {
    expect(classifyBinary(managedHead())).toEqual({ kind: 'managed' });
    expect(classifyBinary(head(join(repo, 'models', 'nano-csharp', 'model.onnx')))).toEqual({ kind: 'data' });
  });
});

describe('server contents per platform', () => {
  it.each(shippedRids)('CompletePublishPasses %s', rid => {
    expect(checkServerTree(rid, serverTree(rid), onnxRuntimeNatives(ort.dir, rid))).toEqual([]);
  });

  it.each(shippedRids)('MissingNativeLibraryFails %s', rid => {
    const tree = serverTree(rid);
    tree.delete(nativeOf(rid));
    expect(checkServerTree(rid, tree).join('\n')).toMatch(/native library .* is missing/);
  });

  it.each(shippedRids)('ForeignNativeLibraryFailsEvenUnderTheRightName %s', rid => {
    // Another platform's library where this one's belongs (a wrong -r, a bad copy).
    const other = shippedRids.find(r => platformOf(r).arch !== platformOf(rid).arch && platformOf(r).os === platformOf(rid).os) ?? 'linux-x64';
    const tree = serverTree(rid);
    tree.set(nativeOf(rid), { size: 1, head: head(join(ort.dir, other, 'native', nativeOf(other))) });
    expect(checkServerTree(rid, tree).join('\n')).toMatch(new RegExp(`${nativeOf(rid).replace('.', '\\.')} is a native .* foreign to ${rid}`));
  });

  it('AnotherPlatformsRuntimesFolderFails', () => {
    const tree = serverTree('win-x64');
    tree.set('runtimes/linux-x64/native/libonnxruntime.so', { size: 1, head: head(join(ort.dir, 'linux-x64', 'native', 'libonnxruntime.so')) });
    expect(checkServerTree('win-x64', tree).join('\n')).toMatch(/runtimes\/ folder/);
  });

  it('MissingOrEmptyModelFails', () => {
    const tree = serverTree('osx-arm64');
    tree.delete('models/nano-csharp/model.onnx');
    tree.delete('models/nano-csharp/model.ort');
    tree.set('models/nano-csharp/vocab.json', { size: 0, head: Buffer.alloc(0) });
    const problems = checkServerTree('osx-arm64', tree).join('\n');
    expect(problems).toMatch(/model\.onnx is missing/);
    expect(problems).toMatch(/model\.ort is missing/);
    expect(problems).toMatch(/vocab\.json is empty/);
  });

  it('IntelMacCannotPassWithoutALibrary', () => {
    // No osx-x64 build exists; the arm64 one relabelled must not pass for it.
    expect(checkServerTree('osx-x64', serverTree('osx-arm64')).join('\n')).toMatch(/foreign to osx-x64/);
  });
});

/** Writes a zip of { name: Buffer } the way vsce and NuGet lay theirs out. */
function writeZip(name, files) {
  const file = join(temp, name);
  const zip = new yazl.ZipFile();
  for (const [entry, content] of Object.entries(files)) zip.addBuffer(content, entry);
  zip.end();
  return new Promise((done, fail) => zip.outputStream.pipe(createWriteStream(file)).on('close', () => done(file)).on('error', fail));
}
/** A tree's entries as zip contents (heads only: all the check reads), under a prefix. */
function asFiles(tree, prefix) {
  return Object.fromEntries([...tree].map(([name, entry]) => [prefix + name, Buffer.from(entry.head)]));
}

describe('package files', () => {
  const extensionFiles = Object.fromEntries(['package.json', 'dist/extension.js', 'icon.png', 'readme.md', 'changelog.md', 'LICENSE.txt'].map(f => [`extension/${f}`, Buffer.from('x')]));

  it('VsixForItsTargetPassesAndTheWrongTargetFails', async () => {
    const files = { ...extensionFiles, ...asFiles(serverTree('win-arm64'), 'extension/server/'), 'extension.vsixmanifest': Buffer.from('<Identity TargetPlatform="win32-arm64"/>') };
    const vsix = await writeZip('win-arm64.vsix', files);
    expect(await checkVsix(vsix, 'win-arm64', onnxRuntimeNatives(ort.dir, 'win-arm64'))).toEqual([]);
    expect((await checkVsix(vsix, 'win-x64')).join('\n')).toMatch(/does not name the target win32-x64[\s\S]*foreign to win-x64/);
  });

  it('VsixWithoutIconOrWithNodeModulesFails', async () => {
    const files = { ...extensionFiles, ...asFiles(serverTree('linux-arm64'), 'extension/server/'), 'extension.vsixmanifest': Buffer.from('TargetPlatform="linux-arm64"'), 'extension/node_modules/x/index.js': Buffer.from('x') };
    delete files['extension/icon.png'];
    const problems = (await checkVsix(await writeZip('bad.vsix', files), 'linux-arm64')).join('\n');
    expect(problems).toMatch(/icon\.png is missing/);
    expect(problems).toMatch(/node_modules/);
  });

  it('ToolPackageHoldsOnlyItsRidsFolder', async () => {
    const good = { 'NanoLsp.osx-arm64.nuspec': Buffer.from('<packageType name="DotnetToolRidPackage" />'), ...asFiles(serverTree('osx-arm64'), 'tools/net10.0/osx-arm64/'), 'tools/net10.0/osx-arm64/DotnetToolSettings.xml': Buffer.from('<x/>') };
    expect(await checkToolPackage(await writeZip('good.nupkg', good), 'osx-arm64', onnxRuntimeNatives(ort.dir, 'osx-arm64'))).toEqual([]);
    const bad = { ...good, ...asFiles(serverTree('linux-x64'), 'tools/net10.0/linux-x64/') };
    expect((await checkToolPackage(await writeZip('bad.nupkg', bad), 'osx-arm64')).join('\n')).toMatch(/tools\/net10\.0\/linux-x64\/ \(\d+ files\) lies outside/);
  });

  it('OuterToolPackageMustListEveryRid', async () => {
    const settings = `<DotNetCliTool><RuntimeIdentifierPackages>${shippedRids.slice(1).map(r => `<RuntimeIdentifierPackage RuntimeIdentifier="${r}" Id="NanoLsp.${r}" />`).join('')}</RuntimeIdentifierPackages></DotNetCliTool>`;
    const pointer = await writeZip('NanoLsp.nupkg', { 'tools/any/any/DotnetToolSettings.xml': Buffer.from(settings) });
    expect(await checkToolPointer(pointer, shippedRids.slice(1))).toEqual([]);
    expect((await checkToolPointer(pointer, shippedRids)).join('\n')).toMatch(/expected linux-arm64, linux-x64, osx-arm64, win-arm64, win-x64/);
  });
});
