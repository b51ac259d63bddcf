/**
 * Does the service agree with the model? One UpdateRecords answer against the predicted one, and the dataset the
 * service lists against the predicted state. Every disagreement is one worded line; none means agreement.
 */
import type { ListRecordsCommandOutput } from '@aws-sdk/client-cognito-sync';
import {
  liveValues,
  type DatasetState,
  type DatasetValues,
  type SyncTriggerEvent,
  type UpdateResult,
} from '../model/index.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { diffRows, modelRows, wireRows } from './predict.ts';
import type { ValueComparison } from './sameValue.ts';
import type { UpdateOutcome } from './service.ts';

/** What one case found: no message means the service did what the model predicted. */
export interface CaseFinding {
  readonly messages: readonly string[];
  /** The event the model built for the update that diverged (or the last one), as the handler received it. */
  readonly event?: SyncTriggerEvent;
  /** The local handler's reply to it. */
  readonly outcome?: InvocationOutcome;
  /** The model's answer to that update. */
  readonly predicted?: UpdateResult;
  /** Live values before that update, as the service listed them. */
  readonly stored: DatasetValues;
  /** Live values the model predicts after it. */
  readonly expected: DatasetValues;
  /** Live values the service listed after it. */
  readonly resulting: DatasetValues | null;
  readonly classes: readonly string[];
}

const say = (r: UpdateResult): string => (r.ok ? 'success' : `${r.error.name} (“${r.error.message}”)`);

/**
 * The answer of one UpdateRecords against the model's. An answer that was lost is not compared: the state is.
 * @param what - the update, for the messages (`step 3, device-1's update`)
 * @param compare - how record values are compared @defaultValue exact values
 */
export function compareAnswer(
  what: string,
  predicted: UpdateResult,
  out: UpdateOutcome,
  compare?: ValueComparison,
): string[] {
  if (out.kind === 'unknown') return [];
  if (out.kind === 'error')
    return predicted.ok || predicted.error.name !== out.name
      ? [`${what}: the model predicts ${say(predicted)}, the service answered ${out.name}`]
      : [];
  if (!predicted.ok) return [`${what}: the model predicts ${say(predicted)}, the service answered success`];
  return diffRows(`${what}, records in the response`, modelRows(predicted.records), out.records, compare);
}

/** Live values of a listing. */
export function listedValues(listed: ListRecordsCommandOutput): DatasetValues {
  const out = Object.create(null) as DatasetValues;
  for (const r of listed.Records ?? []) if (r.Value !== undefined && r.Key !== undefined) out[r.Key] = r.Value;
  return out;
}

/**
 * The dataset the service lists (from SyncCount 0) against the predicted state. With an answer that was lost,
 * the update may or may not have been written: either state agrees.
 * @param what - when, for the messages (`after the update`)
 * @param expected - the predicted state, then the other acceptable ones
 * @param compare - how record values are compared @defaultValue exact values
 */
export function compareState(
  what: string,
  expected: readonly DatasetState[],
  listed: ListRecordsCommandOutput,
  compare?: ValueComparison,
): string[] {
  const service = wireRows(listed.Records);
  let first: string[] | undefined;
  for (const state of expected) {
    const out = diffRows(`the dataset ${what}`, modelRows(state.records), service, compare);
    const count = listed.DatasetSyncCount ?? 0;
    if (state.syncCount !== count)
      out.push(
        `the dataset ${what}: SyncCount ${String(state.syncCount)} in the model, ${String(count)} in the service`,
      );
    if (!out.length) return [];
    first ??= out;
  }
  return first ?? [];
}

/** The state after an update as the model predicts it: the new state, or the old one when it fails. */
export const stateAfter = (before: DatasetState, r: UpdateResult): DatasetState => (r.ok ? r.state : before);

/** The finding's values for an update. */
export function valuesOf(
  before: DatasetState,
  predicted: UpdateResult,
  listed: ListRecordsCommandOutput | undefined,
): Pick<CaseFinding, 'stored' | 'expected' | 'resulting'> {
  return {
    stored: liveValues(before),
    expected: liveValues(stateAfter(before, predicted)),
    resulting: listed ? listedValues(listed) : null,
  };
}
