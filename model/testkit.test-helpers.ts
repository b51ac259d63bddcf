/** Small builders shared by the model's tests (not part of the public API). */
import type { DatasetState, Identity, StoredRecord } from './types.ts';

export const ID: Identity = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0f6c1d2e-aaaa-bbbb-cccc-000000000001',
  identityId: 'us-east-1:9a1b2c3d-aaaa-bbbb-cccc-000000000002',
};

/** A stored record at `syncCount`; `value: null` makes a tombstone. */
export function rec(key: string, value: string | null, syncCount = 1): StoredRecord {
  return { key, value, syncCount, lastModifiedDate: 0, lastModifiedBy: ID.identityId, deviceLastModifiedDate: 0 };
}

/** A dataset that exists, with these records, at the highest record SyncCount. */
export function ds(records: StoredRecord[], datasetName = 'game_state'): DatasetState {
  const syncCount = Math.max(0, ...records.map((r) => r.syncCount));
  return {
    identity: ID,
    datasetName,
    exists: records.length > 0,
    syncCount,
    records,
    creationDate: 0,
    lastModifiedDate: 0,
    lastModifiedBy: '',
  };
}
