/**
 * The model's side of the differential check: what Cognito Sync should do with an UpdateRecords, given the state the
 * service showed and the reply the handler gives locally to the event the model builds; and the comparison of what
 * the service then did with that prediction, record by record.
 */
import type { _Record as WireRecord, ListRecordsCommandOutput } from '@aws-sdk/client-cognito-sync';
import {
  driveStepsAsync,
  updateSteps,
  type DatasetState,
  type Identity,
  type LambdaResult,
  type Readings,
  type SyncTriggerEvent,
  type UpdateRequest,
  type UpdateResult,
} from '../model/index.ts';
import { toLambdaResult, type InvocationOutcome, type Invoker } from '../runtime/invoker.ts';
import { differentValueHint, sameValue, type ValueComparison } from './sameValue.ts';

/** The model's answer to one UpdateRecords, with the handler's reply it was built from. */
export interface Prediction {
  readonly result: UpdateResult;
  readonly event?: SyncTriggerEvent;
  readonly outcome?: InvocationOutcome;
}

/**
 * Predicts one UpdateRecords made with identity credentials on a pool whose Sync Trigger is the handler.
 * @param handler - the local handler (its reply stands for the deployed function's)
 * @param state - the dataset as the service showed it
 * @param request - the request sent
 * @param readings - the readings the model runs under
 */
export async function predict(
  handler: Invoker,
  state: DatasetState,
  request: UpdateRequest,
  readings: Readings,
): Promise<Prediction> {
  let seen: { event: SyncTriggerEvent; outcome: InvocationOutcome } | undefined;
  const trigger = async (event: SyncTriggerEvent): Promise<LambdaResult> => {
    const outcome = await handler.invoke(event);
    seen = { event, outcome };
    return toLambdaResult(outcome);
  };
  const result = await driveStepsAsync(updateSteps(state, request, true, readings), trigger);
  return { result, ...seen };
}

/** A record as both sides are compared: key, value (`null` for a tombstone) and SyncCount. */
export interface Row {
  readonly key: string;
  readonly value: string | null;
  readonly syncCount: number;
}

/** Rows of the service's records. */
export const wireRows = (records: readonly WireRecord[] | undefined): Row[] =>
  (records ?? []).map((r) => ({ key: r.Key ?? '', value: r.Value ?? null, syncCount: r.SyncCount ?? 0 }));

/** Rows of the model's records. */
export const modelRows = (records: readonly { key: string; value: string | null; syncCount: number }[]): Row[] =>
  records.map((r) => ({ key: r.key, value: r.value, syncCount: r.syncCount }));

const show = (r: Row | undefined): string =>
  r === undefined
    ? 'absent'
    : `${r.value === null ? 'removed' : JSON.stringify(r.value.length > 60 ? `${r.value.slice(0, 60)}…` : r.value)} (SyncCount ${String(r.syncCount)})`;

/** Most record differences worded per comparison; the rest are counted. */
const MAX_ROW_MESSAGES = 5;

/**
 * Words every difference between the model's rows and the service's.
 * @param what - what is compared (`the dataset after the update`)
 * @param compare - how values are compared (times the handler writes by shape, named keys by presence)
 *   @defaultValue exact values
 */
export function diffRows(
  what: string,
  model: readonly Row[],
  service: readonly Row[],
  compare?: ValueComparison,
): string[] {
  const m = new Map(model.map((r) => [r.key, r]));
  const s = new Map(service.map((r) => [r.key, r]));
  const out: string[] = [];
  let hint: string | undefined;
  for (const key of [...new Set([...m.keys(), ...s.keys()])].sort()) {
    const a = m.get(key);
    const b = s.get(key);
    if (a && b && a.syncCount === b.syncCount && sameValue(key, a.value, b.value, compare)) continue;
    if (a === undefined && b === undefined) continue;
    out.push(`${what}: record ${JSON.stringify(key)} is ${show(a)} in the model, ${show(b)} in the service`);
    if (typeof a?.value === 'string' && typeof b?.value === 'string' && a.value !== b.value)
      hint ??= differentValueHint(key);
  }
  const shown =
    out.length > MAX_ROW_MESSAGES
      ? [...out.slice(0, MAX_ROW_MESSAGES), `${what}: and ${String(out.length - MAX_ROW_MESSAGES)} more records differ`]
      : out;
  return hint ? [...shown, `${what}: ${hint}`] : shown;
}

/** The model's dataset state for what the service listed from SyncCount 0. */
export function stateOf(identity: Identity, datasetName: string, listed: ListRecordsCommandOutput): DatasetState {
  const records = (listed.Records ?? []).map((r) => ({
    key: r.Key ?? '',
    value: r.Value ?? null,
    syncCount: r.SyncCount ?? 0,
    lastModifiedDate: r.LastModifiedDate?.getTime() ?? 0,
    lastModifiedBy: r.LastModifiedBy ?? '',
    deviceLastModifiedDate: r.DeviceLastModifiedDate?.getTime() ?? 0,
  }));
  return {
    identity,
    datasetName,
    exists: listed.DatasetExists ?? records.length > 0,
    syncCount: listed.DatasetSyncCount ?? 0,
    records,
    creationDate: 0,
    lastModifiedDate: 0,
    lastModifiedBy: listed.LastModifiedBy ?? '',
  };
}
