// Which server process the extension starts. Kept free of the `vscode` module so it tests under Node.
import * as os from 'node:os';
import * as path from 'node:path';

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
}

export const shippedServerRelativePath = path.join('server', 'NanoLsp.dll');

/** The shipped server, or the one nanolsp.server.path names (a NanoLsp.dll or an executable). */
export function resolveServerCommand(input: ResolveInput): ServerCommand | ResolveError {
  const configured = input.configuredPath?.trim();
  if (configured) {
    const file = isBareName(configured)
      ? findOnPath(configured, input.searchPath, input.exists) ?? expandPath(configured, input.workspaceFolder)
      : expandPath(configured, input.workspaceFolder);
    if (!input.exists(file)) {
      return { error: `nanolsp.server.path is set to "${configured}", but ${file} does not exist. Fix the setting or clear it to use the server shipped with the extension.` };
    }
    return commandFor(file, 'setting', input.dotnet);
  }
  const shipped = path.join(input.extensionPath, shippedServerRelativePath);
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

function findOnPath(name: string, searchPath: string | undefined, exists: (file: string) => boolean): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir && exists(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** ~ and ${workspaceFolder} as VS Code users write them; a relative path is taken from the workspace folder. */
export function expandPath(value: string, workspaceFolder?: string): string {
  let result = value;
  if (result === '~' || result.startsWith('~/')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  if (workspaceFolder) {
    result = result.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (!path.isAbsolute(result) && workspaceFolder) {
    result = path.join(workspaceFolder, result);
  }
  return path.normalize(result);
}
