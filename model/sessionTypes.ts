/**
 * A multi-device sync session as data (CONTRACT.md §2 retries, §4 SyncCount, conflicts, tombstones): devices, a
 * small key universe and steps. Two step languages share one interpreter (`runSessionSteps`): raw pushes (`list`,
 * `update`: the request the live differential check sends as is) and client steps (`edit`, `delete`, `sync`: a
 * local store that lists, merges, resolves conflicts and pushes as the AWS-written clients do).
 */
import type { Identity } from './types.ts';

/** One patch of an `update` step: a key of the session's universe (by index), an op and a value. */
export interface SessionPatch {
  readonly key: number;
  readonly op: 'replace' | 'remove';
  /** The value written by `replace`. */
  readonly value: string;
}

/**
 * How an `update` is retried: `'none'`; `'throttled'`: the trigger runs, the service answers
 * `LambdaThrottledException` (429) and the device sends the same request again, so the handler sees the same event
 * twice [DOC]; `'after-success'`: the update succeeds but the device never hears back and resends it unchanged.
 */
export type SessionRetry = 'none' | 'throttled' | 'after-success';

/**
 * How a client resolves a conflict between its unsynced local value and a newer remote one: the remote value wins
 * (the AWS clients' default), the local one wins (pushed again over the remote SyncCount), or the later write wins.
 */
export type ConflictPolicy = 'remote' | 'local' | 'last-writer';

/** What goes wrong during a client `sync`: nothing, a throttled first push (the trigger runs twice), a lost answer. */
export type SyncFault = 'none' | 'throttled' | 'lost';

/** One step of a session. */
export type SessionStep =
  | { readonly kind: 'list'; readonly device: number }
  | {
      readonly kind: 'update';
      readonly device: number;
      /** List first, as the SDKs' `synchronize` does; a device that does not may be stale and conflict. */
      readonly syncFirst: boolean;
      readonly patches: readonly SessionPatch[];
      readonly retry: SessionRetry;
    }
  /** A local edit, written to the device's store only (offline until it syncs). */
  | { readonly kind: 'edit'; readonly device: number; readonly key: number; readonly value: string }
  /** A local delete of a record the device holds. */
  | { readonly kind: 'delete'; readonly device: number; readonly key: number }
  /**
   * The client's synchronize: list, merge, resolve conflicts, push the unsynced records with their last SyncCount,
   * and start again on a conflict. `between`: another device, busy, edits a record this device is not pushing and
   * syncs between this device's listing and its push, in every round. `policy` overrides the session's for this sync.
   */
  | {
      readonly kind: 'sync';
      readonly device: number;
      readonly fault: SyncFault;
      readonly between?: number;
      readonly policy?: ConflictPolicy;
    };

/** A session: whose dataset, how many devices, which keys, the steps in order, and how clients resolve conflicts. */
export interface SyncSession {
  readonly identity: Identity;
  readonly datasetName: string;
  readonly devices: number;
  readonly keys: readonly string[];
  readonly steps: readonly SessionStep[];
  /** @defaultValue 'remote' (the AWS clients' default resolution) */
  readonly policy?: ConflictPolicy;
}
