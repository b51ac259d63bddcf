/**
 * A device's local store during a session, kept as the AWS-written clients keep it (CONTRACT.md §4 [SDK]): the
 * dataset SyncCount of its last ListRecords, and per record the value and SyncCount it last heard, whether it holds
 * an unsynced local change, and when that change was made. A patch carries the count the device knows (0 for a key
 * it never saw), so a device that missed another device's write sends a stale count and conflicts.
 */
import { dict } from './dict.ts';
import type { ListRecordsResult } from './listRecords.ts';
import type { UpdateRequest, UpdateResult } from './dataset.ts';
import type { ConflictPolicy, SessionStep, SyncSession } from './sessionTypes.ts';
import type { RecordPatch, StoredRecord } from './types.ts';

/** One record in a device's store; a `null` value is a tombstone (a delete the device knows of or made). */
export interface LocalRecord {
  readonly value: string | null;
  readonly syncCount: number;
  /** An unsynced local change. @defaultValue false */
  readonly dirty?: boolean;
  /** When the local change was made (the device clock), or the service's write date of a synced record. */
  readonly modifiedAt?: number;
}

/** A device's view of the dataset. */
export interface DeviceView {
  readonly id: string;
  /** The dataset SyncCount of its last ListRecords (0 before the first). */
  readonly lastSyncCount: number;
  readonly known: ReadonlyMap<string, LocalRecord>;
}

/** A conflict the device met while merging a listing, and how it resolved it. */
export interface MergeConflict {
  readonly key: string;
  readonly local: string | null;
  readonly remote: string | null;
  readonly winner: 'local' | 'remote';
}

/**
 * Fresh devices that know nothing.
 * @param count - how many
 */
export function initialDevices(count: number): DeviceView[] {
  return Array.from({ length: count }, (_, i) => ({ id: `device-${i}`, lastSyncCount: 0, known: new Map() }));
}

/**
 * The UpdateRecords request a device sends for a raw `update` step.
 * @param session - the session (for its keys)
 * @param step - the update step
 * @param device - the device's view
 * @param now - the service clock, epoch ms
 */
export function requestFor(
  session: SyncSession,
  step: Extract<SessionStep, { kind: 'update' }>,
  device: DeviceView,
  now: number,
): UpdateRequest {
  const patches: RecordPatch[] = step.patches.map((p) => {
    const key = session.keys[p.key] ?? session.keys[0] ?? 'k';
    const syncCount = device.known.get(key)?.syncCount ?? 0;
    return p.op === 'remove'
      ? { op: 'remove', key, syncCount, deviceLastModifiedDate: now }
      : { op: 'replace', key, value: p.value, syncCount, deviceLastModifiedDate: now };
  });
  return { patches, deviceId: device.id, now };
}

const synced = (r: StoredRecord): LocalRecord => ({
  value: r.value,
  syncCount: r.syncCount,
  modifiedAt: r.lastModifiedDate,
});

function merge(device: DeviceView, records: readonly StoredRecord[], lastSyncCount: number): DeviceView {
  const known = new Map(device.known);
  for (const r of records) known.set(r.key, synced(r));
  return { ...device, lastSyncCount, known };
}

/** The device after a ListRecords answer of a raw `list`: it takes every record returned and the dataset SyncCount. */
export function afterList(device: DeviceView, result: ListRecordsResult): DeviceView {
  return result.ok ? merge(device, result.records, result.datasetSyncCount) : device;
}

/**
 * The device after the answer to a raw `update`: on success it learns the records written (the response reflects
 * the trigger's changes too [SDK]); its list position stays, so it still lists other devices' writes later.
 */
export function afterUpdate(device: DeviceView, result: UpdateResult): DeviceView {
  return result.ok ? merge(device, result.records, device.lastSyncCount) : device;
}

/**
 * A local edit or delete: the record becomes an unsynced change. Deleting a record the device does not hold alive
 * does nothing, as in the clients.
 * @param device - the device
 * @param key - the record key
 * @param value - the new value, or `null` to delete
 * @param now - the device clock
 */
export function localChange(device: DeviceView, key: string, value: string | null, now: number): DeviceView {
  const had = device.known.get(key);
  if (value === null && (had === undefined || had.value === null)) return device;
  const known = new Map(device.known);
  known.set(key, { value, syncCount: had?.syncCount ?? 0, dirty: true, modifiedAt: now });
  return { ...device, known };
}

/**
 * Merges a listing as the clients' synchronize does: a remote record overwrites a clean local one or an unsynced
 * one holding the same value; an unsynced local value that differs is a conflict, resolved by `policy` (a local win
 * stays unsynced, now over the remote SyncCount).
 * @param device - the device
 * @param result - the ListRecords answer
 * @param policy - how conflicts resolve
 */
export function mergeListing(
  device: DeviceView,
  result: Extract<ListRecordsResult, { ok: true }>,
  policy: ConflictPolicy,
): { readonly device: DeviceView; readonly conflicts: readonly MergeConflict[] } {
  const known = new Map(device.known);
  const conflicts: MergeConflict[] = [];
  for (const r of result.records) {
    const local = known.get(r.key);
    if (local?.dirty !== true || local.value === r.value) {
      known.set(r.key, synced(r));
      continue;
    }
    const localWins = policy === 'local' || (policy === 'last-writer' && (local.modifiedAt ?? 0) > r.lastModifiedDate);
    conflicts.push({ key: r.key, local: local.value, remote: r.value, winner: localWins ? 'local' : 'remote' });
    known.set(r.key, localWins ? { ...local, syncCount: r.syncCount } : synced(r));
  }
  return { device: { ...device, known, lastSyncCount: result.datasetSyncCount }, conflicts };
}

/**
 * The request pushing a device's unsynced records, each with the SyncCount it last heard.
 * @param device - the device
 * @param now - the service clock
 */
export function pushRequest(device: DeviceView, now: number): UpdateRequest {
  const patches: RecordPatch[] = [];
  for (const [key, r] of device.known) {
    if (r.dirty !== true) continue;
    const at = r.modifiedAt ?? now;
    patches.push(
      r.value === null
        ? { op: 'remove', key, syncCount: r.syncCount, deviceLastModifiedDate: at }
        : { op: 'replace', key, value: r.value, syncCount: r.syncCount, deviceLastModifiedDate: at },
    );
  }
  return { patches, deviceId: device.id, now };
}

/**
 * The device after a successful push: it takes the records the service wrote (the trigger's changes included
 * [SDK]); a pushed record the service did not write is marked synced with the device's value (the call succeeded).
 * The list position moves only when nothing else was written since it (the response's count is exactly one more).
 * @param device - the device
 * @param request - what it pushed
 * @param result - the successful answer
 */
export function afterPush(
  device: DeviceView,
  request: UpdateRequest,
  result: Extract<UpdateResult, { ok: true }>,
): DeviceView {
  const known = new Map(device.known);
  for (const p of request.patches) {
    const r = known.get(p.key);
    if (r)
      known.set(p.key, {
        value: r.value,
        syncCount: r.syncCount,
        ...(r.modifiedAt !== undefined ? { modifiedAt: r.modifiedAt } : {}),
      });
  }
  let top = 0;
  for (const r of result.records) {
    known.set(r.key, synced(r));
    top = Math.max(top, r.syncCount);
  }
  const lastSyncCount = top === device.lastSyncCount + 1 ? top : device.lastSyncCount;
  return { ...device, known, lastSyncCount };
}

/** Whether a device holds unsynced changes. */
export function hasUnsynced(device: DeviceView): boolean {
  for (const r of device.known.values()) if (r.dirty === true) return true;
  return false;
}

/** The live values a device holds (tombstones left out), sorted by key. */
export function deviceValues(device: DeviceView): Record<string, string> {
  const out = dict<string>();
  for (const [k, r] of [...device.known].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (r.value !== null) out[k] = r.value;
  return out;
}
