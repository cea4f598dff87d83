import { describe, expect, it } from 'vitest';
import { type DiagnosticLike, pickDiagnostic } from '../src/diagnosticPick';

const d = (line: number, from: number, to: number, severity = 0, source = 'csharp'): DiagnosticLike =>
  ({ range: { start: { line, character: from }, end: { line, character: to } }, severity, source });

describe('explain diagnostic: which one', () => {
  it('TheDiagnosticUnderTheCursorWins', () => {
    const under = d(3, 10, 20, 1);
    expect(pickDiagnostic([d(3, 0, 5), under], { line: 3, character: 12 })).toBe(under);
  });

  it('NearestOnTheLineWhenNoneIsUnderTheCursor', () => {
    const near = d(3, 30, 35);
    expect(pickDiagnostic([d(3, 0, 5), near], { line: 3, character: 28 })).toBe(near);
  });

  it('ErrorsWinOverWarningsAtTheSameSpot', () => {
    const error = d(2, 4, 9, 0);
    expect(pickDiagnostic([d(2, 4, 9, 1), error], { line: 2, character: 5 })).toBe(error);
  });

  it('OtherLinesAndOtherToolsAreNotCandidates', () => {
    expect(pickDiagnostic([d(1, 0, 5), d(3, 0, 5, 0, 'eslint')], { line: 3, character: 1 })).toBeUndefined();
  });

  it('AMultiLineDiagnosticCoversItsMiddleLines', () => {
    const wide: DiagnosticLike = { range: { start: { line: 1, character: 4 }, end: { line: 5, character: 1 } }, severity: 0, source: 'csharp' };
    expect(pickDiagnostic([wide], { line: 3, character: 0 })).toBe(wide);
  });
});
