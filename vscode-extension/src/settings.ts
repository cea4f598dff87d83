// The nanolsp.* settings: which belong to the server (sent as initializationOptions and on every
// change) and which only the client reads. No `vscode` import.

/** Read by the extension itself; the server ignores them too (ServerSettings), but they are not sent. */
export const clientOnlySettings = ['server.path', 'trace.server'] as const;

/** Changing these needs a new server process, not a didChangeConfiguration. */
export const restartSettings = ['server.path'] as const;

/** Every setting the server reads (docs/protocol.md), as keys below "nanolsp.". */
export const serverSettings = [
  'logLevel',
  'diagnostics.debounceMs',
  'diagnostics.analyzers',
  'inlineCompletion.enabled',
  'inlineCompletion.maxLength',
  'inlineCompletion.deadlineMs',
  'completion.rankWithModel',
  'completion.rankDeadlineMs',
  'completion.rankWaitMs',
  'completion.rankWaitColdMs',
  'codeActions.modelFixes',
  'codeActions.modelFixDeadlineMs',
  'memory.mixing',
  'memory.candidates',
  'memory.neighbours',
  'memory.names',
  'backends',
  'routing.policy',
  'routing.hedgeAfterMs',
  'model.path',
  'workspace.solutions',
] as const;

export type SettingReader = (key: string) => unknown;

/**
 * The server's settings in the nested shape it accepts ({"nanolsp": {"inlineCompletion": {...}}}).
 * Unset values (undefined) are left out so the server keeps its defaults; an empty model path means
 * the shipped model and is sent as null.
 */
export function serverSettingsPayload(read: SettingReader): { nanolsp: Record<string, unknown> } {
  const root: Record<string, unknown> = {};
  for (const key of serverSettings) {
    let value = read(key);
    if (value === undefined) continue;
    if (key === 'model.path' && typeof value === 'string' && value.trim() === '') value = null;
    setNested(root, key.split('.'), value);
  }
  return { nanolsp: root };
}

function setNested(target: Record<string, unknown>, parts: string[], value: unknown): void {
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** True when a change to one of `sections` (full "nanolsp.x" names) needs the server restarted. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return restartSettings.some(key => affects(`nanolsp.${key}`));
}
