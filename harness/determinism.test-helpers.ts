/** A run to compare with itself spread otherwise (concurrency, shards), and what of it must not change. */
import { fileURLToPath } from 'node:url';
import type { CheckResult, RunResult } from './result.ts';
import type { ConformanceOptions } from './run.ts';

const handler = fileURLToPath(new URL('../fixtures/handlers/conformance/sample-fixed-keys.cjs', import.meta.url));

/**
 * With the keys discovery finds, it fails robustness/null-entries (a null-entry crash), data/user-removals-kept and
 * idempotency/no-churn, and passes the others (reply/shape's 12 cases meet no null entry on this seed).
 */
export const DETERMINISM_RUN: ConformanceOptions = {
  handler,
  seed: 20_251,
  runs: 12,
  checks: [
    'reply/shape',
    'robustness/null-entries',
    'robustness/removed-records',
    'data/user-removals-kept',
    'data/no-dropped-changes',
    'idempotency/no-churn',
  ],
  store: false,
};

/** What a check came to, without what the machine decides (durations, latency, console output with times). */
function outcomeOf(c: CheckResult): unknown {
  return {
    id: c.id,
    outcome: c.outcome,
    seed: c.seed,
    runs: c.runs,
    coverage: c.coverage,
    notRun: c.notRun,
    failures:
      c.outcome === 'fail'
        ? c.failures.map((f) => ({
            signature: f.signature,
            kind: f.kind,
            title: f.title,
            seed: f.counterexample.seed,
            path: f.counterexample.path,
            numShrinks: f.counterexample.numShrinks,
            eventHash: f.counterexample.eventHash,
            event: f.counterexample.event,
            classes: f.counterexample.classes,
            replay: f.counterexample.replay,
          }))
        : [],
  };
}

/** What a run came to: its summary (the verdict with it), checks and root causes. */
export function comparableRun(run: RunResult): unknown {
  // As JSON, as report.json holds it: a run read back from a file has plain objects where the engine's have none.
  return JSON.parse(
    JSON.stringify({ summary: run.summary, checks: run.checks.map(outcomeOf), rootCauses: run.rootCauses }),
  ) as unknown;
}
