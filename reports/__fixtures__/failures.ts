/**
 * The failing checks of the fixture run, each with a full counterexample: a rejected reply that changed a
 * read-only field, a handler that throws on a null entry, a reply that drops user changes (prototype-named keys),
 * and a should-level failure that depends on an undocumented reading.
 */
import type { FailedCheck } from '../../harness/index.ts';
import { failed } from './failed.ts';
import { INVALID_OUTPUT_MESSAGE, serviceError } from '../../model/index.ts';
import { eventOf, HOSTILE, HOSTILE_HANDLER, recordsOf, valuesOf } from './hostile.ts';

const replay = (id: string, seed: number, path: string): string =>
  `npx cognito-sync-conformance replay ${id} './handlers/game-sync.mjs#handler<svg onload=window.__pwned=2>' ` +
  `--runtime nodejs22.x --seed ${seed} --path ${path} --reading reply.nullEntry=remove`;

const rejected = serviceError('InvalidLambdaFunctionOutputException', INVALID_OUTPUT_MESSAGE);

const readOnlyEvent = eventOf(
  recordsOf([
    ['score', { oldValue: '10', newValue: '11', op: 'replace' }],
    [HOSTILE.scriptKey, { oldValue: HOSTILE.pwnImg, newValue: HOSTILE.pwnImg, op: 'replace' }],
    ['__proto__', { oldValue: '1', newValue: '1', op: 'replace' }],
  ]),
);

/** A must failure: the reply renames the dataset to markup, so the update is rejected. */
export const readOnlyFailure: FailedCheck = failed({
  id: 'reply/read-only-fields',
  title: 'Read-only fields come back unchanged',
  level: 'must',
  basis: 'documented',
  clause: '§2',
  runs: 3,
  seed: 1795104862,
  durationMs: 41,
  coverage: { 'new-records': 2, 'prototype-keys': 1 },
  latency: { count: 9, min: 0.21, p50: 0.38, p90: 0.9, p99: 1.7, max: 14.2, coldStarts: 1 },
  counterexample: {
    seed: 1795104862,
    path: '2:0:1',
    numShrinks: 4,
    eventHash: '9f1c2a7b44e0',
    event: readOnlyEvent,
    invocations: [
      {
        kind: 'replied',
        ms: 0.38,
        logs: `INFO rename ${HOSTILE.closeScript}\n${HOSTILE.controls}\nend of log ]]> <!--`,
        json: JSON.stringify({ ...readOnlyEvent, datasetName: HOSTILE.imgKey }),
      },
    ],
    messages: [
      `read-only field datasetName changed from "game_state" to ${JSON.stringify(HOSTILE.imgKey)} [$.datasetName; CONTRACT §2]`,
    ],
    violations: [
      {
        code: 'read-only-field-changed',
        path: '$.datasetName',
        clause: '§2',
        field: 'datasetName',
        expected: 'game_state',
        actual: HOSTILE.imgKey,
      },
    ],
    serviceError: rejected,
    stored: valuesOf([
      ['score', '10'],
      [HOSTILE.scriptKey, HOSTILE.pwnImg],
      ['__proto__', '1'],
    ]),
    expected: valuesOf([
      ['score', '11'],
      [HOSTILE.scriptKey, HOSTILE.pwnImg],
      ['__proto__', '1'],
    ]),
    resulting: null,
    input: { event: readOnlyEvent, reply: 'rename-dataset' },
    replay: replay('reply/read-only-fields', 1795104862, '2:0:1'),
    restsOn: [],
    classes: [],
  },
});

const nullEvent = eventOf(
  recordsOf([
    [HOSTILE.imgKey, null],
    ['level', { oldValue: '3', newValue: '4', op: 'replace' }],
  ]),
);

/** A must failure: the handler throws on a null entry, with markup in its error message and stack. */
export const nullEntryFailure: FailedCheck = failed({
  id: 'robustness/null-entries',
  title: 'Survives null record entries',
  level: 'must',
  basis: 'observed',
  clause: '§1 [OBS #61]',
  runs: 12,
  seed: 40211877,
  durationMs: 230,
  coverage: { 'null-entries': 12, 're-adds': 5, 'untouched-tombstones': 7 },
  latency: { count: 19, min: 0.3, p50: 0.6, p90: 1.4, p99: 2.9, max: 3.1, coldStarts: 0 },
  counterexample: {
    seed: 40211877,
    path: '11:0',
    numShrinks: 2,
    eventHash: '03bb6e21c9d8',
    event: nullEvent,
    invocations: [
      {
        kind: 'threw',
        ms: 0.6,
        logs: `ERROR Invoke Error ${HOSTILE.pwnImg}`,
        error: {
          errorType: 'TypeError',
          errorMessage: `Cannot read properties of null (reading '${HOSTILE.pwnImg}')`,
          trace: [
            `TypeError: Cannot read properties of null (reading '${HOSTILE.pwnImg}')`,
            '    at Runtime.handler (file:///var/task/handlers/game-sync.mjs:7:31)',
          ],
        },
      },
    ],
    messages: [
      `on a valid event the handler failed in 1 ms: TypeError: Cannot read properties of null (reading '${HOSTILE.pwnImg}')`,
    ],
    violations: [
      {
        code: 'handler-error',
        path: '$',
        clause: '§2',
        errorType: 'TypeError',
        errorMessage: `Cannot read properties of null (reading '${HOSTILE.pwnImg}')`,
      },
    ],
    serviceError: rejected,
    stored: valuesOf([['level', '3']]),
    expected: valuesOf([['level', '4']]),
    resulting: null,
    input: { event: nullEvent, tombstones: [HOSTILE.imgKey] },
    replay: replay('robustness/null-entries', 40211877, '11:0'),
    restsOn: [],
    classes: [],
  },
});

const droppedEvent = eventOf(
  recordsOf([
    ['__proto__', { oldValue: '1', newValue: '2', op: 'replace' }],
    ['constructor', { oldValue: 'c', newValue: 'c', op: 'replace' }],
    ['score', { oldValue: '10', newValue: '11', op: 'replace' }],
    ['level', { oldValue: '3', newValue: null, op: 'remove' }],
    ['toString', { oldValue: null, newValue: HOSTILE.markdown, op: 'replace' }],
    [HOSTILE.imgKey, { oldValue: HOSTILE.closeScript, newValue: HOSTILE.closeScript, op: 'replace' }],
  ]),
);

/** A should failure: the reply keeps only `score`, so every other user change is silently lost. */
export const droppedFailure: FailedCheck = failed({
  id: 'data/no-dropped-changes',
  title: 'User changes are not dropped by omission',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  runs: 7,
  seed: -1220043315,
  durationMs: 96,
  coverage: { 'new-records': 4, removes: 3, 'prototype-keys': 2, 'unicode-keys': 1 },
  latency: { count: 14, min: 0.19, p50: 0.31, p90: 0.52, p99: 0.8, max: 0.8, coldStarts: 0 },
  counterexample: {
    seed: -1220043315,
    path: '6:1:1:0',
    numShrinks: 9,
    eventHash: 'c0ffee0ddba1',
    event: droppedEvent,
    invocations: [
      {
        kind: 'replied',
        ms: 0.31,
        logs: '',
        json: JSON.stringify({
          ...droppedEvent,
          datasetRecords: { score: { oldValue: '10', newValue: '11', op: 'replace' } },
        }),
      },
    ],
    messages: [`the reply omits records the user changed, so their changes are lost: "__proto__", "level", "toString"`],
    violations: [],
    stored: valuesOf([
      ['__proto__', '1'],
      ['constructor', 'c'],
      ['score', '10'],
      ['level', '3'],
      [HOSTILE.imgKey, HOSTILE.closeScript],
    ]),
    expected: valuesOf([
      ['__proto__', '2'],
      ['constructor', 'c'],
      ['score', '11'],
      ['toString', HOSTILE.markdown],
      [HOSTILE.imgKey, HOSTILE.closeScript],
    ]),
    resulting: valuesOf([
      ['__proto__', '1'],
      ['constructor', 'c'],
      ['score', '11'],
      ['level', '3'],
      [HOSTILE.imgKey, HOSTILE.closeScript],
    ]),
    input: { event: droppedEvent, handler: HOSTILE_HANDLER },
    replay: replay('data/no-dropped-changes', -1220043315, '6:1:1:0'),
    restsOn: [],
    classes: [],
  },
});

const numberEvent = eventOf(recordsOf([['score', { oldValue: '10', newValue: '11', op: 'replace' }]]));

/** A should failure whose outcome hangs on an undocumented reading (a number as `newValue`). */
export const readingFailure: FailedCheck = failed({
  id: 'semantics/undocumented-reading',
  title: 'The outcome does not depend on undocumented behaviour',
  level: 'should',
  basis: 'undocumented',
  clause: '§2 [OPEN]',
  runs: 1,
  seed: 991,
  durationMs: 12,
  coverage: {},
  counterexample: {
    seed: 991,
    path: '0',
    numShrinks: 0,
    eventHash: '5e5e5e5e00aa',
    event: numberEvent,
    invocations: [
      {
        kind: 'replied',
        ms: 0.25,
        logs: '',
        json: JSON.stringify({ ...numberEvent, datasetRecords: { score: { newValue: 11, op: 'replace' } } }),
      },
    ],
    messages: ['the outcome depends on the undocumented point reply.nonStringValue'],
    violations: [
      {
        code: 'non-string-value',
        path: '$.datasetRecords["score"].newValue',
        clause: '§2',
        key: 'score',
        actual: 'number',
        reading: 'reply.nonStringValue',
      },
    ],
    serviceError: rejected,
    stored: valuesOf([['score', '10']]),
    expected: valuesOf([['score', '11']]),
    resulting: null,
    input: numberEvent,
    replay: replay('semantics/undocumented-reading', 991, '0'),
    restsOn: [{ point: 'reply.nonStringValue', reading: 'invalid' }],
    classes: [],
  },
  dependsOn: [
    {
      point: 'reply.nonStringValue',
      outcomes: [
        { reading: 'invalid', outcome: 'rejected: InvalidLambdaFunctionOutputException' },
        { reading: 'coerced', outcome: 'accepted: [["score","11"]]; writes 1' },
      ],
    },
  ],
});
