// Where `dotnet` is on this machine, looked for as each platform's installers lay it out. VS Code
// started from a dock, a start menu or a desktop file often has a shorter PATH than a terminal, so
// PATH alone misses installs that work in the shell. Free of `vscode` and of the real file system
// (a HostLayout is passed in) so every platform's layout tests on any machine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HostLayout {
  platform: NodeJS.Platform;
  /** process.arch: 'x64' or 'arm64'. */
  arch: string;
  env: Record<string, string | undefined>;
  homedir: string;
  exists: (file: string) => boolean;
  /** A text file's content, or undefined when it cannot be read (/etc/dotnet/install_location). */
  readText: (file: string) => string | undefined;
  /** A symlink's target (Homebrew's bin/dotnet points into its Cellar); the path itself when not a link. */
  realpath: (file: string) => string;
}

export interface DotnetLocation {
  /** What to run: a full path, or the bare `dotnet` when nothing was found (its error then says so). */
  command: string;
  /** The folder holding dotnet's host/ and shared/ (DOTNET_ROOT), when found. */
  root?: string;
  source: 'DOTNET_ROOT' | 'PATH' | 'install_location' | 'default location' | 'not found';
  /** Every place looked at, in order, for the error message when none holds dotnet. */
  searched: string[];
}

export function nodeHost(): HostLayout {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    homedir: os.homedir(),
    exists: file => fs.existsSync(file),
    readText: file => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
    realpath: file => { try { return fs.realpathSync(file); } catch { return file; } },
  };
}

/** path.win32 for Windows layouts, path.posix otherwise, whatever machine runs the code. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The order the .NET host itself uses for an app (DOTNET_ROOT_<ARCH>, DOTNET_ROOT, the registered
 * install location, the default folder), with PATH before the last two as a shell would have it.
 */
export function locateDotnet(host: HostLayout): DotnetLocation {
  const p = pathFor(host.platform);
  const exe = host.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
  const searched: string[] = [];
  const found = (file: string, source: DotnetLocation['source']): DotnetLocation =>
    ({ command: file, root: p.dirname(host.realpath(file)), source, searched });
  const tryRoot = (root: string | undefined, source: DotnetLocation['source']): DotnetLocation | undefined => {
    const dir = root?.trim().replace(/^"(.*)"$/, '$1');
    if (!dir) return undefined;
    const file = p.join(dir, exe);
    searched.push(file);
    return host.exists(file) ? found(file, source) : undefined;
  };

  const fromRoot = tryRoot(host.env[`DOTNET_ROOT_${host.arch.toUpperCase()}`], 'DOTNET_ROOT') ?? tryRoot(host.env.DOTNET_ROOT, 'DOTNET_ROOT');
  if (fromRoot) return fromRoot;
  for (const dir of splitPath(host)) {
    const hit = tryRoot(dir, 'PATH');
    if (hit) return hit;
  }
  if (host.platform !== 'win32') {
    // What the Linux and macOS installers register (one line: the install folder).
    for (const file of [`/etc/dotnet/install_location_${host.arch}`, '/etc/dotnet/install_location']) {
      const hit = tryRoot(host.readText(file)?.split(/\r?\n/)[0], 'install_location');
      if (hit) return hit;
    }
  }
  for (const dir of defaultRoots(host)) {
    const hit = tryRoot(dir, 'default location');
    if (hit) return hit;
  }
  return { command: 'dotnet', source: 'not found', searched };
}

/** The folders each platform's installers use, most common first. */
export function defaultRoots(host: HostLayout): string[] {
  const p = pathFor(host.platform);
  const home = host.homedir;
  if (host.platform === 'win32') {
    const programFiles = host.env.ProgramFiles ?? host.env.ProgramW6432 ?? 'C:\\Program Files';
    const roots = [p.join(programFiles, 'dotnet')];
    // An x64 .NET installed on Windows on Arm lands in an x64 subfolder.
    if (host.arch === 'x64') roots.push(p.join(programFiles, 'dotnet', 'x64'));
    if (host.env.LOCALAPPDATA) roots.push(p.join(host.env.LOCALAPPDATA, 'Microsoft', 'dotnet'));
    roots.push(p.join(home, '.dotnet'));
    return roots;
  }
  if (host.platform === 'darwin') {
    return [
      '/usr/local/share/dotnet',
      '/usr/local/share/dotnet/x64', // the x64 .NET on an Apple silicon Mac
      '/opt/homebrew/opt/dotnet/libexec', // Homebrew on Apple silicon
      '/usr/local/opt/dotnet/libexec', // Homebrew on Intel
      p.join(home, '.dotnet'),
    ];
  }
  return [
    '/usr/share/dotnet', // Microsoft's packages
    '/usr/lib/dotnet', // Ubuntu's and Fedora's own packages
    '/usr/lib64/dotnet',
    '/snap/dotnet-sdk/current',
    '/usr/local/share/dotnet',
    p.join(home, '.dotnet'), // dotnet-install.sh
  ];
}

/** PATH's folders; Windows entries may be quoted and the variable may be spelled Path. */
export function splitPath(host: HostLayout): string[] {
  const value = host.env.PATH ?? host.env.Path ?? '';
  const delimiter = host.platform === 'win32' ? ';' : ':';
  return value.split(delimiter).map(dir => dir.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
}

/**
 * The server's environment: DOTNET_ROOT names the dotnet found (a dotnet tool's launcher and
 * MSBuild's locator look there, not on PATH, and miss Homebrew's), and a dotnet found off PATH goes
 * first on it, so the build host Roslyn starts as `dotnet` runs the same one.
 */
export function serverEnvironment(location: DotnetLocation, host: HostLayout): Record<string, string | undefined> {
  if (!location.root) return { ...host.env };
  const env: Record<string, string | undefined> = { ...host.env };
  if (!env.DOTNET_ROOT?.trim()) env.DOTNET_ROOT = location.root;
  if (location.source !== 'PATH') {
    const key = host.platform === 'win32' && env.PATH === undefined && env.Path !== undefined ? 'Path' : 'PATH';
    const delimiter = host.platform === 'win32' ? ';' : ':';
    env[key] = env[key] ? `${location.root}${delimiter}${env[key]}` : location.root;
  }
  return env;
}
