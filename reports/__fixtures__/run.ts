/**
 * One fixed, realistic run result for the report tests: passing, failing (with hostile keys, values, error
 * messages, logs and handler name), errored, skipped and timed-out checks. Deterministic: fixed dates, durations,
 * seeds and tool version, so snapshots only change when a renderer does.
 */
import type { CheckResult, CheckResultBase, HandlerCoverage, RunResult } from '../../harness/index.ts';
import { summarize } from '../../harness/result.ts';
import { rootCausesOf } from '../../harness/rootCauses.ts';
import { failed, specOf } from './failed.ts';
import { DEFAULT_READINGS, type Readings } from '../../model/index.ts';
import { droppedFailure, nullEntryFailure, readingFailure, readOnlyFailure } from './failures.ts';
import { eventOf, HOSTILE, HOSTILE_HANDLER, recordsOf, valuesOf } from './hostile.ts';

const base = { basis: 'documented', clause: '§2' } as const;

const pass = (
  id: string,
  title: string,
  level: 'must' | 'should',
  extra: Partial<Omit<CheckResultBase, 'id' | 'title' | 'level'>>,
): CheckResult => ({
  ...base,
  id,
  title,
  level,
  outcome: 'pass',
  runs: 100,
  seed: 1000 + id.length,
  durationMs: 500,
  coverage: {},
  ...extra,
});

/** The checks of the fixture run, in catalog order. */
export function fixtureChecks(): CheckResult[] {
  return [
    pass('runtime/style-supported', 'The handler style is supported by the runtime profile', 'must', {
      clause: '§6',
      runs: 1,
      durationMs: 3,
    }),
    pass('reply/shape', 'The reply is the event object with a datasetRecords object', 'must', {
      durationMs: 812,
      latency: { count: 100, min: 0.18, p50: 0.34, p90: 0.61, p99: 2.4, max: 31.5, coldStarts: 1 },
      coverage: {
        'empty-dataset': 12,
        'new-records': 61,
        removes: 33,
        'null-entries': 9,
        'prototype-keys': 7,
        'unicode-keys': 14,
        'no-patches': 5,
        're-adds': 6,
        'noop-replaces': 11,
        'untouched-tombstones': 8,
      },
    }),
    readOnlyFailure,
    pass('reply/record-format', 'Every record is {newValue: string | null, op: "replace" | "remove"}', 'must', {
      durationMs: 640,
      latency: { count: 100, min: 0.2, p50: 0.36, p90: 0.7, p99: 1.9, max: 2.2, coldStarts: 0 },
      coverage: { 'new-records': 58, removes: 29, 'long-keys': 3, 'non-sdk-keys': 17 },
    }),
    nullEntryFailure,
    {
      id: 'robustness/max-records',
      title: 'Survives a dataset at the 1,024-record limit',
      level: 'must',
      basis: 'documented',
      clause: '§1, §3',
      outcome: 'error',
      runs: 2,
      seed: 77,
      durationMs: 1530,
      coverage: { 'max-records': 2 },
      error: {
        code: 'E_COMMAND',
        message: `the handler command exited with code 137 before replying: ${HOSTILE.closeScript} ${HOSTILE.controls}`,
      },
    },
    {
      id: 'timing/deadline',
      title: 'Replies within the 5 s deadline',
      level: 'must',
      basis: 'documented',
      clause: '§2',
      outcome: 'timeout',
      runs: 37,
      seed: 5150,
      durationMs: 30000,
      latency: { count: 37, min: 12, p50: 180, p90: 2400, p99: 4900, max: 4980, coldStarts: 1 },
      coverage: { 'near-1mb': 4 },
      reason: 'time limit reached after 37 of 100 runs',
    },
    pass(
      'robustness/unusual-keys',
      'Survives unicode and prototype-named keys (__proto__, constructor, toString)',
      'must',
      {
        clause: '§1, §3',
        durationMs: 705,
        latency: { count: 100, min: 0.22, p50: 0.4, p90: 0.8, p99: 1.2, max: 1.3, coldStarts: 0 },
        coverage: { 'prototype-keys': 100, 'unicode-keys': 64, 'api-max-keys': 2, 'long-keys': 21 },
      },
    ),
    readingFailure,
    droppedFailure,
    pass('idempotency/retry', 'The same event twice gives the same outcome', 'should', {
      durationMs: 990,
      latency: { count: 200, min: 0.17, p50: 0.3, p90: 0.5, p99: 0.9, max: 1.1, coldStarts: 0 },
      coverage: { 'new-records': 55, removes: 30 },
    }),
    {
      id: 'timing/margin',
      title: 'Replies with a margin under the deadline',
      level: 'should',
      basis: 'documented',
      clause: '§2',
      outcome: 'skip',
      runs: 0,
      seed: 6160,
      durationMs: 0,
      coverage: {},
      reason: 'the time budget was spent before this check started',
    },
  ];
}

/** The harness's summary rule, from the run-result module (which loads none of the harness's targets). */
const summaryOf = summarize;

const readings: Readings = { ...DEFAULT_READINGS, 'reply.nullEntry': 'remove' };

/**
 * A run result from checks, with the fixture's target, options and dates.
 * @param checks - the checks @defaultValue the fixture checks
 * @param strict - strict mode @defaultValue false
 */
export function runOf(checks: readonly CheckResult[] = fixtureChecks(), strict = false): RunResult {
  const rootCauses = rootCausesOf(checks, () => []);
  return {
    schemaVersion: 2,
    tool: { name: 'cognito-sync-conformance', version: '0.1.0' },
    target: {
      kind: 'module',
      description: `local module ${HOSTILE_HANDLER} (worker isolation)`,
      handler: HOSTILE_HANDLER,
      runtime: 'nodejs22.x',
      handlerStyle: 'async',
    },
    options: { seed: 20250314, runs: 100, strict, timeBudgetMs: 45_000 },
    readings,
    nonDefaultReadings: ['reply.nullEntry'],
    environment: { node: 'v20.20.2', platform: 'linux-x64' },
    startedAt: '2025-03-14T09:26:53.589Z',
    durationMs: 36_218,
    summary: summaryOf(checks, strict, rootCauses.length),
    checks: [...checks],
    rootCauses,
  };
}

/** The handler's coverage in the fixture run: its file name and source try to become markup. */
function hostileCoverage(): HandlerCoverage {
  const source = [
    `// ${HOSTILE.closeScript}`,
    'exports.handler = async (event) => {',
    `  if (event.datasetName === '${HOSTILE.pwnImg}') {`,
    `    console.log('${HOSTILE.controls}');`,
    '  }',
    '  return event;',
    '};',
  ].join('\n');
  const count = { lines: { total: 4, reached: 3 }, branches: { total: 1, reached: 0 } };
  return {
    measured: true,
    ...count,
    files: [
      {
        path: `src/${HOSTILE.imgKey}.js`,
        ...count,
        unreachedLines: [[4, 4]],
        unreachedBranches: [3],
        reachedLines: [2, 3, 6],
        source,
      },
    ],
    skipped: [],
  };
}

/** The fixture run: not conformant, partial, with failures, an error, a skip and a timeout. */
export function fixtureRun(): RunResult {
  return { ...runOf(), handlerCoverage: hostileCoverage() };
}

/** The fixture's passing checks only: a conformant run. */
export function conformantRun(): RunResult {
  return runOf(fixtureChecks().filter((c) => c.outcome === 'pass'));
}

/** Passing checks plus the skipped and timed-out ones: no failure, but not every check ran. */
export function partialRun(): RunResult {
  return runOf(fixtureChecks().filter((c) => c.outcome !== 'fail' && c.outcome !== 'error'));
}

/**
 * A run whose one failure has a huge event (1,024 records with long values), for the truncation paths.
 * @param records - how many records @defaultValue 1024
 */
export function hugeFailureRun(records = 1024): RunResult {
  const keys = Array.from({ length: records }, (_, i) => `key-${String(i).padStart(4, '0')}`);
  const value = 'v'.repeat(900);
  const event = eventOf(recordsOf(keys.map((k) => [k, { oldValue: value, newValue: `${value}!`, op: 'replace' }])));
  const spec = specOf(droppedFailure);
  const check: CheckResult = failed({
    ...spec,
    id: 'robustness/max-records',
    counterexample: {
      ...spec.counterexample,
      event,
      input: event,
      stored: valuesOf(keys.map((k) => [k, value])),
      expected: valuesOf(keys.map((k) => [k, `${value}!`])),
      resulting: valuesOf([]),
    },
  });
  return runOf([check]);
}
