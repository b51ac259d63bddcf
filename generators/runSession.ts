/**
 * Runs a session against the model's Cognito Sync (`updateRecords`, `listRecords`) with an in-process trigger:
 * the reference run a stateful check compares a target with, and the generators' own evidence that sessions reach
 * conflicts and retries.
 */
import {
  DEFAULT_READINGS,
  emptyDataset,
  listRecords,
  prepareUpdate,
  updateRecords,
  type DatasetState,
  type LambdaResult,
  type Readings,
  type SyncTriggerEvent,
  type UpdateRequest,
  type UpdateResult,
} from '../model/index.ts';
import { afterList, afterUpdate, initialDevices, requestFor } from './sessionDevices.ts';
import type { SessionStep, SyncSession } from './syncSession.ts';

/** One step as it ran. */
export interface SessionLogEntry {
  readonly step: SessionStep;
  /** The request sent (update steps). */
  readonly request?: UpdateRequest;
  /** The service's answer to the request (for a resend after success, the answer to the resend). */
  readonly result?: UpdateResult;
  /** Every event the trigger received in this step (two identical ones for a throttled retry). */
  readonly events: readonly SyncTriggerEvent[];
  /** The dataset after the step. */
  readonly state: DatasetState;
}

/** A Sync Trigger run in process. */
export type SessionTrigger = (event: SyncTriggerEvent) => LambdaResult;

/**
 * Runs every step in order. The clock advances one second per step.
 * @param session - the session
 * @param trigger - the Sync Trigger
 * @param readings - the readings the model runs under
 * @defaultValue readings: {@link DEFAULT_READINGS}
 */
export function runSession(
  session: SyncSession,
  trigger: SessionTrigger,
  readings: Readings = DEFAULT_READINGS,
): SessionLogEntry[] {
  let state = emptyDataset(session.identity, session.datasetName, 0);
  const devices = initialDevices(session);
  const log: SessionLogEntry[] = [];
  session.steps.forEach((step, i) => {
    const now = 1_000 * (i + 1);
    const events: SyncTriggerEvent[] = [];
    const seen: SessionTrigger = (e) => {
      events.push(e);
      return trigger(e);
    };
    const device = devices[step.device];
    if (device === undefined) throw new RangeError(`runSession: step ${i} names device ${step.device}`);
    if (step.kind === 'list' || step.syncFirst)
      devices[step.device] = afterList(device, listRecords(state, device.lastSyncCount));
    if (step.kind === 'list') {
      log.push({ step, events, state });
      return;
    }
    const request = requestFor(session, step, devices[step.device] ?? device, now);
    if (step.retry === 'throttled') {
      // The throttled attempt reaches the handler, then fails with 429 and writes nothing.
      const prepared = prepareUpdate(state, request, true, readings);
      if (prepared.step === 'invoke') seen(prepared.event);
    }
    let result = updateRecords(state, request, seen, readings);
    if (step.retry === 'after-success' && result.ok) {
      // Written, but the device never heard back: it learns nothing and resends the same request.
      state = result.state;
      result = updateRecords(state, request, seen, readings);
    }
    if (result.ok) {
      state = result.state;
      devices[step.device] = afterUpdate(devices[step.device] ?? device, result);
    }
    log.push({ step, request, result, events, state });
  });
  return log;
}
