/** ListRecords over the dataset state (CONTRACT.md §4): records changed since a SyncCount, tombstones included. */
import { serviceError, type ServiceError } from './serviceErrors.ts';
import type { DatasetState, StoredRecord } from './types.ts';

/** A ListRecords answer. */
export type ListRecordsResult =
  | {
      readonly ok: true;
      readonly records: readonly StoredRecord[];
      readonly datasetSyncCount: number;
      readonly datasetExists: boolean;
    }
  | { readonly ok: false; readonly error: ServiceError };

/**
 * ListRecords: records changed since `lastSyncCount` (tombstones included).
 * @param state - the dataset
 * @param lastSyncCount - the caller's last known dataset SyncCount
 */
export function listRecords(state: DatasetState, lastSyncCount = 0): ListRecordsResult {
  if (lastSyncCount > state.syncCount) {
    return {
      ok: false,
      error: serviceError('InvalidParameterException', `No such SyncCount: ${lastSyncCount} exists for this Dataset`),
    };
  }
  return {
    ok: true,
    records: state.records.filter((r) => r.syncCount > lastSyncCount),
    datasetSyncCount: state.syncCount,
    datasetExists: state.exists,
  };
}
