// Is a .NET runtime new enough for the server there? Checked before starting the server so a missing
// runtime is told to the user instead of the client failing with "spawn dotnet ENOENT".
import { execFile } from 'node:child_process';

export const requiredMajor = 10;
export const installUrl = 'https://dotnet.microsoft.com/download/dotnet/10.0';

export type RuntimeCheck =
  | { ok: true; version: string }
  | { ok: false; message: string };

/** The Microsoft.NETCore.App versions in `dotnet --list-runtimes` output. */
export function parseRuntimes(listOutput: string): string[] {
  const versions: string[] = [];
  for (const line of listOutput.split(/\r?\n/)) {
    const match = /^Microsoft\.NETCore\.App\s+(\d+\.\d+\.\d+\S*)/.exec(line.trim());
    if (match) versions.push(match[1]);
  }
  return versions;
}

/** Picks the newest runtime of at least `requiredMajor`, or says what is wrong. */
export function judgeRuntimes(versions: string[], dotnet: string): RuntimeCheck {
  const major = (v: string) => Number.parseInt(v.split('.')[0], 10);
  const fit = versions.filter(v => major(v) >= requiredMajor);
  if (fit.length > 0) {
    return { ok: true, version: fit.sort(compareVersions).at(-1)! };
  }
  if (versions.length === 0) {
    return { ok: false, message: `NanoLsp needs the .NET ${requiredMajor} runtime, but "${dotnet}" lists no .NET runtime. Install .NET ${requiredMajor} (${installUrl}).` };
  }
  return { ok: false, message: `NanoLsp needs the .NET ${requiredMajor} runtime; "${dotnet}" has only ${versions.join(', ')}. Install .NET ${requiredMajor} (${installUrl}).` };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(n => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map(n => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Runs `dotnet --list-runtimes` and judges it; a dotnet that cannot be started is reported as missing. */
export function checkDotnetRuntime(dotnet: string, timeoutMs = 15000): Promise<RuntimeCheck> {
  return new Promise(resolve => {
    execFile(dotnet, ['--list-runtimes'], { timeout: timeoutMs }, (error, stdout) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ ok: false, message: `NanoLsp needs the .NET ${requiredMajor} runtime, but "${dotnet}" was not found. Install .NET ${requiredMajor} (${installUrl}) or set DOTNET_ROOT to the folder that holds dotnet.` });
        return;
      }
      if (error) {
        resolve({ ok: false, message: `NanoLsp could not run "${dotnet} --list-runtimes": ${error.message.trim()}. Install .NET ${requiredMajor} (${installUrl}).` });
        return;
      }
      resolve(judgeRuntimes(parseRuntimes(stdout), dotnet));
    });
  });
}
