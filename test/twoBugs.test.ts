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
});
