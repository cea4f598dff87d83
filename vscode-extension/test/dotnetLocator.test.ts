import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDotnetRuntime } from '../src/dotnetRuntime';
import { type HostLayout, locateDotnet, nodeHost, serverEnvironment } from '../src/dotnetLocator';

// Each platform's layout as its installers leave it, as a set of files (and symlinks) the fake host
// answers from: Windows paths are tested with Windows path rules on any machine.
function fakeHost(platform: NodeJS.Platform, arch: string, files: string[], env: Record<string, string> = {},
  extra: { links?: Record<string, string>; texts?: Record<string, string>; homedir?: string } = {}): HostLayout {
  const set = new Set(files);
  return {
    platform,
    arch,
    env,
    homedir: extra.homedir ?? (platform === 'win32' ? 'C:\\Users\\Ada Lovelace' : platform === 'darwin' ? '/Users/ada' : '/home/ada'),
    exists: file => set.has(file),
    readText: file => extra.texts?.[file],
    realpath: file => extra.links?.[file] ?? file,
  };
}

describe('dotnet on Windows', () => {
  it('ProgramFilesDotnetIsFoundWithoutPath', () => {
    const host = fakeHost('win32', 'x64', ['C:\\Program Files\\dotnet\\dotnet.exe'], { ProgramFiles: 'C:\\Program Files' });
    expect(locateDotnet(host)).toMatchObject({ command: 'C:\\Program Files\\dotnet\\dotnet.exe', root: 'C:\\Program Files\\dotnet', source: 'default location' });
  });

  it('QuotedPathEntryWithSpacesIsSearchedWithPathext', () => {
    const host = fakeHost('win32', 'arm64', ['D:\\Dev Tools\\dotnet\\dotnet.exe'], { Path: 'C:\\Windows;"D:\\Dev Tools\\dotnet"', PATHEXT: '.COM;.EXE' });
    expect(locateDotnet(host)).toMatchObject({ command: 'D:\\Dev Tools\\dotnet\\dotnet.exe', source: 'PATH' });
  });

  it('ArchitectureSpecificDotnetRootWinsOverDotnetRoot', () => {
    const host = fakeHost('win32', 'arm64', ['C:\\arm\\dotnet.exe', 'C:\\any\\dotnet.exe'], { DOTNET_ROOT_ARM64: 'C:\\arm', DOTNET_ROOT: 'C:\\any' });
    expect(locateDotnet(host).command).toBe('C:\\arm\\dotnet.exe');
  });

  it('UserInstallUnderLocalAppDataIsFound', () => {
    const host = fakeHost('win32', 'x64', ['C:\\Users\\Ada Lovelace\\AppData\\Local\\Microsoft\\dotnet\\dotnet.exe'], { LOCALAPPDATA: 'C:\\Users\\Ada Lovelace\\AppData\\Local' });
    expect(locateDotnet(host).source).toBe('default location');
  });
});

describe('dotnet on macOS', () => {
  it('OfficialInstallerFolderIsFoundOnAppleSilicon', () => {
    const host = fakeHost('darwin', 'arm64', ['/usr/local/share/dotnet/dotnet'], { PATH: '/usr/bin:/bin' });
    expect(locateDotnet(host)).toMatchObject({ command: '/usr/local/share/dotnet/dotnet', root: '/usr/local/share/dotnet' });
  });

  it('HomebrewDotnetOnPathHasItsLibexecAsRoot', () => {
    // bin/dotnet is a symlink into the Cellar; the runtime lives beside the link's target, not in bin.
    const host = fakeHost('darwin', 'arm64', ['/opt/homebrew/bin/dotnet'], { PATH: '/opt/homebrew/bin:/usr/bin' },
      { links: { '/opt/homebrew/bin/dotnet': '/opt/homebrew/Cellar/dotnet/10.0.1/libexec/dotnet' } });
    expect(locateDotnet(host)).toMatchObject({ command: '/opt/homebrew/bin/dotnet', root: '/opt/homebrew/Cellar/dotnet/10.0.1/libexec', source: 'PATH' });
  });

  it('HomebrewIsFoundOffPathToo', () => {
    const host = fakeHost('darwin', 'x64', ['/usr/local/opt/dotnet/libexec/dotnet'], { PATH: '/usr/bin' });
    expect(locateDotnet(host).command).toBe('/usr/local/opt/dotnet/libexec/dotnet');
  });

  it('RegisteredInstallLocationComesBeforeDefaults', () => {
    const host = fakeHost('darwin', 'arm64', ['/Volumes/Fast Disk/dotnet/dotnet', '/usr/local/share/dotnet/dotnet'], {},
      { texts: { '/etc/dotnet/install_location_arm64': '/Volumes/Fast Disk/dotnet\n' } });
    expect(locateDotnet(host)).toMatchObject({ command: '/Volumes/Fast Disk/dotnet/dotnet', source: 'install_location' });
  });
});

describe('dotnet on Linux', () => {
  it('DistroPackageUnderUsrLibIsFound', () => {
    const host = fakeHost('linux', 'arm64', ['/usr/lib/dotnet/dotnet'], { PATH: '/usr/bin' });
    expect(locateDotnet(host)).toMatchObject({ command: '/usr/lib/dotnet/dotnet', source: 'default location' });
  });

  it('DotnetInstallScriptFolderInHomeIsFound', () => {
    const host = fakeHost('linux', 'x64', ['/home/ada/.dotnet/dotnet'], {});
    expect(locateDotnet(host).command).toBe('/home/ada/.dotnet/dotnet');
  });

  it('DotnetRootWithoutDotnetFallsThroughToPath', () => {
    const host = fakeHost('linux', 'x64', ['/opt/my dotnet/dotnet'], { DOTNET_ROOT: '/nowhere', PATH: '/usr/bin:/opt/my dotnet' });
    expect(locateDotnet(host)).toMatchObject({ command: '/opt/my dotnet/dotnet', source: 'PATH' });
  });

  it('NothingFoundSaysWhereItLooked', () => {
    const location = locateDotnet(fakeHost('linux', 'x64', [], { PATH: '/usr/bin' }));
    expect(location).toMatchObject({ command: 'dotnet', source: 'not found' });
    expect(location.searched).toContain('/usr/share/dotnet/dotnet');
    expect(location.searched).toContain('/usr/bin/dotnet');
  });
});

describe('server environment', () => {
  it('DotnetFoundOffPathGoesFirstOnPathAndIntoDotnetRoot', () => {
    const host = fakeHost('darwin', 'arm64', ['/usr/local/share/dotnet/dotnet'], { PATH: '/usr/bin' });
    const env = serverEnvironment(locateDotnet(host), host);
    expect(env.DOTNET_ROOT).toBe('/usr/local/share/dotnet');
    expect(env.PATH).toBe('/usr/local/share/dotnet:/usr/bin');
  });

  it('AUsersDotnetRootIsKept', () => {
    const host = fakeHost('win32', 'x64', ['C:\\dn\\dotnet.exe'], { DOTNET_ROOT: 'C:\\dn', Path: 'C:\\Windows' });
    const env = serverEnvironment(locateDotnet(host), host);
    expect(env.DOTNET_ROOT).toBe('C:\\dn');
    expect(env.Path).toBe('C:\\dn;C:\\Windows');
    expect(env.PATH).toBeUndefined();
  });

  it('DotnetOnPathLeavesPathAlone', () => {
    const host = fakeHost('linux', 'x64', ['/usr/bin/dotnet'], { PATH: '/usr/bin' }, { links: { '/usr/bin/dotnet': '/usr/share/dotnet/dotnet' } });
    const env = serverEnvironment(locateDotnet(host), host);
    expect(env).toMatchObject({ PATH: '/usr/bin', DOTNET_ROOT: '/usr/share/dotnet' });
  });
});

describe('dotnet on this machine', () => {
  it('ADotnetInAFolderWithSpacesFoundThroughDotnetRootRuns', async () => {
    // A real executable under a name with spaces: found, then run without a shell, as the extension does.
    if (process.platform === 'win32') return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nanolsp dotnet root '));
    fs.writeFileSync(path.join(dir, 'dotnet'), '#!/bin/sh\necho "Microsoft.NETCore.App 10.0.3 [/x/shared/Microsoft.NETCore.App]"\n', { mode: 0o755 });
    try {
      const location = locateDotnet({ ...nodeHost(), env: { DOTNET_ROOT: dir, PATH: '/nonexistent' } });
      expect(location).toMatchObject({ command: path.join(dir, 'dotnet'), source: 'DOTNET_ROOT' });
      expect(await checkDotnetRuntime(location.command)).toEqual({ ok: true, version: '10.0.3' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TheInstalledDotnetThatBuildsTheServerIsFound', async () => {
    // scripts/test.sh builds the server with a dotnet this machine has, so the locator must find one.
    const location = locateDotnet(nodeHost());
    expect(location.source).not.toBe('not found');
    expect(await checkDotnetRuntime(location.command)).toMatchObject({ ok: true });
  });
});
