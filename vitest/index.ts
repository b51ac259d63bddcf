/**
 * Conformance checks inside a user's own Vitest suite: one `it` per check, failing with the same counterexample
 * text the CLI prints. A failure's stack is the handler's own frames, so Vitest points at the handler's file and
 * line, not at this tool.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openSession, type CheckResult, type RunOptions, type Session } from '../harness/index.ts';
import { resolveOptions, selectChecks } from '../harness/index.ts';
import type { Readings } from '../model/index.ts';
import { shownTrace } from '../reports/stack.ts';
import { failureText } from '../reports/text.ts';
import { terminalLine, terminalText } from '../reports/visible.ts';

/**
 * The error a failing check's test throws: the failure text as its message, and as its stack only the frames of the
 * handler's own code where it threw (none when it replied wrongly), never the frames of this tool.
 */
function failureError(result: CheckResult, readings: Readings): Error {
  const text = failureText(result, undefined, readings);
  const invocations = result.outcome === 'fail' ? result.failures.flatMap((f) => f.counterexample.invocations) : [];
  const thrown = invocations.find((i) => i.kind === 'threw');
  const frames = thrown?.kind === 'threw' ? shownTrace(thrown.error.trace).frames.map(terminalLine) : [];
  const error = new Error(text);
  error.stack = [`Error: ${text}`, ...frames].join('\n');
  return error;
}

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
          // Harness messages can quote the handler: escaped like every handler text.
          if (result.outcome === 'error')
            throw new Error(terminalText(`${result.error.code}: ${result.error.message}`));
          if (result.outcome === 'timeout' || result.outcome === 'skip' || result.outcome === 'incomplete')
            throw new Error(`${terminalLine(check.id)} did not finish: ${terminalLine(result.reason)}`);
          if (result.outcome === 'fail') {
            const error = failureError(result, s.options.readings);
            if (check.level === 'must' || options.strict) throw error;
            console.warn(`should-level check failed:\n${error.message}`);
          }
        },
        timeoutMs,
      );
    }
  });
}
