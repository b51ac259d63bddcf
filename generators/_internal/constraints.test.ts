/** Every arbitrary checks its constraints up front: a bad one throws at once, naming the arbitrary and the field. */
import { describe, expect, it } from 'vitest';
import {
  adversarialReply,
  datasetName,
  eventReadings,
  identity,
  identityId,
  identityPoolId,
  patchMix,
  recordKey,
  recordValue,
  region,
  storedDataset,
  syncCase,
  syncScenario,
  syncSession,
  syncTriggerEvent,
} from '../index.ts';

const bad = (c: unknown): never => c as never;

describe('constraints are validated up front', () => {
  const rows: { name: string; make: () => unknown; error: typeof TypeError | typeof RangeError; match: RegExp }[] = [
    { name: 'recordKey maxLength 0', make: () => recordKey({ maxLength: 0 }), error: RangeError, match: /maxLength/ },
    { name: 'recordKey maxLength 1025', make: () => recordKey({ maxLength: 1025 }), error: RangeError, match: /1024/ },
    { name: 'recordKey maxLength 1.5', make: () => recordKey({ maxLength: 1.5 }), error: TypeError, match: /integer/ },
    {
      name: 'recordKey sdkSafe "yes"',
      make: () => recordKey(bad({ sdkSafe: 'yes' })),
      error: TypeError,
      match: /sdkSafe/,
    },
    { name: 'recordKey constraints null', make: () => recordKey(bad(null)), error: TypeError, match: /object/ },
    {
      name: 'recordValue maxLength -1',
      make: () => recordValue({ maxLength: -1 }),
      error: RangeError,
      match: /maxLength/,
    },
    { name: 'region only []', make: () => region({ only: [] }), error: RangeError, match: /at least one/ },
    { name: 'region only mars', make: () => region(bad({ only: ['mars-1'] })), error: RangeError, match: /mars-1/ },
    {
      name: 'identityId region',
      make: () => identityId(bad({ region: 'cn-north-1' })),
      error: RangeError,
      match: /region/,
    },
    {
      name: 'identityPoolId shape',
      make: () => identityPoolId(bad({ shape: 'x' })),
      error: RangeError,
      match: /shape/,
    },
    { name: 'identity shape', make: () => identity(bad({ shape: 1 })), error: RangeError, match: /shape/ },
    { name: 'datasetName maxLength 129', make: () => datasetName({ maxLength: 129 }), error: RangeError, match: /128/ },
    {
      name: 'eventReadings unknown point',
      make: () => eventReadings(bad({ pinned: { 'event.nope': 'x' } })),
      error: RangeError,
      match: /event\.nope/,
    },
    {
      name: 'eventReadings unknown reading',
      make: () => eventReadings(bad({ pinned: { 'event.untouchedTombstone': 'gone' } })),
      error: RangeError,
      match: /gone/,
    },
    { name: 'syncScenario size', make: () => syncScenario(bad({ size: 'huge' })), error: RangeError, match: /size/ },
    {
      name: 'syncScenario unknown class',
      make: () => syncScenario(bad({ classes: ['weird'] })),
      error: RangeError,
      match: /classes/,
    },
    {
      name: 'syncCase empty-dataset with removes',
      make: () => syncCase({ classes: ['empty-dataset', 'removes'] }),
      error: RangeError,
      match: /nothing is stored/,
    },
    {
      name: 'syncTriggerEvent sdk-safe unicode keys',
      make: () => syncTriggerEvent({ sdkSafeKeys: true, classes: ['unicode-keys'] }),
      error: RangeError,
      match: /JS SDK/,
    },
    {
      name: 'syncCase null-entries with both routes pinned away',
      make: () =>
        syncCase({
          classes: ['null-entries'],
          readings: { 'event.untouchedTombstone': 'omitted', 'event.readdOverTombstone': 'new-record' },
        }),
      error: RangeError,
      match: /null-entries/,
    },
    {
      name: 'syncCase max-records with huge values',
      make: () => syncCase({ classes: ['max-records'], maxValueLength: 4096 }),
      error: RangeError,
      match: /maxValueLength/,
    },
    {
      name: 'storedDataset tombstones 1',
      make: () => storedDataset(bad({ tombstones: 1 })),
      error: TypeError,
      match: /tombstones/,
    },
    { name: 'patchMix without dataset', make: () => patchMix(bad({})), error: TypeError, match: /dataset/ },
    {
      name: 'patchMix conflicts',
      make: () => patchMix(bad({ dataset: { records: [] }, conflicts: 'often' })),
      error: RangeError,
      match: /conflicts/,
    },
    {
      name: 'syncSession maxDevices 0',
      make: () => syncSession({ maxDevices: 0 }),
      error: RangeError,
      match: /maxDevices/,
    },
    { name: 'adversarialReply no event', make: () => adversarialReply(bad({})), error: TypeError, match: /event/ },
    {
      name: 'adversarialReply empty mutations',
      make: () => adversarialReply({ event: bad({ datasetRecords: {} }), mutations: [] }),
      error: RangeError,
      match: /at least one/,
    },
  ];
  it.each(rows)('$name', ({ make, error, match }) => {
    expect(make).toThrow(error);
    expect(make).toThrow(match);
  });
});
