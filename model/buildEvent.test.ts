import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';

const stored = ds([rec('score', '10'), rec('name', 'ann'), rec('gone', null)]);
const r = (over: Partial<Readings>): Readings => ({ ...DEFAULT_READINGS, ...over });

describe('buildEvent — CONTRACT §1', () => {
  const rows: {
    clause: string;
    patches: Parameters<typeof buildEvent>[1];
    readings?: Partial<Readings>;
    key: string;
    expected: unknown;
  }[] = [
    {
      clause: '§1 replace: user update is op replace',
      patches: [{ op: 'replace', key: 'score', value: '11', syncCount: 1 }],
      key: 'score',
      expected: { oldValue: '10', newValue: '11', op: 'replace' },
    },
    {
      clause: '§1 remove: user delete is op remove, newValue null (default)',
      patches: [{ op: 'remove', key: 'name', syncCount: 1 }],
      key: 'name',
      expected: { oldValue: 'ann', newValue: null, op: 'remove' },
    },
    {
      clause: '§1 [OPEN] removed newValue absent',
      patches: [{ op: 'remove', key: 'name', syncCount: 1 }],
      readings: { 'event.removedRecordNewValue': 'absent' },
      key: 'name',
      expected: { oldValue: 'ann', op: 'remove' },
    },
    {
      clause: '§1 [OPEN] removed newValue = oldValue',
      patches: [{ op: 'remove', key: 'name', syncCount: 1 }],
      readings: { 'event.removedRecordNewValue': 'old-value' },
      key: 'name',
      expected: { oldValue: 'ann', newValue: 'ann', op: 'remove' },
    },
    {
      clause: '§1 all records: untouched record is replace with same value (default)',
      patches: [],
      key: 'name',
      expected: { oldValue: 'ann', newValue: 'ann', op: 'replace' },
    },
    {
      clause: '§1 [OPEN] untouched record without op',
      patches: [],
      readings: { 'event.untouchedRecord': 'op-absent' },
      key: 'name',
      expected: { oldValue: 'ann', newValue: 'ann' },
    },
    {
      clause: '§1 [OPEN] new record oldValue null (default)',
      patches: [{ op: 'replace', key: 'new', value: 'v', syncCount: 0 }],
      key: 'new',
      expected: { oldValue: null, newValue: 'v', op: 'replace' },
    },
    {
      clause: '§1 [OPEN] new record oldValue absent',
      patches: [{ op: 'replace', key: 'new', value: 'v', syncCount: 0 }],
      readings: { 'event.newRecordOldValue': 'absent' },
      key: 'new',
      expected: { newValue: 'v', op: 'replace' },
    },
    {
      clause: '§1 [OPEN] new record oldValue ""',
      patches: [{ op: 'replace', key: 'new', value: 'v', syncCount: 0 }],
      readings: { 'event.newRecordOldValue': 'empty-string' },
      key: 'new',
      expected: { oldValue: '', newValue: 'v', op: 'replace' },
    },
    {
      clause: '§1 [OPEN] untouched tombstone as null entry (#61)',
      patches: [],
      readings: { 'event.untouchedTombstone': 'null-entry' },
      key: 'gone',
      expected: null,
    },
    {
      clause: '§1 [OPEN] untouched tombstone as remove entry',
      patches: [],
      readings: { 'event.untouchedTombstone': 'remove-entry' },
      key: 'gone',
      expected: { oldValue: null, newValue: null, op: 'remove' },
    },
    {
      clause: '§1 re-add over tombstone like a new record',
      patches: [{ op: 'replace', key: 'gone', value: 'back', syncCount: 1 }],
      readings: { 'event.readdOverTombstone': 'new-record' },
      key: 'gone',
      expected: { oldValue: null, newValue: 'back', op: 'replace' },
    },
    {
      clause: '§1 [OBS #61] re-add over tombstone as null entry (default)',
      patches: [{ op: 'replace', key: 'gone', value: 'back', syncCount: 1 }],
      key: 'gone',
      expected: null,
    },
  ];
  it.each(rows)('$clause', ({ patches, readings, key, expected }) => {
    const e = buildEvent(stored, patches, ID, r(readings ?? {}));
    expect(Object.prototype.hasOwnProperty.call(e.datasetRecords, key)).toBe(true);
    expect(e.datasetRecords[key]).toStrictEqual(expected);
  });

  it('§1 the event has version 2, eventType SyncTrigger and the identity', () => {
    const e = buildEvent(stored, [], ID);
    expect({ ...e, datasetRecords: undefined }).toStrictEqual({
      version: 2,
      eventType: 'SyncTrigger',
      ...ID,
      datasetName: 'game_state',
      datasetRecords: undefined,
    });
  });

  it('§1 [OPEN] untouched tombstones are omitted by default', () => {
    expect(Object.keys(buildEvent(stored, [], ID).datasetRecords)).toStrictEqual(['score', 'name']);
  });

  it('§1 a key named __proto__ is an ordinary record', () => {
    const e = buildEvent(
      ds([rec('__proto__', 'x')]),
      [{ op: 'replace', key: 'constructor', value: 'y', syncCount: 0 }],
      ID,
    );
    expect(Object.keys(e.datasetRecords)).toStrictEqual(['__proto__', 'constructor']);
    const parsed = JSON.parse(JSON.stringify(e)) as { datasetRecords: object };
    expect(Object.getOwnPropertyDescriptor(parsed.datasetRecords, '__proto__')?.value).toStrictEqual({
      oldValue: 'x',
      newValue: 'x',
      op: 'replace',
    });
  });
});
