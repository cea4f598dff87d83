// Status bar text from the server's nanolsp/modelStatus notification (docs/protocol.md). No `vscode` import.

export interface CompletionReport {
  uri?: string;
  source?: string;
  items?: number;
  promptTokens?: number;
  reusedPromptTokens?: number;
  generatedTokens?: number;
  stopReason?: string | null;
  verdict?: string | null;
  stageMs?: Record<string, number>;
  /** Which of nanolsp.backends answered ("local" for the nano model). */
  backend?: string;
}

export interface ModelStatus {
  state: string;
  message?: string;
  lastLatencyMs?: number;
  lastCompletion?: CompletionReport;
}

export interface StatusView {
  /** Status bar text; $(name) are codicons. */
  text: string;
  tooltip: string;
  /** Maps to the status bar's warning/error background. */
  level: 'normal' | 'warning' | 'error';
}

/** What the status bar shows before the server says anything, or when the client itself changes state. */
export function clientStateView(state: 'starting' | 'stopped' | 'failed', detail?: string): StatusView {
  switch (state) {
    case 'starting':
      return { text: '$(loading~spin) NanoLsp', tooltip: 'NanoLsp: starting the server', level: 'normal' };
    case 'stopped':
      return { text: '$(circle-slash) NanoLsp', tooltip: 'NanoLsp: the server is not running. Click for the output.', level: 'warning' };
    case 'failed':
      return { text: '$(error) NanoLsp', tooltip: `NanoLsp: ${detail ?? 'the server could not start'}. Click for the output.`, level: 'error' };
  }
}

/** Reads a modelStatus payload defensively: an unknown shape still gives a readable status. */
export function statusView(payload: unknown, inlineEnabled = true): StatusView {
  const status = asModelStatus(payload);
  if (!status) {
    return { text: '$(question) NanoLsp', tooltip: 'NanoLsp: the server sent a model status this extension cannot read.', level: 'warning' };
  }
  const latency = typeof status.lastLatencyMs === 'number' && Number.isFinite(status.lastLatencyMs)
    ? `${Math.round(status.lastLatencyMs)} ms` : undefined;
  const lines = [`NanoLsp model: ${status.state}`];
  if (status.message) lines.push(status.message);
  if (!inlineEnabled) lines.push('Inline completions are off (nanolsp.inlineCompletion.enabled).');
  const report = describeCompletion(status.lastCompletion, latency);
  if (report) lines.push(report);
  lines.push('Click to show the output.');
  const tooltip = lines.join('\n');

  switch (status.state) {
    case 'loading':
      return { text: '$(loading~spin) NanoLsp: loading model', tooltip, level: 'normal' };
    case 'ready': {
      const icon = inlineEnabled ? '$(sparkle)' : '$(circle-slash)';
      // A remote backend's answer says whose it was: what leaves the machine must be visible.
      const backend = status.lastCompletion?.backend;
      const remote = typeof backend === 'string' && backend !== 'local' ? ` · ${backend}` : '';
      return { text: latency ? `${icon} NanoLsp ${latency}${remote}` : `${icon} NanoLsp${remote}`, tooltip, level: 'normal' };
    }
    case 'missing':
      return { text: '$(warning) NanoLsp: no model', tooltip, level: 'warning' };
    case 'error':
      return { text: '$(error) NanoLsp: model error', tooltip, level: 'error' };
    default:
      return { text: `$(question) NanoLsp: ${status.state}`, tooltip, level: 'warning' };
  }
}

function describeCompletion(report: CompletionReport | undefined, latency: string | undefined): string | undefined {
  if (!report) return latency ? `Last completion: ${latency}` : undefined;
  const parts = [`Last completion: ${latency ?? '?'}`];
  if (report.source) parts.push(typeof report.backend === 'string' ? `from ${report.source} (${report.backend})` : `from ${report.source}`);
  if (typeof report.items === 'number') parts.push(`${report.items} shown`);
  let line = parts.join(', ');
  if (typeof report.promptTokens === 'number' && report.promptTokens > 0) {
    line += `\nPrompt ${report.promptTokens} tokens (${report.reusedPromptTokens ?? 0} reused), ${report.generatedTokens ?? 0} generated`;
    if (report.stopReason) line += `, stopped: ${report.stopReason}`;
  }
  if (report.verdict) line += `\nFilter: ${report.verdict}`;
  if (report.stageMs) {
    const stages = Object.entries(report.stageMs).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ');
    if (stages) line += `\nStages: ${stages}`;
  }
  return line;
}

function asModelStatus(payload: unknown): ModelStatus | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  if (typeof p.state !== 'string' || p.state.length === 0) return undefined;
  return {
    state: p.state,
    message: typeof p.message === 'string' ? p.message : undefined,
    lastLatencyMs: typeof p.lastLatencyMs === 'number' ? p.lastLatencyMs : undefined,
    lastCompletion: typeof p.lastCompletion === 'object' && p.lastCompletion !== null ? p.lastCompletion as CompletionReport : undefined,
  };
}

/**
 * Adds the server's nanolsp/workspaceStatus to a view: a partial or failed load is a warning the user
 * sees in the status bar (which projects did not load is in the tooltip), not only in the log.
 */
export function withWorkspaceStatus(view: StatusView, payload: unknown): StatusView {
  if (typeof payload !== 'object' || payload === null) return view;
  const p = payload as Record<string, unknown>;
  const state = typeof p.state === 'string' ? p.state : undefined;
  if (state !== 'partial' && state !== 'failed') return view;
  const loaded = typeof p.projectsLoaded === 'number' ? p.projectsLoaded : undefined;
  const found = typeof p.projectsFound === 'number' ? p.projectsFound : undefined;
  const counts = loaded !== undefined && found !== undefined ? `${loaded} of ${found} projects loaded` : 'projects not all loaded';
  // The message says what serves the files then: the projects as their files say, or loose files where there is no project file.
  const headline = state === 'failed' ? 'Workspace: MSBuild loaded no project' : `Workspace: partial load, ${counts}`;
  const message = typeof p.message === 'string' ? `\n${p.message}` : '';
  return {
    text: `${view.text} $(warning)`,
    tooltip: `${headline}${message}\n${view.tooltip}`,
    level: view.level === 'error' ? 'error' : 'warning',
  };
}
