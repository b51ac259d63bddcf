/** What an accepted reply does to the live values, and what it silently leaves out (CONTRACT.md §2). */
import { dict, has } from './dict.ts';
import type { Change } from './replyRecords.ts';
import type { DatasetValues, RecordEntry, SyncTriggerEvent } from './types.ts';

/** Event records the reply left out. */
export interface Omissions {
  /** Every event key missing from the reply: ignored for the update. */
  readonly omitted: readonly string[];
  /** Omitted keys the user had changed (replace with a new value, remove, or a new record): their change is lost. */
  readonly droppedUserChanges: readonly string[];
}

/** Applies changes to live values: a write sets the value, a remove deletes it. Returns a new dictionary. */
export function applyChanges(before: DatasetValues, changes: readonly Change[]): DatasetValues {
  const after: DatasetValues = dict();
  for (const k in before) after[k] = before[k] ?? '';
  for (const c of changes) {
    if (c.kind === 'write') after[c.key] = c.value;
    else Reflect.deleteProperty(after, c.key);
  }
  return after;
}

/** True when the event entry carries a change the user made. */
export function isUserChange(e: RecordEntry | null): boolean {
  if (e === null) return false;
  if (e.op === 'remove') return e.oldValue !== null && e.oldValue !== undefined;
  return e.op === 'replace' && typeof e.newValue === 'string' && e.newValue !== e.oldValue;
}

/** Lists the event records a reply omitted, and which of those were user changes. */
export function classifyOmissions(event: SyncTriggerEvent, replyRecords: Record<string, unknown>): Omissions {
  const omitted: string[] = [];
  const dropped: string[] = [];
  const records = event.datasetRecords;
  for (const k in records) {
    if (has(replyRecords, k)) continue;
    omitted.push(k);
    if (isUserChange(records[k] ?? null)) dropped.push(k);
  }
  return { omitted, droppedUserChanges: dropped };
}

/** True when two sets of live values hold the same keys with the same values (order ignored). */
export function sameValues(a: DatasetValues, b: DatasetValues): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => has(b, k) && a[k] === b[k]);
}
