/**
 * How Cognito Sync builds the Sync Trigger event from the stored dataset and the user's patches (CONTRACT.md §1).
 * Every [OPEN] shape question is answered by the chosen readings.
 */
import { dict, dictFrom } from './dict.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import type { DatasetRecords, Identity, RecordEntry, RecordPatch, StoredRecord, SyncTriggerEvent } from './types.ts';

/** A dataset as `buildEvent` needs it: its name and stored records (live and tombstones). */
export interface EventSource {
  readonly datasetName: string;
  readonly records: readonly StoredRecord[];
}

/** Builds an entry, leaving out a field whose reading says "absent". */
function entry(
  oldValue: string | null | undefined,
  newValue: string | null | undefined,
  op?: 'replace' | 'remove',
): RecordEntry {
  const e: { oldValue?: string | null; newValue?: string | null; op?: 'replace' | 'remove' } = {};
  if (oldValue !== undefined) e.oldValue = oldValue;
  if (newValue !== undefined) e.newValue = newValue;
  if (op !== undefined) e.op = op;
  return e;
}

function newRecordOldValue(r: Readings): string | null | undefined {
  const reading = r['event.newRecordOldValue'];
  return reading === 'null' ? null : reading === 'absent' ? undefined : '';
}

function removedEntry(old: string | null, r: Readings): RecordEntry {
  const reading = r['event.removedRecordNewValue'];
  const nv = reading === 'null' ? null : reading === 'absent' ? undefined : old;
  return entry(old, nv, 'remove');
}

function replaceEntry(stored: StoredRecord | undefined, value: string, r: Readings): RecordEntry | null {
  if (stored === undefined) return entry(newRecordOldValue(r), value, 'replace');
  if (stored.value === null) {
    return r['event.readdOverTombstone'] === 'null-entry' ? null : entry(newRecordOldValue(r), value, 'replace');
  }
  return entry(stored.value, value, 'replace');
}

function untouchedEntry(stored: StoredRecord, r: Readings): RecordEntry | null | undefined {
  if (stored.value !== null) {
    return r['event.untouchedRecord'] === 'replace-same'
      ? entry(stored.value, stored.value, 'replace')
      : entry(stored.value, stored.value);
  }
  const t = r['event.untouchedTombstone'];
  return t === 'omitted' ? undefined : t === 'null-entry' ? null : entry(null, null, 'remove');
}

/**
 * The event Cognito sends for an UpdateRecords: every present record (untouched ones too), with the user's patches
 * applied as `replace`/`remove` entries. When one key is patched twice, the last patch wins.
 * @param dataset - the stored dataset
 * @param patches - the user's RecordPatches
 * @param identity - whose dataset it is
 * @param readings - answers to the undocumented shape questions
 * @defaultValue readings: {@link DEFAULT_READINGS}
 * @example
 * buildEvent({ datasetName: 'game', records: [] }, [{ op: 'replace', key: 'score', value: '1', syncCount: 0 }], id)
 */
export function buildEvent(
  dataset: EventSource,
  patches: readonly RecordPatch[],
  identity: Identity,
  readings: Readings = DEFAULT_READINGS,
): SyncTriggerEvent {
  const stored = new Map(dataset.records.map((s) => [s.key, s]));
  const patched = new Map(patches.map((p) => [p.key, p]));
  const records: DatasetRecords = dict();
  for (const s of dataset.records) {
    const p = patched.get(s.key);
    const e = p ? patchEntry(s, p, readings) : untouchedEntry(s, readings);
    if (e !== undefined) records[s.key] = e;
  }
  for (const p of patched.values()) {
    if (!stored.has(p.key)) records[p.key] = patchEntry(undefined, p, readings);
  }
  return {
    version: 2,
    eventType: 'SyncTrigger',
    region: identity.region,
    identityPoolId: identity.identityPoolId,
    identityId: identity.identityId,
    datasetName: dataset.datasetName,
    datasetRecords: records,
  };
}

function patchEntry(s: StoredRecord | undefined, p: RecordPatch, r: Readings): RecordEntry | null {
  if (p.op === 'remove') return removedEntry(s?.value ?? null, r);
  return replaceEntry(s, p.value ?? '', r);
}

/**
 * The live values an event says are stored: the `oldValue` of every entry that has a string one. Under the
 * `event.newRecordOldValue = empty-string` reading a new record cannot be told from a stored `""`; callers that
 * know the stored dataset pass it to `judge` instead.
 */
export function storedValuesOf(event: SyncTriggerEvent): Record<string, string> {
  return dictFrom(
    Object.entries(event.datasetRecords).flatMap(([k, e]) =>
      e && typeof e.oldValue === 'string' ? [[k, e.oldValue] as const] : [],
    ),
  );
}
