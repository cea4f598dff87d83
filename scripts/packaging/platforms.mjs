// The platforms NanoLsp ships for, and which of ONNX Runtime's native files each one needs. Every
// package (a .vsix per VS Code target, a RID-specific dotnet tool package) is framework-dependent:
// the managed server is the same everywhere, only ONNX Runtime's native library differs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * rid: .NET runtime identifier; target: `vsce package --target`; os/arch: what a native binary for
 * it is built for (see binaryKind.mjs).
 */
export const platforms = [
  { rid: 'win-x64', target: 'win32-x64', os: 'windows', arch: 'x64' },
  { rid: 'win-arm64', target: 'win32-arm64', os: 'windows', arch: 'arm64' },
  { rid: 'osx-x64', target: 'darwin-x64', os: 'macos', arch: 'x64' },
  { rid: 'osx-arm64', target: 'darwin-arm64', os: 'macos', arch: 'arm64' },
  { rid: 'linux-x64', target: 'linux-x64', os: 'linux', arch: 'x64' },
  { rid: 'linux-arm64', target: 'linux-arm64', os: 'linux', arch: 'arm64' },
];

export function platformOf(rid) {
  const platform = platforms.find(p => p.rid === rid);
  if (!platform) throw new Error(`unknown runtime identifier ${rid}; known: ${platforms.map(p => p.rid).join(', ')}`);
  return platform;
}

/** The library ONNX Runtime's managed wrapper loads (DllImport "onnxruntime"), by file name per OS. */
export function onnxRuntimeLibrary(os) {
  return { windows: 'onnxruntime.dll', macos: 'libonnxruntime.dylib', linux: 'libonnxruntime.so' }[os];
}

/**
 * The runtime files of runtimes/<rid>/native in the Microsoft.ML.OnnxRuntime package: what a
 * RID-specific publish copies next to the server. Import libraries (.lib) are for C++ linkers and
 * stay out of the packages.
 */
export function onnxRuntimeNatives(runtimesDir, rid) {
  const dir = join(runtimesDir, rid, 'native');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(name => !name.endsWith('.lib')).sort();
}

/** Splits the platforms into those ONNX Runtime ships a native library for and those it lacks. */
export function shippablePlatforms(runtimesDir) {
  const shippable = [];
  const lacking = [];
  for (const platform of platforms) {
    const natives = onnxRuntimeNatives(runtimesDir, platform.rid);
    (natives.includes(onnxRuntimeLibrary(platform.os)) ? shippable : lacking).push(platform);
  }
  return { shippable, lacking };
}

/** ONNX Runtime's runtimes/ folder in the NuGet cache, at the version Directory.Packages.props pins. */
export function onnxRuntimeRuntimesDir(repoRoot) {
  const props = readFileSync(join(repoRoot, 'Directory.Packages.props'), 'utf8');
  const version = /Include="Microsoft\.ML\.OnnxRuntime"\s+Version="([^"]+)"/.exec(props)?.[1];
  if (!version) throw new Error('Directory.Packages.props pins no Microsoft.ML.OnnxRuntime version');
  const packages = process.env.NUGET_PACKAGES || join(homedir(), '.nuget', 'packages');
  return { version, dir: join(packages, 'microsoft.ml.onnxruntime', version, 'runtimes') };
}
