import { describe, expect, it } from 'vitest';
import { stderrLevel } from '../src/serverLog';

describe('server stderr in the output', () => {
  it('LoggerLinesAreTraceBecauseLogMessageAlreadyShowsThem', () => {
    expect(stderrLevel('[04:34:09.942 info] Model nano-csharp ready (512 tokens of context, loaded in 7385 ms).')).toBe('trace');
    expect(stderrLevel('[04:34:12.738 debug] Loading Inventory.csproj')).toBe('trace');
    expect(stderrLevel('[04:34:12.738 error] Workspace load failed')).toBe('trace');
  });

  it('AnythingElseOnStderrIsAnError', () => {
    expect(stderrLevel('NanoLsp: unknown argument(s): --stdio --stdio. Editors start it with --stdio.')).toBe('error');
    expect(stderrLevel('You must install or update .NET to run this application.')).toBe('error');
    expect(stderrLevel('Unhandled exception. System.InvalidOperationException: boom')).toBe('error');
  });
});
