/**
 * The results of a seed do not depend on how the run is spread: every check draws from its own sub-seed (root seed
 * and check id), so the same handler, seed and checks give the same outcomes and the same counterexamples at any
 * concurrency. A handler that fails several checks with several root causes, a few runs each, in worker isolation.
 * (A handler that hangs is the exception: a hang one check found shortens the search of the checks after it.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeReports, readReport, writeReports } from '../reports/index.ts';
import { comparableRun, DETERMINISM_RUN } from './determinism.test-helpers.ts';
import type { RunResult } from './result.ts';
import { checkConformance } from './run.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-determinism-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The unsharded run at concurrency 1, the reference of every comparison (run once, for both tests). */
let reference: Promise<RunResult> | undefined;
const unsharded = (): Promise<RunResult> => (reference ??= checkConformance({ ...DETERMINISM_RUN, concurrency: 1 }));

describe('a seed gives the same results at any concurrency', () => {
  it('concurrency 1 and 3: the same outcomes, counterexamples (seed, path, event) and root causes', async () => {
    const one = await unsharded();
    const three = await checkConformance({ ...DETERMINISM_RUN, concurrency: 3 });
    // The fixture fails some checks and passes others, with more than one root cause: a comparison that says something.
    expect(one.checks.map((c) => [c.id, c.outcome])).toStrictEqual([
      ['reply/shape', 'pass'],
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

describe('a run split in shards and merged is the unsharded run', () => {
  it('run --shard 1/2 and 2/2, report merge: the same verdict, summary, checks and root causes', async () => {
    const one = await unsharded();
    const dirs: string[] = [];
    for (const index of [1, 2]) {
      const shard = await checkConformance({ ...DETERMINISM_RUN, concurrency: 2, shard: { index, count: 2 } });
      // On its own a shard is partial: it never claims conformance, whatever its checks came to.
      expect(shard.options.shard).toStrictEqual({ index, count: 2 });
      expect(shard.summary).toMatchObject({ partial: true, conformant: false, total: 3 });
      const dir = join(tmp, `shard-${String(index)}`);
      await writeReports(shard, dir, ['json']);
      dirs.push(dir);
    }
    const written = await mergeReports(dirs.reverse(), join(tmp, 'merged'));
    expect(written).toContain(join(tmp, 'merged', 'report.json'));
    expect(written).toContain(join(tmp, 'merged', 'index.html'));
    const { run: merged } = await readReport(join(tmp, 'merged'));
    expect(comparableRun(merged)).toStrictEqual(comparableRun(one));
    expect(merged.options).toStrictEqual(one.options);
    expect(merged.summary.conformant).toBe(false);
    expect(merged.summary.partial).toBe(false);
  });
});
