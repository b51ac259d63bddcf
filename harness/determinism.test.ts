/**
 * The results of a seed do not depend on how the run is spread: every check draws from its own sub-seed (root seed
 * and check id), so the same handler, seed and checks give the same outcomes and the same counterexamples at any
 * concurrency. A handler that fails several checks with several root causes, a few runs each, in worker isolation.
 * (A handler that hangs is the exception: a hang one check found shortens the search of the checks after it.)
 */
import { describe, expect, it } from 'vitest';
import { comparableRun, DETERMINISM_RUN } from './determinism.test-helpers.ts';
import { checkConformance } from './run.ts';

describe('a seed gives the same results at any concurrency', () => {
  it('concurrency 1 and 3: the same outcomes, counterexamples (seed, path, event) and root causes', async () => {
    const one = await checkConformance({ ...DETERMINISM_RUN, concurrency: 1 });
    const three = await checkConformance({ ...DETERMINISM_RUN, concurrency: 3 });
    // The fixture fails some checks and passes others, with more than one root cause: a comparison that says something.
    expect(one.checks.map((c) => [c.id, c.outcome])).toStrictEqual([
      ['reply/shape', 'fail'],
      ['robustness/null-entries', 'fail'],
      ['robustness/removed-records', 'pass'],
      ['data/no-dropped-changes', 'pass'],
      ['data/user-removals-kept', 'fail'],
      ['idempotency/no-churn', 'fail'],
    ]);
    expect(one.rootCauses.length).toBeGreaterThan(1);
    expect(comparableRun(three)).toStrictEqual(comparableRun(one));
  });
});
