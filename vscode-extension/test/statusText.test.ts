import { describe, expect, it } from 'vitest';
import { clientStateView, statusView, withWorkspaceStatus } from '../src/statusText';

describe('status bar', () => {
  it('ReadyShowsTheLastLatencyRounded', () => {
    const view = statusView({ state: 'ready', message: 'nano-csharp loaded', lastLatencyMs: 41.6 });
    expect(view.text).toContain('42 ms');
    expect(view.level).toBe('normal');
    expect(view.tooltip).toContain('nano-csharp loaded');
  });

  it('ReadyWithoutACompletionYetShowsNoLatency', () => {
    expect(statusView({ state: 'ready', message: 'loaded' }).text).not.toMatch(/ms/);
  });

  it('TooltipDescribesTheLastCompletion', () => {
    const view = statusView({
      state: 'ready', message: 'loaded', lastLatencyMs: 120,
      lastCompletion: { source: 'model', items: 1, promptTokens: 700, reusedPromptTokens: 650, generatedTokens: 9,
        stopReason: 'newline', verdict: 'keep', stageMs: { context: 3.2, model: 101.4 } },
    });
    expect(view.tooltip).toContain('from model');
    expect(view.tooltip).toContain('700 tokens (650 reused)');
    expect(view.tooltip).toContain('stopped: newline');
    expect(view.tooltip).toContain('model 101 ms');
  });

  it('ARemoteBackendsAnswerNamesTheBackend', () => {
    const remote = statusView({ state: 'ready', lastLatencyMs: 90, lastCompletion: { source: 'model', items: 1, backend: 'team-gpu' } });
    expect(remote.text).toContain('team-gpu');
    expect(remote.tooltip).toContain('from model (team-gpu)');
    const local = statusView({ state: 'ready', lastLatencyMs: 90, lastCompletion: { source: 'model', items: 1, backend: 'local' } });
    expect(local.text).not.toContain('local');
  });

  it('MissingModelIsAWarningWithTheServersMessage', () => {
    const view = statusView({ state: 'missing', message: 'No model in /x; set nanolsp.model.path' });
    expect(view.level).toBe('warning');
    expect(view.text).toContain('no model');
    expect(view.tooltip).toContain('set nanolsp.model.path');
  });

  it('ModelErrorIsAnError', () => {
    const view = statusView({ state: 'error', message: 'format version 9 is not supported' });
    expect(view.level).toBe('error');
    expect(view.tooltip).toContain('format version 9');
  });

  it('LoadingSpins', () => {
    expect(statusView({ state: 'loading', message: 'loading' }).text).toContain('loading~spin');
  });

  it('DisabledInlineCompletionsAreVisible', () => {
    const view = statusView({ state: 'ready', lastLatencyMs: 10 }, false);
    expect(view.text).toContain('circle-slash');
    expect(view.tooltip).toContain('nanolsp.inlineCompletion.enabled');
  });

  it('UnreadablePayloadStillGivesAStatus', () => {
    for (const payload of [null, 42, 'ready', {}, { state: 7 }]) {
      const view = statusView(payload);
      expect(view.level).toBe('warning');
      expect(view.text).toContain('NanoLsp');
    }
  });

  it('UnknownStateIsShownAsIs', () => {
    expect(statusView({ state: 'warming' }).text).toContain('warming');
  });

  it('FailedClientStateCarriesTheReason', () => {
    const view = clientStateView('failed', 'dotnet was not found');
    expect(view.level).toBe('error');
    expect(view.tooltip).toContain('dotnet was not found');
  });
});

describe('workspace status', () => {
  const ready = statusView({ state: 'ready', message: 'loaded' });

  it('PartialLoadIsAWarningThatNamesTheCountsAndTheReason', () => {
    const view = withWorkspaceStatus(ready, {
      state: 'partial', message: '1 of 4 project(s) did not load: bench/Bench.csproj (restore NU1101: Foo).',
      projectsFound: 4, projectsLoaded: 3, projectsFailed: 1, failures: [], looseFiles: 2,
    });
    expect(view.level).toBe('warning');
    expect(view.text).toContain('$(warning)');
    expect(view.tooltip).toContain('partial load, 3 of 4 projects loaded');
    expect(view.tooltip).toContain('bench/Bench.csproj (restore NU1101: Foo)');
  });

  it('FailedLoadSaysLooseFiles', () => {
    expect(withWorkspaceStatus(ready, { state: 'failed', message: 'x' }).tooltip).toContain('MSBuild loaded no project');
  });

  it('AFullLoadOrAnUnknownPayloadLeavesTheViewAlone', () => {
    expect(withWorkspaceStatus(ready, { state: 'loaded', projectsFound: 2, projectsLoaded: 2 })).toEqual(ready);
    expect(withWorkspaceStatus(ready, 42)).toEqual(ready);
  });

  it('AModelErrorStaysAnError', () => {
    const error = statusView({ state: 'error', message: 'bad model' });
    expect(withWorkspaceStatus(error, { state: 'partial' }).level).toBe('error');
  });
});
