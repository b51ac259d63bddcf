/** Which readings a verdict rests on: the example of a published handler that flips removed records to replace. */
import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { liveValues } from './dataset.ts';
import type { LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import { eventReadingsShaping, readingsRestedOn } from './restsOn.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import type { RecordPatch, SyncTriggerEvent } from './types.ts';

const dataset = ds([rec('gone', 'x'), rec('kept', 'y')]);
const patches: RecordPatch[] = [{ op: 'remove', key: 'gone', syncCount: 1 }];
const reply = (json: unknown): LambdaResult => ({ kind: 'reply', json: JSON.stringify(json) });
/** The bug: every record goes back as `op: "replace"`, removed ones included. */
const flip = (e: SyncTriggerEvent): LambdaResult => {
  const records: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.datasetRecords)) records[k] = v === null ? null : { ...v, op: 'replace' };
  return reply({ ...e, datasetRecords: records });
};

describe('readingsRestedOn', () => {
  it('names the event reading that shaped the event and the reply reading that rejected it', () => {
    const readings: Readings = { ...DEFAULT_READINGS, 'event.removedRecordNewValue': 'absent' };
    const event = buildEvent(dataset, patches, ID, readings);
    const opts = { readings: DEFAULT_READINGS, before: liveValues(dataset) };
    expect(readingsRestedOn(event, flip(event), opts, { dataset, patches, identity: ID, readings })).toStrictEqual([
      { point: 'event.removedRecordNewValue', reading: 'absent' },
      { point: 'reply.replaceWithoutValue', reading: 'invalid' },
    ]);
    // Under the default event shape the flip carries newValue null: a removal, accepted under every reading.
    const plain = buildEvent(dataset, patches, ID);
    expect(
      readingsRestedOn(plain, flip(plain), opts, { dataset, patches, identity: ID, readings: DEFAULT_READINGS }),
    ).toStrictEqual([]);
  });

  it('is empty for a failure that holds under every reading, and leaves out readings that did not shape the event', () => {
    const readings: Readings = { ...DEFAULT_READINGS, 'event.untouchedTombstone': 'null-entry' };
    const event = buildEvent(dataset, patches, ID, readings);
    const built = { dataset, patches, identity: ID, readings };
    expect(eventReadingsShaping(built)).toStrictEqual([]);
    expect(readingsRestedOn(event, reply(null), {}, built)).toStrictEqual([]);
    expect(
      readingsRestedOn(event, { kind: 'error', errorType: 'TypeError', errorMessage: 'x' }, {}, built),
    ).toStrictEqual([]);
  });

  it('does not name a point that changes only which records get a new SyncCount', () => {
    const event = buildEvent(dataset, [], ID);
    const opts = { before: liveValues(dataset) };
    // An echo: reply.replaceSameValue decides whether the untouched records are rewritten, not what they hold.
    expect(readingsRestedOn(event, reply(event), opts)).toStrictEqual([]);
    const nulls = reply({ ...event, datasetRecords: { ...event.datasetRecords, kept: null } });
    expect(readingsRestedOn(event, nulls, opts)).toStrictEqual([{ point: 'reply.nullEntry', reading: 'ignored' }]);
  });
});
