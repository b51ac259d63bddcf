/**
 * The kill matrix: with default settings and no config, every known-bad fixture handler is flagged by the checks its
 * manifest declares — the checks its root causes are counted under — and each of those checks counts it there, and
 * nothing errors or ends incomplete. A known-good fixture runs every check and is flagged by nothing. This is what
 * proves each check fires on its target, with the keys and dataset names the handler acts on found by discovery.
 * Here a known-bad fixture runs its declared checks only (`matrixChecks`, scope `targets`): the whole published table,
 * every fixture through every check, is `npm run kill-matrix`.
 * A small, fixed number of cases per check; fixtures run side by side, and the matrix is split in shards (one test
 * file each, `killMatrix.<n>.test.ts`) that Vitest runs in parallel: a run's generation and judging are the main
 * thread's, so one file could use one core only.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureName } from '../fixtures/handlers/conformance/manifest.ts';
import { matrixProblems, runFixture } from '../fixtures/handlers/conformance/matrix.ts';
import { failuresOf } from '../harness/result.ts';
import { scaled } from './timeScale.test-helpers.ts';

/** Fixtures run side by side, so one waits for others: a generous bound, scaled on a busy machine. */
const TIMEOUT_MS = scaled(300_000);
/** The tool's own waits, scaled alike: a lane's init (10 s by default) and a check's wall-clock limit (60 s). */
const LIMITS = { initTimeoutMs: scaled(10_000), checkTimeLimitMs: scaled(60_000) };
/**
 * Cases per check for a known-good fixture, which runs every check: fewer than the table's, as a known-bad one's
 * declared checks need. What is proved here is that no check flags it; `npm run kill-matrix` runs the table's number.
 */
const GOOD_RUNS = 10;

/** The shards the matrix is split in: one test file each. */
export const KILL_MATRIX_SHARDS = 3;

/**
 * Declares one shard of the kill matrix: every `KILL_MATRIX_SHARDS`-th fixture from `shard` on.
 * @param shard - 0-based
 */
export function killMatrixShard(shard: number): void {
  const mine = FIXTURES.filter((_, i) => i % KILL_MATRIX_SHARDS === shard);
  describe.concurrent(`kill matrix, shard ${String(shard + 1)} of ${String(KILL_MATRIX_SHARDS)}`, () => {
    it.each(mine.map((f) => [fixtureName(f), f] as const))(
      '%s is flagged by its declared checks, each counting it',
      async (_name, f) => {
        const run = await runFixture(f, 'targets', f.flaggedBy.length === 0 ? { ...LIMITS, runs: GOOD_RUNS } : LIMITS);
        // Nothing errored or ended incomplete, and the checks its root causes count under are the declared ones.
        const why = run.rootCauses.map((c) => `${c.id} ${c.home}: ${c.title}`).join('\n');
        expect(matrixProblems(f, run), why).toStrictEqual([]);
        // Every check that failed names a root cause, and every failure replays.
        for (const c of run.checks)
          for (const failure of failuresOf(c)) {
            expect(run.rootCauses.some((r) => r.signature === failure.signature)).toBe(true);
            expect(failure.counterexample.replay).toMatch(/^npx cognito-sync-conformance replay /);
          }
      },
      TIMEOUT_MS,
    );
  });
}
