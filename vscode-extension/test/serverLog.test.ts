import { describe, expect, it } from 'vitest';
import { stderrClassifier } from '../src/serverLog';

const levels = (...lines: string[]) => {
  const classify = stderrClassifier();
  return lines.map(classify);
};

describe('server stderr in the output', () => {
  it('LoggerLinesAreTraceBecauseLogMessageAlreadyShowsThem', () => {
    expect(levels(
      '[04:34:09.942 info] Model nano-csharp ready (512 tokens of context, loaded in 7385 ms).',
      '[04:34:12.738 debug] Loading Inventory.csproj',
      '[04:34:12.738 error] Workspace load failed',
    )).toEqual(['trace', 'trace', 'trace']);
  });

  it('AnythingElseOnStderrIsAnError', () => {
    expect(levels('NanoLsp: unknown argument(s): --stdio --stdio. Editors start it with --stdio.')).toEqual(['error']);
    expect(levels('You must install or update .NET to run this application.')).toEqual(['error']);
    expect(levels('Unhandled exception. System.InvalidOperationException: boom')).toEqual(['error']);
  });

  it('ALoggedExceptionsStackLinesBelongToItsMessage', () => {
    expect(levels(
      '[04:34:12.738 error] Request failed: System.InvalidOperationException: boom',
      '   at NanoLsp.Server.RequestQueue.RunAsync()',
      ' ---> System.IO.IOException: pipe',
      '--- End of inner exception stack trace ---',
    )).toEqual(['trace', 'trace', 'trace', 'trace']);
  });

  it('ACrashAfterALoggerLineIsStillAnError', () => {
    expect(levels(
      '[04:34:12.738 info] Loaded.',
      'Unhandled exception. System.InvalidOperationException: boom',
      '   at NanoLsp.Program.Main()',
    )).toEqual(['trace', 'error', 'error']);
  });
});
