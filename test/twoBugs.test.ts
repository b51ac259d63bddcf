/**
 * A handler with two different bugs gets two distinct, separately shrunk failures and two root causes — even when
 * one bug fails most cases (it sits on the dataset name discovery finds, which the generators favour).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { failuresOf } from '../harness/result.ts';

const handler = fileURLToPath(new URL('../fixtures/handlers/conformance/bad-two-bugs.cjs', import.meta.url));

describe('a handler with two bugs', () => {
  it('shows both, each shrunk on its own, as two root causes', async () => {
    const run = await checkConformance({
      handler,
      checks: ['reply/shape', 'robustness/null-entries'],
      runs: 25,
      seed: 20261122,
      store: false,
      isolation: 'in-process',
    });
    expect(run.discovery?.datasetNames.map((n) => n.value)).toContain('ShoppingList');
    const nullEntries = run.checks.find((c) => c.id === 'robustness/null-entries');
    const titles = (nullEntries ? failuresOf(nullEntries) : []).map((f) => f.title);
    expect(titles).toEqual([
      expect.stringContaining('ReferenceError: auditTrail is not defined'),
      expect.stringContaining("TypeError: Cannot read properties of null (reading 'op')"),
    ]);
    expect(run.rootCauses.map((r) => r.title.split(':')[0])).toEqual(['ReferenceError', 'TypeError']);
  });

  it('shrinks each bug to its own minimal event', async () => {
    const run = await checkConformance({
      handler,
      checks: ['robustness/null-entries'],
      runs: 25,
      seed: 20261122,
      store: false,
      isolation: 'in-process',
    });
    const check = run.checks.find((c) => c.id === 'robustness/null-entries');
    const [reference, nullEntry] = check ? failuresOf(check) : [];
    type Event = { datasetName: string; datasetRecords: Record<string, unknown> };
    // The ReferenceError needs only the dataset name: shrunk from the case that met it first.
    expect(reference?.title).toMatch(/^ReferenceError/);
    expect(reference?.counterexample.numShrinks).toBeGreaterThan(0);
    const refEvent = reference?.counterexample.event as Event;
    expect(refEvent.datasetName).toBe('ShoppingList');
    // It keeps the check's class while shrinking (a null entry), and nothing else.
    expect(Object.values(refEvent.datasetRecords)).toStrictEqual([null]);
    // The null-entry crash needs one null entry, on another dataset name (or it would be the first), beside at most
    // the one patch that makes Cognito send it (a tombstone comes with an update), shrunk to empty values.
    expect(nullEntry?.title).toMatch(/^TypeError/);
    expect(nullEntry?.counterexample.numShrinks).toBeGreaterThan(0);
    const nullEvent = nullEntry?.counterexample.event as Event;
    expect(nullEvent.datasetName).not.toBe('ShoppingList');
    const entries = Object.values(nullEvent.datasetRecords);
    expect(entries.filter((e) => e === null)).toHaveLength(1);
    expect(entries.length).toBeLessThanOrEqual(2);
    for (const e of entries.filter((x) => x !== null)) expect(e).toMatchObject({ newValue: '' });
  });
});
