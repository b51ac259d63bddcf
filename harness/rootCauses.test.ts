/**
 * Root causes: failures of one signature across checks are one bug, counted under the check that needs the least
 * to show it, with its smallest case as the example and that case's own title.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from './result.ts';
import { rootCausesOf } from './rootCauses.ts';

interface F {
  readonly signature: string;
  readonly title: string;
  readonly records: number;
  readonly classes: readonly string[];
}

/** A failed check of the given failures (only the fields root causes read). */
function failedCheck(id: string, level: 'must' | 'should', failures: readonly F[]): CheckResult {
  return {
    id,
    level,
    outcome: 'fail',
    failures: failures.map((f) => ({
      signature: f.signature,
      kind: 'handler',
      title: f.title,
      counterexample: {
        event: {
          datasetRecords: Object.fromEntries(Array.from({ length: f.records }, (_, i) => [`k${String(i)}`, null])),
        },
        classes: f.classes,
      },
    })),
  } as unknown as CheckResult;
}

const forced: Record<string, readonly string[]> = {
  'reply/shape': [],
  'robustness/null-entries': ['null-entries'],
  'robustness/max-records': ['max-records'],
  'data/no-dropped-changes': [],
};
const classesOf = (id: string): readonly string[] => forced[id] ?? [];

const crash = (records: number, title: string, classes = ['null-entries']): F => ({
  signature: 'handler TypeError handler.js:4',
  title,
  records,
  classes,
});

describe('rootCausesOf', () => {
  it('one signature in many checks is one cause, counted under the check whose class every case carries', () => {
    const causes = rootCausesOf(
      [
        failedCheck('reply/shape', 'must', [crash(3, "TypeError (reading 'op') at handler.js:4")]),
        failedCheck('robustness/null-entries', 'must', [crash(1, "TypeError (reading 'newValue') at handler.js:4")]),
        failedCheck('robustness/max-records', 'must', [
          crash(1024, 'TypeError at handler.js:4', ['null-entries', 'max-records']),
        ]),
      ],
      classesOf,
    );
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      id: 'R1',
      home: 'robustness/null-entries',
      checks: ['reply/shape', 'robustness/null-entries', 'robustness/max-records'],
      level: 'must',
      // The smallest case, and its own title (the first seen said 'op').
      example: { check: 'robustness/null-entries', failure: 0 },
      title: "TypeError (reading 'newValue') at handler.js:4",
    });
  });

  it('a session that met the same crash neither moves its home nor becomes its example', () => {
    const session = failedCheck('sessions/converge', 'must', [crash(0, 'TypeError at handler.js:4', ['2 devices'])]);
    const failures = session.outcome === 'fail' ? session.failures : [];
    // A session check keeps its session as its input.
    const withSession = {
      ...session,
      failures: failures.map((f) => ({
        ...f,
        counterexample: {
          ...f.counterexample,
          input: { session: { devices: 2, steps: [{ kind: 'edit', device: 0, key: 0, value: 'v' }] } },
        },
      })),
    } as unknown as CheckResult;
    const causes = rootCausesOf(
      [
        failedCheck('reply/shape', 'must', [crash(3, 'TypeError at handler.js:4')]),
        failedCheck('robustness/null-entries', 'must', [crash(2, 'TypeError at handler.js:4')]),
        withSession,
      ],
      classesOf,
    );
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      home: 'robustness/null-entries',
      checks: ['reply/shape', 'robustness/null-entries', 'sessions/converge'],
      example: { check: 'robustness/null-entries', failure: 0 },
    });
  });

  it('when no check’s class is carried by every case, the check that forces the fewest classes counts it', () => {
    const causes = rootCausesOf(
      [
        failedCheck('reply/shape', 'must', [crash(2, 'TypeError at handler.js:4', [])]),
        failedCheck('robustness/null-entries', 'must', [crash(1, 'TypeError at handler.js:4')]),
      ],
      classesOf,
    );
    expect(causes.map((c) => c.home)).toEqual(['reply/shape']);
  });

  it('distinct signatures are distinct causes, numbered in catalog order of their home; should when no must check', () => {
    const dropped: F = { signature: 'check data/no-dropped-changes', title: 'dropped', records: 2, classes: [] };
    const causes = rootCausesOf(
      [
        failedCheck('reply/shape', 'must', [crash(1, 'TypeError at handler.js:4', [])]),
        failedCheck('data/no-dropped-changes', 'should', [dropped]),
      ],
      classesOf,
    );
    expect(causes.map((c) => [c.id, c.home, c.level])).toEqual([
      ['R1', 'reply/shape', 'must'],
      ['R2', 'data/no-dropped-changes', 'should'],
    ]);
  });
});
