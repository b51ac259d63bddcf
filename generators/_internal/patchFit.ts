/**
 * Keeping a request's patches within the dataset limits (CONTRACT.md §3), and making SyncCounts stale on purpose
 * (§4). Internal to `patchMix`.
 */
import { MAX_DATASET_BYTES, MAX_RECORDS, utf8Bytes, type RecordPatch, type StoredRecord } from '../../model/index.ts';

/** How a stale SyncCount is wrong: 0 for an existing record (observed to conflict), one behind, one ahead. */
export type Staleness = 'zero' | 'behind' | 'ahead';

/**
 * The patch with a stale SyncCount, or unchanged when `how` is undefined. A new key (stored count 0) gets 1.
 * @param p - the patch with its exact count
 * @param how - how to make it stale
 */
export function staleCount(p: RecordPatch, how: Staleness | undefined): RecordPatch {
  if (how === undefined) return p;
  const s = p.syncCount;
  const wrong = s === 0 ? 1 : how === 'zero' ? 0 : how === 'behind' ? s - 1 : s + 1;
  return { ...p, syncCount: wrong };
}

/**
 * The patches, in order, that keep the dataset after the request within 1,024 live records and 1 MB; a patch that
 * would break a limit is left out (a patch that shrinks the dataset is always kept).
 * @param records - the stored records
 * @param patches - one patch per key
 * @param stales - the staleness drawn for each patch, kept aligned with the result
 */
export function fitPatches(
  records: readonly StoredRecord[],
  patches: readonly RecordPatch[],
  stales: readonly (Staleness | undefined)[],
): { patches: RecordPatch[]; stales: (Staleness | undefined)[] } {
  const stored = new Map(records.map((r) => [r.key, r.value]));
  let live = 0;
  let bytes = 0;
  for (const r of records) {
    bytes += utf8Bytes(r.key) + (r.value === null ? 0 : utf8Bytes(r.value));
    if (r.value !== null) live++;
  }
  const out: RecordPatch[] = [];
  const outStales: (Staleness | undefined)[] = [];
  patches.forEach((p, i) => {
    const old = stored.get(p.key);
    const was = old === undefined ? 0 : utf8Bytes(p.key) + (old === null ? 0 : utf8Bytes(old));
    const removed = old === undefined ? 0 : utf8Bytes(p.key);
    const now = p.op === 'remove' ? removed : utf8Bytes(p.key) + utf8Bytes(p.value ?? '');
    const dLive = (p.op === 'replace' ? 1 : 0) - (typeof old === 'string' ? 1 : 0);
    const grows = dLive > 0 || now > was;
    if (grows && (live + dLive > MAX_RECORDS || bytes + now - was > MAX_DATASET_BYTES)) return;
    live += dLive;
    bytes += now - was;
    out.push(p);
    outStales.push(stales[i]);
  });
  return { patches: out, stales: outStales };
}
