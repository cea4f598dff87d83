import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPath, isResolveError, resolveServerCommand, type ServerCommand } from '../src/serverCommand';

// Real files in a temporary folder: the resolver's existence checks run against the file system.
let root: string;
let extensionPath: string;
let workspace: string;
const exists = (f: string) => fs.existsSync(f);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nanolsp-resolve-'));
  extensionPath = path.join(root, 'ext');
  workspace = path.join(root, 'ws');
  fs.mkdirSync(path.join(extensionPath, 'server'), { recursive: true });
  fs.writeFileSync(path.join(extensionPath, 'server', 'NanoLsp.dll'), '');
  fs.mkdirSync(path.join(workspace, 'tools'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'tools', 'NanoLsp.dll'), '');
  fs.writeFileSync(path.join(workspace, 'tools', 'nanolsp'), '#!/bin/sh\n', { mode: 0o755 });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function ok(result: ReturnType<typeof resolveServerCommand>): ServerCommand {
  if (isResolveError(result)) throw new Error(result.error);
  return result;
}

describe('server command', () => {
  it('EmptySettingStartsTheShippedDllWithDotnet', () => {
    const command = ok(resolveServerCommand({ configuredPath: '', extensionPath, workspaceFolder: workspace, dotnet: 'dotnet', exists }));
    expect(command.command).toBe('dotnet');
    expect(command.args).toEqual([path.join(extensionPath, 'server', 'NanoLsp.dll'), '--stdio']);
    expect(command.needsDotnet).toBe(true);
    expect(command.origin).toBe('shipped');
  });

  it('MissingShippedServerIsAnErrorNamingTheSetting', () => {
    const result = resolveServerCommand({ configuredPath: undefined, extensionPath: path.join(root, 'nothing'), dotnet: 'dotnet', exists });
    expect(isResolveError(result)).toBe(true);
    expect((result as { error: string }).error).toMatch(/nanolsp\.server\.path/);
  });

  it('ConfiguredDllRunsUnderTheGivenDotnet', () => {
    const dll = path.join(workspace, 'tools', 'NanoLsp.dll');
    const command = ok(resolveServerCommand({ configuredPath: dll, extensionPath, dotnet: '/opt/dotnet/dotnet', exists }));
    expect(command).toMatchObject({ command: '/opt/dotnet/dotnet', args: [dll, '--stdio'], needsDotnet: true, origin: 'setting' });
  });

  it('ConfiguredExecutableRunsDirectlyWithoutDotnet', () => {
    const exe = path.join(workspace, 'tools', 'nanolsp');
    const command = ok(resolveServerCommand({ configuredPath: exe, extensionPath, dotnet: 'dotnet', exists }));
    expect(command).toMatchObject({ command: exe, args: ['--stdio'], needsDotnet: false });
  });

  it('RelativeAndWorkspaceFolderPathsResolveAgainstTheWorkspace', () => {
    const a = ok(resolveServerCommand({ configuredPath: 'tools/NanoLsp.dll', extensionPath, workspaceFolder: workspace, dotnet: 'dotnet', exists }));
    const b = ok(resolveServerCommand({ configuredPath: '${workspaceFolder}/tools/NanoLsp.dll', extensionPath, workspaceFolder: workspace, dotnet: 'dotnet', exists }));
    expect(a.serverPath).toBe(path.join(workspace, 'tools', 'NanoLsp.dll'));
    expect(b.serverPath).toBe(a.serverPath);
  });

  it('ConfiguredPathThatDoesNotExistIsAnErrorNotAFallback', () => {
    const result = resolveServerCommand({ configuredPath: 'nowhere/NanoLsp.dll', extensionPath, workspaceFolder: workspace, dotnet: 'dotnet', exists });
    expect(isResolveError(result)).toBe(true);
    expect((result as { error: string }).error).toContain(path.join(workspace, 'nowhere', 'NanoLsp.dll'));
  });

  it('BareNameIsFoundOnPathLikeTheDotnetTool', () => {
    const tools = path.join(workspace, 'tools');
    const command = ok(resolveServerCommand({ configuredPath: 'nanolsp', extensionPath, dotnet: 'dotnet', exists, searchPath: `/nonexistent${path.delimiter}${tools}` }));
    expect(command).toMatchObject({ command: path.join(tools, 'nanolsp'), args: ['--stdio'], needsDotnet: false });
  });

  it('BareNameOnNoPathIsAnError', () => {
    const result = resolveServerCommand({ configuredPath: 'nanolsp', extensionPath, dotnet: 'dotnet', exists, searchPath: '/nonexistent' });
    expect(isResolveError(result)).toBe(true);
  });

  it('TildeExpandsToTheHomeFolder', () => {
    expect(expandPath('~/x/NanoLsp.dll')).toBe(path.join(os.homedir(), 'x', 'NanoLsp.dll'));
  });
});

// Other platforms' layouts, with their own path rules, answered from a set of files.
describe('server command on other platforms', () => {
  const on = (files: string[]) => (f: string) => files.includes(f);

  it('WindowsToolShimIsFoundWithPathextInAHomeWithSpaces', () => {
    const tools = 'C:\\Users\\Ada Lovelace\\.dotnet\\tools';
    const command = ok(resolveServerCommand({
      configuredPath: 'nanolsp', extensionPath: 'C:\\ext', dotnet: 'dotnet', platform: 'win32', pathExt: '.COM;.EXE;.BAT',
      searchPath: `C:\\Windows;${tools}`, homedir: 'C:\\Users\\Ada Lovelace', exists: on([`${tools}\\nanolsp.exe`]),
    }));
    expect(command).toMatchObject({ command: `${tools}\\nanolsp.exe`, args: ['--stdio'], needsDotnet: false });
  });

  it('GlobalToolsFolderIsSearchedWhenPathLacksIt', () => {
    // VS Code started from the Dock has no ~/.dotnet/tools on PATH.
    const command = ok(resolveServerCommand({
      configuredPath: 'nanolsp', extensionPath: '/ext', dotnet: 'dotnet', platform: 'darwin', searchPath: '/usr/bin:/bin',
      homedir: '/Users/ada', exists: on(['/Users/ada/.dotnet/tools/nanolsp']),
    }));
    expect(command.command).toBe('/Users/ada/.dotnet/tools/nanolsp');
  });

  it('WindowsDllPathWithSpacesIsOneArgument', () => {
    const dll = 'C:\\Program Files\\NanoLsp\\NanoLsp.dll';
    const command = ok(resolveServerCommand({
      configuredPath: `"${dll}"`, extensionPath: 'C:\\ext', dotnet: 'C:\\Program Files\\dotnet\\dotnet.exe', platform: 'win32', exists: on([dll]),
    }));
    expect(command).toMatchObject({ command: 'C:\\Program Files\\dotnet\\dotnet.exe', args: [dll, '--stdio'], needsDotnet: true });
  });

  it('ShippedServerIsJoinedWithThePlatformsSeparators', () => {
    const extensionPath = 'C:\\Users\\Ada Lovelace\\.vscode\\extensions\\nanolsp.nanolsp-0.1.0-win32-arm64';
    const command = ok(resolveServerCommand({ extensionPath, dotnet: 'dotnet', platform: 'win32', exists: on([`${extensionPath}\\server\\NanoLsp.dll`]) }));
    expect(command.serverPath).toBe(`${extensionPath}\\server\\NanoLsp.dll`);
  });

  it('WindowsHomeTildeAndWorkspaceFolderExpand', () => {
    expect(expandPath('~\\tools\\NanoLsp.dll', undefined, 'win32', 'C:\\Users\\Ada Lovelace')).toBe('C:\\Users\\Ada Lovelace\\tools\\NanoLsp.dll');
    expect(expandPath('tools\\NanoLsp.dll', 'D:\\My Projects\\Shop', 'win32')).toBe('D:\\My Projects\\Shop\\tools\\NanoLsp.dll');
  });
});
