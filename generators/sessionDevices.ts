/**
 * What a device knows during a session, tracked as the AWS SDKs track it (CONTRACT.md §4): the last dataset
 * SyncCount it listed at, and each record's value and SyncCount as it last heard them. A patch carries the count
 * the device knows (0 for a key it never saw), so a device that missed another device's write sends a stale count.
 */
import type { ListRecordsResult, RecordPatch, StoredRecord, UpdateRequest, UpdateResult } from '../model/index.ts';
import type { SessionStep, SyncSession } from './syncSession.ts';

/** A device's view of the dataset. */
export interface DeviceView {
  readonly id: string;
  /** The dataset SyncCount of its last ListRecords (0 before the first). */
  readonly lastSyncCount: number;
  /** Records as the device last heard of them; a `null` value is a tombstone. */
  readonly known: ReadonlyMap<string, { readonly value: string | null; readonly syncCount: number }>;
}

/** Fresh devices that know nothing, one per device of the session. */
export function initialDevices(session: SyncSession): DeviceView[] {
  return Array.from({ length: session.devices }, (_, i) => ({ id: `device-${i}`, lastSyncCount: 0, known: new Map() }));
}

/**
 * The UpdateRecords request a device sends for an update step.
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

function merge(device: DeviceView, records: readonly StoredRecord[], lastSyncCount: number): DeviceView {
  const known = new Map(device.known);
  for (const r of records) known.set(r.key, { value: r.value, syncCount: r.syncCount });
  return { ...device, lastSyncCount, known };
}

/** The device after a ListRecords answer: it learns every record returned and the dataset SyncCount. */
export function afterList(device: DeviceView, result: ListRecordsResult): DeviceView {
  return result.ok ? merge(device, result.records, result.datasetSyncCount) : device;
}

/**
 * The device after an UpdateRecords answer: on success it learns the records written (the response reflects the
 * trigger's changes too [SDK]); its list position stays, so it still lists other devices' writes later.
 */
export function afterUpdate(device: DeviceView, result: UpdateResult): DeviceView {
  return result.ok ? merge(device, result.records, device.lastSyncCount) : device;
}
