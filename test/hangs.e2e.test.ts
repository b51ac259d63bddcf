/**
 * A handler that hangs on some inputs costs each check one deadline: the first check to meet the hang shrinks it,
 * and the next one tries a case of the same classes first, fails with it at once (attributed, not shrunk again),
 * and the run's verdict names the timeout as a root cause. Real worker isolation and the real 5 s deadline.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseAt } from '../harness/caseAt.ts';
import { checkConformance, firstCounterexample } from '../harness/index.ts';
import { DEFAULT_READINGS } from '../model/index.ts';
import { CATALOG } from '../suites/catalog.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// The handler waits where spin-on-empty.cjs spins: the same hang for the tool (test/hostile.cli.test.ts runs a spinning
// one), without a core burnt at every deadline the test waits out.
describe('a handler that hangs on events without records', () => {
  it(
    'fails every check it hangs in, the hang shrunk once and attributed elsewhere',
    async () => {
      const run = await checkConformance({
        handler: join(root, 'fixtures/handlers/hangs/stall-on-empty.cjs'),
        checks: ['reply/shape', 'reply/read-only-fields'],
        runs: 40,
        seed: 3,
        store: false,
        concurrency: 1,
      });
      expect(run.summary.conformant).toBe(false);
      expect(run.checks.map((c) => [c.id, c.outcome])).toEqual([
        ['reply/shape', 'fail'],
        ['reply/read-only-fields', 'fail'],
      ]);
      const [shape, readOnly] = run.checks.map((c) => firstCounterexample(c));
      expect(shape?.attributedTo).toBeUndefined();
      expect(readOnly?.attributedTo).toBe('reply/shape');
      expect(readOnly?.numShrinks).toBe(0);
      // Both are the same timeout, one root cause.
      expect(run.rootCauses.map((r) => r.checks)).toEqual([['reply/shape', 'reply/read-only-fields']]);
      // The attributed case is replayable: its seed and path draw an event without records.
      const check = CATALOG.find((c) => c.id === 'reply/read-only-fields');
      if (!check || !readOnly) throw new Error('missing');
      const input = caseAt(check, { readings: DEFAULT_READINGS }, readOnly.seed, readOnly.path);
      expect(Object.keys((check.eventOf(input) as { datasetRecords: object }).datasetRecords)).toEqual([]);
    },
    scaled(120_000),
  );
});
