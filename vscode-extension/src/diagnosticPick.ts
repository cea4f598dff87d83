// Which diagnostic "NanoLsp: Explain the diagnostic at the cursor" explains. No `vscode` import: the
// shapes below are the parts of vscode.Diagnostic it reads.

export interface Pos { line: number; character: number }
export interface DiagnosticLike {
  range: { start: Pos; end: Pos };
  /** vscode.DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
  source?: string;
}

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);

function contains(d: DiagnosticLike, p: Pos): boolean {
  return !before(p, d.range.start) && !before(d.range.end, p);
}

/** Distance in characters on the cursor's line (diagnostics on other lines are not candidates). */
function distanceOnLine(d: DiagnosticLike, p: Pos): number | undefined {
  if (p.line < d.range.start.line || p.line > d.range.end.line) return undefined;
  if (contains(d, p)) return 0;
  if (d.range.start.line === p.line && p.character < d.range.start.character) return d.range.start.character - p.character;
  if (d.range.end.line === p.line && p.character > d.range.end.character) return p.character - d.range.end.character;
  return 0;
}

/**
 * The diagnostic under the cursor, else the nearest one on the cursor's line; ties go to the more severe.
 * Only the server's diagnostics count (source csharp or csharp-analyzer), not other extensions'.
 */
export function pickDiagnostic<T extends DiagnosticLike>(diagnostics: readonly T[], cursor: Pos): T | undefined {
  let best: { d: T; distance: number } | undefined;
  for (const d of diagnostics) {
    if (d.source !== undefined && !d.source.startsWith('csharp')) continue;
    const distance = distanceOnLine(d, cursor);
    if (distance === undefined) continue;
    if (!best || distance < best.distance || (distance === best.distance && d.severity < best.d.severity)) {
      best = { d, distance };
    }
  }
  return best?.d;
}
