import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDotnetRuntime, installUrl, judgeRuntimes, parseRuntimes } from '../src/dotnetRuntime';

const listing = `Microsoft.AspNetCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
Microsoft.NETCore.App 10.0.2 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
`;

describe('.NET runtime check', () => {
  it('ParsesOnlyTheNetCoreAppRuntimes', () => {
    expect(parseRuntimes(listing)).toEqual(['8.0.11', '10.0.2', '10.0.12']);
  });

  it('PicksTheNewestRuntimeOfAtLeastTen', () => {
    expect(judgeRuntimes(parseRuntimes(listing), 'dotnet')).toEqual({ ok: true, version: '10.0.12' });
  });

  it('OnlyOlderRuntimesAreRefusedWithWhatToInstall', () => {
    const check = judgeRuntimes(['8.0.11', '9.0.1'], 'dotnet');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toContain('8.0.11, 9.0.1');
      expect(check.message).toContain(installUrl);
    }
  });

  it('MissingDotnetExecutableSaysNotFoundAndWhatToInstall', async () => {
    const check = await checkDotnetRuntime(path.join(os.tmpdir(), 'no-such-dotnet-here', 'dotnet'));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toMatch(/was not found/);
      expect(check.message).toContain(installUrl);
    }
  });

  it('DotnetWithOnlyAnOldRuntimeIsRefused', async () => {
    // A real executable standing in for an old installation: the check runs it as it would run dotnet.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nanolsp-olddotnet-'));
    const fake = path.join(dir, 'dotnet');
    fs.writeFileSync(fake, '#!/bin/sh\necho "Microsoft.NETCore.App 8.0.11 [/x/shared/Microsoft.NETCore.App]"\n', { mode: 0o755 });
    try {
      const check = await checkDotnetRuntime(fake);
      expect(check).toMatchObject({ ok: false });
      if (!check.ok) expect(check.message).toContain('has only 8.0.11');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
