/**
 * Cognito Sync's dataset state around the trigger (CONTRACT.md §4): SyncCount conflicts, the trigger, atomic
 * apply, the dataset-wide version stamp, tombstones and limits. Pure: the clock comes in with the request, and the
 * trigger is either a synchronous function (`updateRecords`) or split around an async call
 * (`prepareUpdate` → invoke → `commitUpdate`).
 */
import { dict } from './dict.ts';
import { buildEvent } from './buildEvent.ts';
import { checkLimits } from './datasetLimits.ts';
import { judgeResult, type LambdaResult, type Verdict } from './judge.ts';
import { MAX_RECORDS } from './limits.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import type { Change } from './replyRecords.ts';
import { serviceError, type ServiceError } from './serviceErrors.ts';
import { findConflict, readPatches, validatePatches } from './patches.ts';
import type { DatasetState, DatasetValues, Identity, RecordPatch, StoredRecord, SyncTriggerEvent } from './types.ts';

/** An UpdateRecords call. */
export interface UpdateRequest {
  readonly patches: readonly RecordPatch[];
  /** Developer (IAM account) credentials do not invoke the trigger [DOC]. @defaultValue 'identity' */
  readonly credentials?: 'identity' | 'developer';
  readonly deviceId?: string;
  /** The service clock, epoch milliseconds. */
  readonly now: number;
  /**
   * Who the service records as `LastModifiedBy` of what this call writes. @defaultValue the identity id (a write with
   * developer credentials is recorded under the caller the service names, e.g. the AWS account)
   */
  readonly modifiedBy?: string;
}

/** The result of an UpdateRecords call. `state` is unchanged on failure. */
export type UpdateResult =
  | {
      readonly ok: true;
      readonly state: DatasetState;
      readonly records: readonly StoredRecord[];
      readonly event?: SyncTriggerEvent;
      readonly verdict?: Verdict;
    }
  | {
      readonly ok: false;
      readonly state: DatasetState;
      readonly error: ServiceError;
      readonly event?: SyncTriggerEvent;
      readonly verdict?: Verdict;
    };

/** The first half of an update: fail early, apply without trigger, or invoke the trigger with this event. */
export type PreparedUpdate =
  | { readonly step: 'fail'; readonly error: ServiceError }
  | { readonly step: 'apply'; readonly changes: readonly Change[] }
  | { readonly step: 'invoke'; readonly event: SyncTriggerEvent; readonly conflict?: ServiceError };

/** A dataset that does not exist yet (ListRecords still answers for it). */
export function emptyDataset(identity: Identity, datasetName: string, now = 0): DatasetState {
  return {
    identity,
    datasetName,
    exists: false,
    syncCount: 0,
    records: [],
    creationDate: now,
    lastModifiedDate: now,
    lastModifiedBy: '',
  };
}

/** Live values of a dataset (tombstones left out). */
export function liveValues(state: DatasetState): DatasetValues {
  const out: DatasetValues = dict();
  for (const r of state.records) if (r.value !== null) out[r.key] = r.value;
  return out;
}

/**
 * The first half of UpdateRecords: validation, the conflict check, and whether the trigger runs.
 * @param state - the dataset before the call
 * @param request - the call
 * @param triggerConfigured - whether the pool has a Sync Trigger
 * @param readings - answers to the undocumented points
 */
export function prepareUpdate(
  state: DatasetState,
  request: UpdateRequest,
  triggerConfigured: boolean,
  readings: Readings = DEFAULT_READINGS,
): PreparedUpdate {
  const patches = readPatches(request.patches, readings);
  const invalid = validatePatches(patches, readings);
  if (invalid) return { step: 'fail', error: invalid };
  const conflict = findConflict(state, patches);
  const fires =
    triggerConfigured &&
    (request.credentials ?? 'identity') === 'identity' &&
    (patches.length > 0 || readings['service.emptyPatches'] === 'fires');
  if (conflict && (!fires || readings['service.conflictCheck'] === 'before-trigger'))
    return { step: 'fail', error: conflict };
  if (!fires) {
    const changes: Change[] = patches.map((p) =>
      p.op === 'remove' ? { key: p.key, kind: 'remove' } : { key: p.key, kind: 'write', value: p.value ?? '' },
    );
    return { step: 'apply', changes };
  }
  return {
    step: 'invoke',
    event: buildEvent(state, patches, state.identity, readings),
    ...(conflict ? { conflict } : {}),
  };
}

/**
 * The second half of UpdateRecords: apply the changes atomically, stamp them with the new dataset SyncCount, keep
 * removed records as tombstones.
 * @param state - the dataset before the call
 * @param request - the call
 * @param requested - what to write
 */
export function applyUpdate(state: DatasetState, request: UpdateRequest, requested: readonly Change[]): UpdateResult {
  const byKey = new Map(state.records.map((r) => [r.key, r]));
  // Removing a key that was never stored has no effect: there is nothing to keep a tombstone of.
  const changes = requested.filter((c) => c.kind === 'write' || byKey.has(c.key));
  const tombstones = state.records.filter((r) => r.value === null).map((r) => r.key);
  const next = new Map(byKey);
  const live = liveValues(state);
  for (const c of changes) {
    if (c.kind === 'write') live[c.key] = c.value;
    else Reflect.deleteProperty(live, c.key);
  }
  const limits = checkLimits(live, tombstones, changes);
  if (limits.length) {
    const first = limits[0];
    const what = first?.code === 'too-many-records' ? `records: ${first.count} > ${MAX_RECORDS}` : 'dataset size';
    return { ok: false, state, error: serviceError('LimitExceededException', `Dataset limit exceeded (${what}).`) };
  }
  // Nothing written, nothing to stamp: the dataset SyncCount is a version stamp of written records [SDK].
  if (changes.length === 0) return { ok: true, state, records: [] };
  const syncCount = state.syncCount + 1;
  const who = request.modifiedBy ?? state.identity.identityId;
  const deviceDates = new Map(request.patches.map((p) => [p.key, p.deviceLastModifiedDate ?? request.now]));
  const written: StoredRecord[] = [];
  for (const c of changes) {
    const rec: StoredRecord = {
      key: c.key,
      value: c.kind === 'write' ? c.value : null,
      syncCount,
      lastModifiedDate: request.now,
      lastModifiedBy: who,
      deviceLastModifiedDate: deviceDates.get(c.key) ?? request.now,
    };
    next.set(c.key, rec);
    written.push(rec);
  }
  const newState: DatasetState = {
    ...state,
    exists: true,
    syncCount,
    records: [...next.values()],
    creationDate: state.exists ? state.creationDate : request.now,
    lastModifiedDate: request.now,
    lastModifiedBy: who,
  };
  return { ok: true, state: newState, records: dedupeLast(written) };
}

function dedupeLast(records: StoredRecord[]): StoredRecord[] {
  const m = new Map(records.map((r) => [r.key, r]));
  return [...m.values()];
}

/**
 * The verdict on what the trigger sent back for an event of a stored dataset: judged against its live values, its
 * tombstones counting towards the size limit.
 * @param state - the dataset when the trigger ran
 * @param event - the event it was handed
 * @param result - what the Lambda call came to
 * @param readings - answers to the undocumented points
 */
export function judgeOnStored(
  state: DatasetState,
  event: SyncTriggerEvent,
  result: LambdaResult,
  readings: Readings = DEFAULT_READINGS,
): Verdict {
  const tombstoneKeys = state.records.filter((r) => r.value === null).map((r) => r.key);
  return judgeResult(event, result, { readings, before: liveValues(state), tombstoneKeys });
}

/**
 * The second half when the trigger ran: judge its result and apply the accepted changes.
 * @param state - the dataset before the call
 * @param request - the call
 * @param prepared - the `invoke` step from `prepareUpdate`
 * @param result - what the Lambda call came to
 * @param readings - answers to the undocumented points
 */
export function commitUpdate(
  state: DatasetState,
  request: UpdateRequest,
  prepared: Extract<PreparedUpdate, { step: 'invoke' }>,
  result: LambdaResult,
  readings: Readings = DEFAULT_READINGS,
): UpdateResult {
  const verdict = judgeOnStored(state, prepared.event, result, readings);
  const { event } = prepared;
  if (verdict.status === 'rejected') return { ok: false, state, error: verdict.error, event, verdict };
  if (prepared.conflict) return { ok: false, state, error: prepared.conflict, event, verdict };
  const applied = applyUpdate(state, request, verdict.changes);
  return { ...applied, event, verdict };
}

/**
 * The whole UpdateRecords step with a synchronous trigger (for tests and in-process handlers).
 * @param state - the dataset before the call
 * @param request - the call
 * @param trigger - the Sync Trigger, or undefined when the pool has none
 * @param readings - answers to the undocumented points
 */
export function updateRecords(
  state: DatasetState,
  request: UpdateRequest,
  trigger: ((event: SyncTriggerEvent) => LambdaResult) | undefined,
  readings: Readings = DEFAULT_READINGS,
): UpdateResult {
  const prepared = prepareUpdate(state, request, trigger !== undefined, readings);
  if (prepared.step === 'fail') return { ok: false, state, error: prepared.error };
  if (prepared.step === 'apply') return applyUpdate(state, request, prepared.changes);
  if (!trigger) throw new Error('unreachable: invoke step without a trigger');
  return commitUpdate(state, request, prepared, trigger(prepared.event), readings);
}
