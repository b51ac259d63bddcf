/**
 * A run whose every handler-controlled text carries the terminal-spoofing strings: record keys and values, the
 * reply, the error message and its stack, the logs, a harness error quoting the handler, a user property's id and
 * the handler's name. Each renderer's test feeds it through and looks for a raw control character.
 */
import type { CheckResult, FailedCheck, RunResult } from '../../harness/index.ts';
import { failed, specOf } from './failed.ts';
import { INVALID_OUTPUT_MESSAGE, serviceError } from '../../model/index.ts';
import { eventOf, recordsOf, SPOOF, SPOOF_ALL, valuesOf } from './hostile.ts';
import { runOf } from './run.ts';

const event = eventOf(
  recordsOf([
    [SPOOF_ALL, { oldValue: SPOOF.rlo, newValue: SPOOF_ALL, op: 'replace' }],
    ['score', { oldValue: '1', newValue: '2', op: 'replace' }],
  ]),
);

const threw: FailedCheck = failed({
  id: 'robustness/null-entries',
  title: 'Survives null record entries',
  level: 'must',
  basis: 'observed',
  clause: '§1',
  runs: 3,
  seed: 7,
  durationMs: 12,
  coverage: {},
  counterexample: {
    seed: 7,
    path: '2:0',
    numShrinks: 1,
    eventHash: 'a1b2c3d4e5f6',
    event,
    invocations: [
      {
        kind: 'threw',
        ms: 1,
        logs: `${SPOOF_ALL}\n${SPOOF.verdict}\n`,
        error: {
          errorType: 'Error',
          errorMessage: SPOOF_ALL,
          trace: [`Error: ${SPOOF_ALL}`, `    at handler (file:///app/${SPOOF.rlo}.mjs:3:9)`],
        },
      },
    ],
    messages: [`on a valid event the handler failed in 1 ms: Error: ${SPOOF_ALL}`],
    violations: [],
    serviceError: serviceError('InvalidLambdaFunctionOutputException', INVALID_OUTPUT_MESSAGE),
    stored: valuesOf([
      [SPOOF_ALL, SPOOF.rlo],
      ['score', '1'],
    ]),
    expected: valuesOf([
      [SPOOF_ALL, SPOOF_ALL],
      ['score', '2'],
    ]),
    resulting: null,
    input: { event, note: SPOOF_ALL },
    replay: 'npx cognito-sync-conformance replay robustness/null-entries ./h.mjs --seed 7 --path 2:0',
    restsOn: [],
    classes: [],
  },
});

const replied: CheckResult = failed({
  ...specOf(threw),
  id: `user/${SPOOF.verdict}`,
  title: SPOOF.conceal,
  level: 'should',
  counterexample: {
    ...specOf(threw).counterexample,
    invocations: [
      { kind: 'replied', ms: 1, logs: SPOOF.title, json: JSON.stringify({ ...event, eventType: SPOOF_ALL }) },
    ],
    messages: [`read-only field eventType changed from "SyncTrigger" to ${JSON.stringify(SPOOF_ALL)}`],
  },
});

const errored: CheckResult = {
  id: 'robustness/max-records',
  title: 'Survives a dataset at the 1,024-record limit',
  level: 'must',
  basis: 'documented',
  clause: '§3',
  outcome: 'error',
  runs: 1,
  seed: 8,
  durationMs: 3,
  coverage: {},
  error: { code: 'E_COMMAND', message: `the handler command exited before replying: ${SPOOF_ALL}` },
};

const skipped: CheckResult = {
  id: 'timing/margin',
  title: 'Replies with a margin under the deadline',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  outcome: 'skip',
  runs: 0,
  seed: 9,
  durationMs: 0,
  coverage: {},
  reason: SPOOF_ALL,
};

/** The spoofing run: a thrown error, a wrong reply, a harness error and a skip, all quoting the strings. */
export function spoofRun(): RunResult {
  const run = runOf([threw, replied, errored, skipped]);
  return {
    ...run,
    target: { ...run.target, handler: `./h${SPOOF.rlo}.mjs`, description: `local module ${SPOOF_ALL}` },
  };
}
