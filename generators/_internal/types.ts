/**
 * The abstract scenario: what happens to each key, drawn before any event exists. Arbitraries draw these and one
 * pure function (`materializeScenario`) turns them into a stored dataset, the user's patches and the event, so a
 * shrinking run shrinks intent (fewer keys, simpler fates, smaller bulks), never the event's bytes.
 */
import type {
  DatasetState,
  DatasetValues,
  Identity,
  Readings,
  RecordPatch,
  SyncTriggerEvent,
} from '../../model/index.ts';

/**
 * The fate of one key in one UpdateRecords call:
 * - `untouched`: stored, live, not patched (Cognito still sends it)
 * - `replace`: stored, live, replaced with a different value
 * - `noop-replace`: stored, live, replaced with the same value
 * - `remove`: stored, live, removed by the user
 * - `put`: not stored, written by the user (a new key)
 * - `readd`: stored as a tombstone, written again (amazon-cognito-js#61)
 * - `tombstone`: stored as a tombstone, not patched
 * - `remove-tombstone`: stored as a tombstone, removed again
 */
export type KeyIntent =
  'untouched' | 'replace' | 'noop-replace' | 'remove' | 'put' | 'readd' | 'tombstone' | 'remove-tombstone';

/** Every key intent, in shrink order (simplest first). */
export const KEY_INTENTS = [
  'untouched',
  'replace',
  'put',
  'remove',
  'noop-replace',
  'readd',
  'tombstone',
  'remove-tombstone',
] as const satisfies readonly KeyIntent[];

/** One individually drawn key. */
export interface AbstractRecord {
  readonly key: string;
  readonly intent: KeyIntent;
  /** The stored live value; used by `untouched`, `replace`, `noop-replace`, `remove`. */
  readonly stored: string;
  /** The value the user writes; used by `replace`, `put`, `readd` (a `replace` equal to `stored` is made distinct). */
  readonly value: string;
  /** The dataset SyncCount at which the stored record was last written (a tombstone's removal is one later). */
  readonly version: number;
}

/** The character bulk values repeat; it fixes the bytes per character (1, 2, 3, 4). */
export type BulkChar = 'x' | 'é' | '中' | '😀';

/**
 * Many records described by a few numbers, expanded deterministically: keys `b<group>.<index>` padded with `_`,
 * every value `char` repeated. Large datasets shrink by shrinking these numbers.
 */
export interface BulkGroup {
  /** The fate of every record of the group. */
  readonly intent: 'untouched' | 'replace' | 'remove' | 'put' | 'tombstone';
  /** Records in the group, or `'fill'`: as many as the 1,024-record limit leaves. Cut to what fits. */
  readonly count: number | 'fill';
  /** Code units per key (ASCII, so also bytes); at least 7. */
  readonly keyLength: number;
  /** Characters per value, or `'fill'`: share out the bytes the 1 MB limit leaves. Cut to what fits. */
  readonly valueLength: number | 'fill';
  readonly char: BulkChar;
  /** The dataset SyncCount at which the group's stored records were last written. */
  readonly version: number;
}

/** One UpdateRecords call, abstractly: whose dataset, which keys and bulks, and how Cognito shapes the event. */
export interface SyncScenario {
  readonly identity: Identity;
  readonly datasetName: string;
  readonly records: readonly AbstractRecord[];
  readonly bulk: readonly BulkGroup[];
  /** The full choice of readings the event is built under (event points drawn, the others default or pinned). */
  readonly readings: Readings;
}

/** A scenario made concrete: the stored dataset, the user's request, the event, and what an echo would leave. */
export interface MaterializedScenario {
  readonly dataset: DatasetState;
  readonly patches: readonly RecordPatch[];
  readonly event: SyncTriggerEvent;
  /** Live stored values before the call (null prototype). */
  readonly before: DatasetValues;
  /** Keys of stored tombstones. */
  readonly tombstoneKeys: readonly string[];
  /** Live values after the user's patches alone: what a handler that echoes the event leaves (null prototype). */
  readonly intended: DatasetValues;
  /** Sizes, computed while building (the tests check them against the model's `datasetBytes`). */
  readonly stats: ScenarioStats;
}

/** Sizes of a materialized scenario before and after the user's patches. */
export interface ScenarioStats {
  readonly liveBefore: number;
  readonly liveAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** Individually drawn records left out because they did not fit the limits (or clashed with a bulk key). */
  readonly dropped: number;
}

/** A drawn case for the suites: the abstract scenario and everything concrete built from it. */
export interface SyncCase extends MaterializedScenario {
  readonly scenario: SyncScenario;
  /** The readings the event was built under (the scenario's); judge the reply under the same ones. */
  readonly readings: Readings;
}
