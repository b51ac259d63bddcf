/** Shrinking acts on intent: a failure about one key shrinks to a tiny dataset, whatever size it was found at. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncCase } from './syncCase.ts';
import type { SyncCase } from './_internal/types.ts';

const keysOf = (c: SyncCase): string[] => Object.keys(c.event.datasetRecords);

describe('shrinking', () => {
  it('shrinks "the event contains key __proto__" to a dataset of at most 2 records', () => {
    const out = fc.check(
      fc.property(syncCase(), (c) => !keysOf(c).includes('__proto__')),
      { seed: 42, numRuns: 2000 },
    );
    expect(out.failed).toBe(true);
    const [c] = out.counterexample ?? [];
    expect(c).toBeDefined();
    if (!c) return;
    expect(keysOf(c)).toContain('__proto__');
    expect(c.dataset.records.length).toBeLessThanOrEqual(2);
    expect(keysOf(c).length).toBeLessThanOrEqual(2);
    expect(c.scenario.bulk).toStrictEqual([]);
    // fast-check prints the abstract scenario, not the event.
    expect(fc.stringify(c)).toMatch(/^SyncCase \{/);
  });

  it('keeps a forced class while shrinking: a max-records failure shrinks all else, and keeps 1,024 records', () => {
    const out = fc.check(
      fc.property(syncCase({ classes: ['max-records'] }), (c) => c.patches.every((p) => p.op !== 'remove')),
      // A seed whose first failure removes a record of its own. About half of the seeds (9 of 20 tried) first fail on
      // a bulk of 1,024 removes, and that stays: shrinking cannot move the remove out of the bulk into a record of
      // its own, which takes two changes at once.
      { seed: 1, numRuns: 200 },
    );
    expect(out.failed).toBe(true);
    const [c] = out.counterexample ?? [];
    expect(c?.patches.filter((p) => p.op === 'remove').length).toBe(1);
    expect(c?.scenario.records.length ?? 99).toBeLessThanOrEqual(1);
    expect(Object.keys(c?.event.datasetRecords ?? {}).length).toBe(1024);
  });

  it('keeps a full dataset that a failure needs while the rest shrinks, in mixed scenarios too', () => {
    const out = fc.check(
      fc.property(syncCase({ size: 'mixed' }), (c) => Object.keys(c.event.datasetRecords).length < 1000),
      { seed: 3, numRuns: 500 },
    );
    expect(out.failed).toBe(true);
    const [c] = out.counterexample ?? [];
    expect(Object.keys(c?.event.datasetRecords ?? {}).length).toBeGreaterThanOrEqual(1000);
    expect(c?.scenario.records.length ?? 99).toBeLessThanOrEqual(1);
  });

  it('keeps an unusual-keys failure’s unusual key while it sheds null entries and every other record', () => {
    const PROTOTYPE = new Set(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']);
    const arb = syncCase({ classes: ['prototype-keys', 'unicode-keys'] });
    // Null entries come up beside the forced keys, unasked: the noise shrinking must shed.
    const drawn = fc.sample(arb, { seed: 11, numRuns: 200 });
    expect(drawn.some((c) => Object.values(c.event.datasetRecords).includes(null))).toBe(true);
    // The bug: the handler trips on a prototype-named key.
    const out = fc.check(
      fc.property(arb, (c) => keysOf(c).every((k) => !PROTOTYPE.has(k))),
      { seed: 11, numRuns: 200 },
    );
    expect(out.failed).toBe(true);
    const [c] = out.counterexample ?? [];
    const keys = c ? keysOf(c) : [];
    expect(keys.some((k) => PROTOTYPE.has(k))).toBe(true);
    // Only what the forced classes need is left: the prototype key and a unicode key, no null entry.
    expect(Object.values(c?.event.datasetRecords ?? {}).filter((r) => r === null)).toStrictEqual([]);
    expect(keys.length).toBeLessThanOrEqual(3);
    expect(c?.scenario.bulk).toStrictEqual([]);
  });
});
