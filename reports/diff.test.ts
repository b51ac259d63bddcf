/** The record-level diff of a counterexample: stored before, expected, resulting; deviations first. */
import { describe, expect, it } from 'vitest';
import { valuesOf } from './__fixtures__/hostile.ts';
import { recordDiff } from './diff.ts';

describe('recordDiff', () => {
  it('lists the keys that differ anywhere, deviations from the user’s intent first, each group by key', () => {
    const d = recordDiff({
      stored: valuesOf([
        ['same', '1'],
        ['kept', 'a'],
        ['gone', 'x'],
        ['edited', 'old'],
      ]),
      expected: valuesOf([
        ['same', '1'],
        ['kept', 'b'],
        ['edited', 'new'],
        ['added', 'n'],
      ]),
      resulting: valuesOf([
        ['same', '1'],
        ['kept', 'a'],
        ['edited', 'new'],
        ['added', 'n'],
      ]),
    });
    expect(d.unchanged).toBe(1);
    expect(d.rejected).toBe(false);
    expect(d.rows.map((r) => [r.key, r.expectedChange, r.resultingChange, r.deviates])).toStrictEqual([
      ['kept', 'changed', 'same', true],
      ['added', 'added', 'added', false],
      ['edited', 'changed', 'changed', false],
      ['gone', 'removed', 'removed', false],
    ]);
  });

  it('reads a rejected update as nothing written, and never reaches Object.prototype', () => {
    const d = recordDiff({
      stored: valuesOf([['__proto__', '1']]),
      expected: valuesOf([
        ['__proto__', '2'],
        ['constructor', 'c'],
      ]),
      resulting: null,
    });
    expect(d.rejected).toBe(true);
    expect(d.rows).toStrictEqual([
      {
        key: '__proto__',
        stored: '1',
        expected: '2',
        resulting: '1',
        expectedChange: 'changed',
        resultingChange: 'same',
        deviates: true,
      },
      {
        key: 'constructor',
        stored: undefined,
        expected: 'c',
        resulting: undefined,
        expectedChange: 'added',
        resultingChange: 'absent',
        deviates: true,
      },
    ]);
  });
});
