/** Shared pieces of the generators' tests (not part of the public API). */
import { datasetBytes } from '../model/index.ts';
import type { MaterializedScenario } from './_internal/types.ts';

/** The limits on both sides of the update, measured with the model's own `datasetBytes`. */
export function limitsOf(m: MaterializedScenario): {
  liveBefore: number;
  liveAfter: number;
  bytesBefore: number;
  bytesAfter: number;
} {
  const removed = m.patches.filter((p) => p.op === 'remove').map((p) => p.key);
  return {
    liveBefore: Object.keys(m.before).length,
    liveAfter: Object.keys(m.intended).length,
    bytesBefore: datasetBytes(m.before, m.tombstoneKeys),
    bytesAfter: datasetBytes(m.intended, [...m.tombstoneKeys, ...removed]),
  };
}
