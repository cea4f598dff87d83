// Which server process the extension starts. Kept free of the `vscode` module so it tests under Node.
import * as os from 'node:os';
import { pathFor } from './dotnetLocator';

export interface ServerCommand {
  command: string;
  args: string[];
  /** The command is `dotnet`: the .NET runtime must be checked before starting it. */
  needsDotnet: boolean;
  /** Where the server came from, for the output channel. */
  origin: 'shipped' | 'setting';
  serverPath: string;
}

export interface ResolveError {
  error: string;
}

export interface ResolveInput {
  /** nanolsp.server.path as the user wrote it ('' or undefined: the shipped server). */
  configuredPath?: string | null;
  /** The extension's install folder (holds server/NanoLsp.dll once built). */
  extensionPath: string;
  /** The first workspace folder, for relative paths and ${workspaceFolder}. */
  workspaceFolder?: string;
  /** The dotnet executable to start a .dll with. */
  dotnet: string;
  exists: (file: string) => boolean;
  /** PATH, for a bare command name such as `nanolsp` (the dotnet tool). */
  searchPath?: string;
  /** The platform whose layout applies (process.platform when absent): path syntax, `.exe`, PATHEXT. */
  platform?: NodeJS.Platform;
  /** The user's home, for ~ and for the dotnet tools folder ~/.dotnet/tools. */
  homedir?: string;
  /** Windows' PATHEXT, the extensions a bare name may have there. */
  pathExt?: string;
}

/** The shipped server, or the one nanolsp.server.path names (a NanoLsp.dll or an executable). */
export function resolveServerCommand(input: ResolveInput): ServerCommand | ResolveError {
  const p = pathFor(input.platform ?? process.platform);
  const configured = input.configuredPath?.trim().replace(/^"(.*)"$/, '$1');
  if (configured) {
    const file = isBareName(configured)
      ? findCommand(configured, input) ?? expandPath(configured, input.workspaceFolder, input.platform, input.homedir)
      : expandPath(configured, input.workspaceFolder, input.platform, input.homedir);
    if (!input.exists(file)) {
      return { error: `nanolsp.server.path is set to "${configured}", but ${file} does not exist. Fix the setting or clear it to use the server shipped with the extension.` };
    }
    return commandFor(file, 'setting', input.dotnet);
  }
  const shipped = p.join(input.extensionPath, 'server', 'NanoLsp.dll');
  if (!input.exists(shipped)) {
    return { error: `The extension carries no server (${shipped} is missing): this build of the extension is incomplete. Rebuild it with "npm run build", or set nanolsp.server.path to a NanoLsp.dll.` };
  }
  return commandFor(shipped, 'shipped', input.dotnet);
}

export function isResolveError(result: ServerCommand | ResolveError): result is ResolveError {
  return 'error' in result;
}

function commandFor(file: string, origin: ServerCommand['origin'], dotnet: string): ServerCommand {
  if (file.toLowerCase().endsWith('.dll')) {
    return { command: dotnet, args: [file, '--stdio'], needsDotnet: true, origin, serverPath: file };
  }
  return { command: file, args: ['--stdio'], needsDotnet: false, origin, serverPath: file };
}

/** A name without a folder (`nanolsp`): looked up on PATH as a shell would, then in the workspace. */
function isBareName(value: string): boolean {
  return !value.includes('/') && !value.includes('\\') && !value.startsWith('~') && !value.includes('${');
}

/**
 * A bare name on PATH (with Windows' PATHEXT extensions), then in ~/.dotnet/tools, where
 * `dotnet tool install --global` puts `nanolsp` but which an editor's PATH often lacks.
 */
function findCommand(name: string, input: ResolveInput): string | undefined {
  const platform = input.platform ?? process.platform;
  const p = pathFor(platform);
  const names = [name];
  if (platform === 'win32' && !p.extname(name)) {
    const extensions = (input.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
    names.splice(0, 1, ...extensions.map(ext => name + ext.toLowerCase()));
  }
  const delimiter = platform === 'win32' ? ';' : ':';
  const dirs = (input.searchPath ?? '').split(delimiter).map(dir => dir.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
  dirs.push(p.join(input.homedir ?? os.homedir(), '.dotnet', 'tools'));
  for (const dir of dirs) {
    for (const candidate of names) {
      if (input.exists(p.join(dir, candidate))) return p.join(dir, candidate);
    }
  }
  return undefined;
}

/** ~ and ${workspaceFolder} as VS Code users write them; a relative path is taken from the workspace folder. */
export function expandPath(value: string, workspaceFolder?: string, platform: NodeJS.Platform = process.platform, homedir = os.homedir()): string {
  const p = pathFor(platform);
  let result = value;
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = p.join(homedir, result.slice(1));
  }
  if (workspaceFolder) {
    result = result.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (!p.isAbsolute(result) && workspaceFolder) {
    result = p.join(workspaceFolder, result);
  }
  return p.normalize(result);
}
