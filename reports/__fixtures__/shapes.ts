/**
 * Runs at the edges of the run-result type, for the JSON Schema: one with every optional field and every kind of
 * invocation, and one with nothing optional at all. Typed as `RunResult`, so the compiler keeps them true to the
 * type while the schema tests keep the schema true to them.
 */
import type { CheckResult, RunResult } from '../../harness/index.ts';
import type { RecordedInvocation } from '../../harness/result.ts';
import { failed, specOf } from './failed.ts';
import { droppedFailure, readingFailure } from './failures.ts';
import { runOf } from './run.ts';

const error = { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at handler (h.js:1:1)'] };

/** One invocation of each kind, every optional field set. */
export const EVERY_INVOCATION: readonly RecordedInvocation[] = [
  { kind: 'replied', ms: 0.4, logs: 'INFO ok', coldStart: true, json: '{"version":2}' },
  { kind: 'threw', ms: 1.2, logs: '', error },
  { kind: 'timed-out', ms: 5003, logs: 'still working', deadlineMs: 5000 },
  { kind: 'no-reply', ms: 2, logs: '', sends: { json: 'null' } },
  { kind: 'no-reply', ms: 2, logs: '', sends: { error: { ...error, errorType: 'Runtime.NodeJsExit' } } },
  { kind: 'crashed', ms: 7, logs: 'FATAL', detail: 'process exited with code 1' },
];

/** A run in which every optional field of every object is set. */
export function everyFieldRun(): RunResult {
  const spec = specOf(droppedFailure);
  const failing = failed({
    ...spec,
    latency: { count: 3, min: 0.1, p50: 0.2, p90: 0.3, p99: 0.4, max: 9, coldStarts: 1, coldMs: 9 },
    dependsOn: readingFailure.dependsOn ?? [],
    counterexample: {
      ...spec.counterexample,
      invocations: EVERY_INVOCATION,
      violations: readingFailure.failures[0].counterexample.violations,
      serviceError: { name: 'LimitExceededException', status: 400, message: 'too many records' },
    },
  });
  // A second distinct failure of the same check: a check can hold several.
  const second = failed({ ...specOf(readingFailure), id: failing.id });
  const twice: CheckResult = { ...failing, failures: [failing.failures[0], second.failures[0]] };
  const { counterexample: _cx, ...erroredBase } = specOf(readingFailure);
  const errored: CheckResult = {
    ...erroredBase,
    id: 'user/score-is-numeric',
    outcome: 'error',
    error: { code: 'E_INTERRUPTED', message: 'interrupted' },
  };
  const stopped: CheckResult = {
    ...erroredBase,
    id: 'user/stopped',
    outcome: 'incomplete',
    reason: 'no case reached it',
  };
  const base = runOf([twice, errored, stopped], true);
  return {
    ...base,
    target: { ...base.target, handlerStyle: 'callback' },
    options: {
      ...base.options,
      timeBudgetMs: 60_000,
      checks: ['data', 'user'],
      exclude: ['timing/margin'],
      config: 'cognito-sync-conformance.config.ts',
      available: 20,
    },
  };
}

/** A run with no optional field: one passing check. */
export function minimalRun(): RunResult {
  const check: CheckResult = {
    id: 'reply/shape',
    title: 'The reply is the event object with a datasetRecords object',
    level: 'must',
    basis: 'documented',
    clause: '§2',
    outcome: 'pass',
    runs: 1,
    seed: 1,
    durationMs: 1,
    coverage: {},
  };
  const base = runOf([check]);
  const target = { kind: 'command', description: 'command ./handler', handler: './handler' } as const;
  return { ...base, target, options: { seed: 1, runs: 1, strict: false } };
}
