/**
 * Conformance checks inside a user's own Vitest suite: one `it` per check, failing with the same counterexample
 * text the CLI prints.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openSession, type RunOptions, type Session } from '../harness/index.ts';
import { resolveOptions, selectChecks } from '../harness/index.ts';
import { failureText } from '../reports/text.ts';

/** Options of `describeConformance`: run options, plus whether `should` failures fail their test. */
export type DescribeOptions = RunOptions & {
  /** Fail the test of a `should` check that fails. @defaultValue false (the test passes and logs a warning) */
  readonly strict?: boolean;
  /** Per-test timeout, ms. @defaultValue 120 000 */
  readonly timeoutMs?: number;
};

/**
 * Registers a `describe` block with one test per selected check.
 * @param name - the block's name
 * @param options - the handler and run options (as for `checkConformance`)
 * @example
 * import { describeConformance } from 'cognito-sync-conformance/vitest';
 * describeConformance('sync trigger', { handler: './src/handler.ts', runs: 50 });
 */
export function describeConformance(name: string, options: DescribeOptions): void {
  const { timeoutMs = 120_000, ...run } = options;
  // Checks are selected now, synchronously, so that Vitest sees every test at collection time.
  const checks = selectChecks(resolveOptions({ ...run, seed: run.seed ?? 0 }));
  describe(name, () => {
    let session: Session | undefined;
    beforeAll(async () => {
      session = await openSession({ ...run, concurrency: 1 }, 1);
    }, timeoutMs);
    afterAll(async () => {
      await session?.close();
    });
    for (const check of checks) {
      it(
        `${check.id} (${check.level}): ${check.title}`,
        async () => {
          const s = session;
          const lane = s?.lanes[0];
          if (!s || !lane) throw new Error('the conformance session did not start (see the error in beforeAll)');
          const live = s.checks.find((c) => c.id === check.id) ?? check;
          const result = await s.run(live, lane);
          if (result.outcome === 'error')
            throw new Error(`${result.error?.code ?? 'error'}: ${result.error?.message ?? ''}`);
          if (result.outcome === 'timeout' || result.outcome === 'skip')
            throw new Error(`${check.id} did not finish: ${result.reason ?? ''}`);
          if (result.outcome === 'fail') {
            const text = failureText(result);
            if (check.level === 'must' || options.strict) throw new Error(text);
            console.warn(`should-level check failed:\n${text}`);
          }
        },
        timeoutMs,
      );
    }
  });
}
