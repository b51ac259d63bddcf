/**
 * The record-level diff of a counterexample: stored before, expected, resulting, and what a rejected reply asked
 * for; the cause of a rejection first, then deviations.
 */
import { describe, expect, it } from 'vitest';
import { eventOf, recordsOf, valuesOf } from './__fixtures__/hostile.ts';
import { recordDiff, rowNote } from './diff.ts';

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

  it('says in words what the user did and what the reply left, a record the user does not have included', () => {
    const d = recordDiff({
      stored: valuesOf([['kept', 'a']]),
      expected: valuesOf([['kept', 'b']]),
      resulting: valuesOf([
        ['kept', 'a'],
        ['extra', 'x'],
      ]),
    });
    expect(d.rows.map((r) => [r.key, rowNote(r, d)])).toStrictEqual([
      ['extra', '✗ user has no such record, reply added it'],
      ['kept', '✗ user changed it, reply left it unchanged'],
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
    expect(d.askedShown).toBe(false);
    expect(d.rows).toStrictEqual([
      {
        key: '__proto__',
        stored: '1',
        expected: '2',
        resulting: '1',
        asked: '1',
        expectedChange: 'changed',
        resultingChange: 'same',
        askedChange: 'same',
        deviates: true,
        askedOtherwise: false,
      },
      {
        key: 'constructor',
        stored: undefined,
        expected: 'c',
        resulting: undefined,
        asked: undefined,
        expectedChange: 'added',
        resultingChange: 'absent',
        askedChange: 'absent',
        deviates: true,
        askedOtherwise: false,
      },
    ]);
  });

  it('shows what a rejected reply asked for: the record a handler added to a full dataset comes first', () => {
    const keys = Array.from({ length: 1024 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    const stored = valuesOf(keys.map((k) => [k, 'v']));
    const event = eventOf(recordsOf(keys.map((k) => [k, { oldValue: 'v', newValue: 'v', op: 'replace' }])));
    const reply = {
      ...event,
      datasetRecords: { ...event.datasetRecords, lastSync: { newValue: 'x'.repeat(2000), op: 'replace' } },
    };
    const d = recordDiff({
      stored,
      expected: stored,
      resulting: null,
      invocations: [{ kind: 'replied', ms: 1, logs: '', json: JSON.stringify(reply) }],
    });
    expect(d.rejected).toBe(true);
    expect(d.askedShown).toBe(true);
    expect(d.unchanged).toBe(1024);
    expect(d.rows).toHaveLength(1);
    const [row] = d.rows;
    expect(row).toMatchObject({ key: 'lastSync', asked: 'x'.repeat(2000), askedChange: 'added', askedOtherwise: true });
    if (row) expect(rowNote(row, d)).toBe('✗ the reply asked to add it (the user has no such record)');
  });

  it('says nothing of what a reply asked when the model cannot read its records, or when it was accepted', () => {
    const stored = valuesOf([['score', '10']]);
    const expected = valuesOf([['score', '11']]);
    const number = JSON.stringify({ datasetRecords: { score: { newValue: 11, op: 'replace' } } });
    const invocations = [{ kind: 'replied' as const, ms: 1, logs: '', json: number }];
    expect(recordDiff({ stored, expected, resulting: null, invocations }).askedShown).toBe(false);
    expect(recordDiff({ stored, expected, resulting: expected, invocations }).askedShown).toBe(false);
  });
});
