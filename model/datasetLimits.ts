/** The dataset limits an update must keep (CONTRACT.md §3). */
import { utf8Bytes } from './dict.ts';
import { MAX_DATASET_BYTES, MAX_RECORDS } from './limits.ts';
import type { Change } from './replyRecords.ts';
import type { DatasetValues } from './types.ts';
import type { Violation } from './violations.ts';

/**
 * Size of a dataset in bytes: UTF-8 of keys and values; a tombstone counts its key only.
 * @param live - live values
 * @param tombstoneKeys - keys of tombstones not revived in `live`
 */
export function datasetBytes(live: DatasetValues, tombstoneKeys: readonly string[] = []): number {
  let n = 0;
  for (const k in live) n += utf8Bytes(k) + utf8Bytes(live[k] ?? '');
  for (const k of new Set(tombstoneKeys)) if (!Object.prototype.hasOwnProperty.call(live, k)) n += utf8Bytes(k);
  return n;
}

/**
 * Limit violations of the dataset after an update (record count, size).
 * @param after - live values after the update
 * @param tombstoneKeys - stored tombstone keys
 * @param changes - the update's changes (removed keys become tombstones)
 */
export function checkLimits(
  after: DatasetValues,
  tombstoneKeys: readonly string[],
  changes: readonly Change[],
): Violation[] {
  const out: Violation[] = [];
  const count = Object.keys(after).length;
  if (count > MAX_RECORDS)
    out.push({ code: 'too-many-records', count, limit: MAX_RECORDS, path: '$.datasetRecords', clause: '§3' });
  const removed = changes.filter((c) => c.kind === 'remove').map((c) => c.key);
  const bytes = datasetBytes(after, [...tombstoneKeys, ...removed]);
  if (bytes > MAX_DATASET_BYTES)
    out.push({ code: 'dataset-too-large', bytes, limit: MAX_DATASET_BYTES, path: '$.datasetRecords', clause: '§3' });
  return out;
}
