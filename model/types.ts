/**
 * Types of the Sync Trigger contract (CONTRACT.md §1, §2, §4): the event, its record entries, record patches and
 * the stored dataset. Everything here is plain JSON data.
 */

/** Which Cognito identity a dataset belongs to, and the region of its pool. */
export interface Identity {
  readonly region: string;
  readonly identityPoolId: string;
  readonly identityId: string;
}

/** One record of `datasetRecords` as Cognito sends it. Fields may be absent under some readings (§1 [OPEN]). */
export interface RecordEntry {
  readonly oldValue?: string | null;
  readonly newValue?: string | null;
  readonly op?: 'replace' | 'remove';
}

/**
 * `datasetRecords`: keyed by record key. An entry may be `null` (observed, amazon-cognito-js#61).
 * Built with a null prototype so a key named `__proto__` is an ordinary own key.
 */
export type DatasetRecords = Record<string, RecordEntry | null>;

/** The Sync Trigger event (CONTRACT.md §1). */
export interface SyncTriggerEvent extends Identity {
  readonly version: 2;
  readonly eventType: 'SyncTrigger';
  readonly datasetName: string;
  readonly datasetRecords: DatasetRecords;
}

/** The read-only top-level fields of the event (CONTRACT.md §2). */
export const READ_ONLY_FIELDS = [
  'version',
  'eventType',
  'region',
  'identityPoolId',
  'identityId',
  'datasetName',
] as const satisfies readonly (keyof SyncTriggerEvent)[];

/** A read-only field name. */
export type ReadOnlyField = (typeof READ_ONLY_FIELDS)[number];

/** One patch of an UpdateRecords request (CONTRACT.md §4, §5). */
export interface RecordPatch {
  readonly op: 'replace' | 'remove';
  readonly key: string;
  /** The new value for `replace`; ignored for `remove`. */
  readonly value?: string;
  /** The caller's last known SyncCount of this record (0 if unknown). */
  readonly syncCount: number;
  /** Epoch milliseconds, as set by the device. */
  readonly deviceLastModifiedDate?: number;
}

/** A record as the service stores it. `value: null` is a tombstone (a removed record kept for other devices). */
export interface StoredRecord {
  readonly key: string;
  readonly value: string | null;
  readonly syncCount: number;
  /** Epoch milliseconds of the last write. */
  readonly lastModifiedDate: number;
  readonly lastModifiedBy: string;
  /** Epoch milliseconds the device claimed. */
  readonly deviceLastModifiedDate: number;
}

/** One dataset's state in Cognito Sync. `records` order carries no meaning. */
export interface DatasetState {
  readonly identity: Identity;
  readonly datasetName: string;
  /** False until the first successful UpdateRecords creates the dataset. */
  readonly exists: boolean;
  /** The dataset-wide version stamp; rises by exactly 1 per successful UpdateRecords. */
  readonly syncCount: number;
  readonly records: readonly StoredRecord[];
  /** Epoch milliseconds. */
  readonly creationDate: number;
  readonly lastModifiedDate: number;
  readonly lastModifiedBy: string;
}

/** Live values only (tombstones left out), keyed by record key, with a null prototype. */
export type DatasetValues = Record<string, string>;
