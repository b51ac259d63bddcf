/**
 * ListRecords and UpdateRecords over the model: `listRecords` for reads, `updateSteps` for writes (the
 * model's `updateRecords`, driven around the asynchronous Lambda call). The emulator
 * adds only what the model leaves to the service: session tokens, the caller, paging, the datasets-per-identity
 * limit, deletion marks, and the faults.
 */
import {
  driveStepsAsync,
  listRecords,
  updateSteps,
  MAX_DATASETS_PER_IDENTITY,
  type Identity,
  type LambdaResult,
  type RecordPatch,
  type StoredRecord,
  type SyncTriggerEvent,
} from '../model/index.ts';
import type { EmulatorContext } from './context.ts';
import type { Caller } from './sync.ts';
import type { Pool } from './state.ts';
import { ACCOUNT_ID } from './functions.ts';
import { mergedInto } from './merge.ts';
import { page } from './poolOps.ts';
import { runTrigger } from './trigger.ts';
import { fromServiceError, json, namedError, seconds, type Reply } from './wire.ts';

/** The dataset a request is about, and who asks. */
export interface SyncTarget {
  readonly identity: Identity;
  readonly datasetName: string;
  /** `EmulatorState.key` of the dataset. */
  readonly key: string;
  readonly pool: Pool;
  readonly who: Caller;
}

const recordView = (r: StoredRecord) => ({
  Key: r.key,
  ...(r.value === null ? {} : { Value: r.value }),
  SyncCount: r.syncCount,
  LastModifiedDate: seconds(r.lastModifiedDate),
  LastModifiedBy: r.lastModifiedBy,
  DeviceLastModifiedDate: seconds(r.deviceLastModifiedDate),
});

function whole(text: string | null, field: string, min: number): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) throw namedError('InvalidParameterException', `Invalid ${field}: ${text}`);
  return n;
}

/**
 * ListRecords: records changed since `lastSyncCount`, paged, the datasets merged into this one, and a
 * SyncSessionToken for the update. A device whose `lastSyncCount` is from before the dataset was deleted (SyncCounts
 * go on across a deletion, so it is recognised, even after the dataset was made again) is told so, as the AWS clients
 * expect: they delete their copy and sync again from 0.
 */
export function listRecordsOp(ctx: EmulatorContext, at: SyncTarget, url: URL): Reply {
  const q = url.searchParams;
  const last = whole(q.get('lastSyncCount'), 'lastSyncCount', 0) ?? 0;
  const given = q.get('syncSessionToken');
  if (given !== null && !ctx.state.validSession(given, at.key))
    throw namedError('InvalidParameterException', 'Invalid SyncSessionToken.');
  const token = given ?? ctx.state.openSession(at.key);
  const state = ctx.state.dataset(at.identity, at.datasetName);
  const merged = mergedInto(ctx.state, at.identity.identityPoolId, at.identity.identityId, at.datasetName);
  // null where the API shows null: no one modified a dataset that does not exist, nothing merged, no next page.
  const common = {
    LastModifiedBy: state.exists ? state.lastModifiedBy : null,
    MergedDatasetNames: merged.length ? merged : null,
    SyncSessionToken: token,
  };
  const deletedAt = ctx.state.deleted.get(at.key);
  if (deletedAt !== undefined && last > 0 && last <= deletedAt) {
    const flags = { DatasetExists: state.exists, DatasetDeletedAfterRequestedSyncCount: true };
    return json({ Records: [], Count: 0, DatasetSyncCount: state.syncCount, NextToken: null, ...flags, ...common });
  }
  const listed = listRecords(state, last);
  if (!listed.ok) throw fromServiceError(listed.error);
  const shown = page(listed.records, url);
  return json({
    Records: shown.items.map(recordView),
    Count: shown.items.length,
    DatasetSyncCount: listed.datasetSyncCount,
    DatasetExists: listed.datasetExists,
    DatasetDeletedAfterRequestedSyncCount: false,
    NextToken: shown.next,
    ...common,
  });
}

/** The patches of an UpdateRecords body; wrong JSON types → `InvalidParameterException` (the model checks values). */
function patchesOf(body: Record<string, unknown>): RecordPatch[] {
  const raw = body.RecordPatches ?? [];
  if (!Array.isArray(raw)) throw namedError('InvalidParameterException', 'RecordPatches must be a list.');
  return raw.map((p: unknown, i): RecordPatch => {
    const bad = (field: string) => namedError('InvalidParameterException', `RecordPatches[${i}].${field} is invalid.`);
    if (p === null || typeof p !== 'object') throw bad('');
    const { Op, Key, Value, SyncCount, DeviceLastModifiedDate: date } = p as Record<string, unknown>;
    if (typeof Op !== 'string') throw bad('Op');
    if (typeof Key !== 'string') throw bad('Key');
    if (Value !== undefined && Value !== null && typeof Value !== 'string') throw bad('Value');
    if (typeof SyncCount !== 'number') throw bad('SyncCount');
    if (date !== undefined && typeof date !== 'number') throw bad('DeviceLastModifiedDate');
    return {
      op: Op as RecordPatch['op'], // the model rejects anything but replace/remove
      key: Key,
      ...(typeof Value === 'string' ? { value: Value } : {}),
      syncCount: SyncCount,
      ...(date === undefined ? {} : { deviceLastModifiedDate: date * 1000 }),
    };
  });
}

/** UpdateRecords: one at a time per dataset, since the trigger runs between reading the dataset and writing it. */
export async function updateRecordsOp(ctx: EmulatorContext, at: SyncTarget, body: Record<string, unknown>) {
  if (!ctx.state.validSession(body.SyncSessionToken, at.key))
    throw namedError('InvalidParameterException', 'Invalid SyncSessionToken: call ListRecords for this dataset first.');
  const patches = patchesOf(body);
  const request = {
    patches,
    credentials: at.who.kind,
    // A write with developer credentials is recorded under the account, not under the identity it wrote for.
    ...(at.who.kind === 'developer' ? { modifiedBy: ACCOUNT_ID } : {}),
    ...(typeof body.DeviceId === 'string' ? { deviceId: body.DeviceId } : {}),
  };
  return ctx.locks.run(at.key, async (): Promise<Reply> => {
    const state = ctx.state.dataset(at.identity, at.datasetName);
    if (
      !state.exists &&
      ctx.state.datasetsOf(at.identity.identityPoolId, at.identity.identityId).length >= MAX_DATASETS_PER_IDENTITY
    )
      throw namedError(
        'LimitExceededException',
        `Number of datasets exceeds limit: ${String(MAX_DATASETS_PER_IDENTITY)}`,
      );
    const arn = at.pool.events.SyncTrigger;
    const trigger = (event: SyncTriggerEvent): Promise<LambdaResult> => {
      if (ctx.faults.take('throttleTrigger'))
        throw namedError('LambdaThrottledException', 'The Lambda function was throttled; retry the sync.');
      if (arn === undefined) throw new Error('unreachable: the model invokes a trigger the pool does not have');
      return runTrigger(ctx, arn, event);
    };
    const steps = updateSteps(state, { ...request, now: Date.now() }, arn !== undefined, ctx.readings);
    const result = await driveStepsAsync(steps, trigger);
    if (!result.ok) throw fromServiceError(result.error);
    if (result.state !== state) ctx.state.setDataset(result.state);
    return json({ Records: result.records.map(recordView) });
  });
}
