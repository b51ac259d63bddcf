/**
 * UpdateRecords as steps: the model's `prepareUpdate` → the trigger → `commitUpdate`, written once as a generator
 * that yields the event it hands the Sync Trigger and takes the trigger's result back. The model stays synchronous
 * and pure; whoever holds the trigger drives the steps — synchronously (a model trigger, the generators) or awaiting
 * a real call (a local handler, a deployed function, the emulator's service, the live check's prediction).
 */
import { applyUpdate, commitUpdate, prepareUpdate, type UpdateRequest, type UpdateResult } from './dataset.ts';
import type { LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import type { DatasetState, SyncTriggerEvent } from './types.ts';

/** The steps of one UpdateRecords: yields the trigger's event, receives what Lambda sent, returns the result. */
export type UpdateSteps = Generator<SyncTriggerEvent, UpdateResult, LambdaResult>;

/**
 * The steps of one UpdateRecords through the model.
 * @param state - the dataset before the update
 * @param request - the patches, who sends them, when
 * @param hasTrigger - whether the pool has a Sync Trigger
 * @param readings - the readings the model runs under
 */
export function* updateSteps(
  state: DatasetState,
  request: UpdateRequest,
  hasTrigger: boolean,
  readings: Readings = DEFAULT_READINGS,
): UpdateSteps {
  const prepared = prepareUpdate(state, request, hasTrigger, readings);
  if (prepared.step === 'fail') return { ok: false, state, error: prepared.error };
  if (prepared.step === 'apply') return applyUpdate(state, request, prepared.changes);
  const result = yield prepared.event;
  return commitUpdate(state, request, prepared, result, readings);
}

/**
 * Runs steps to the end with a synchronous effect handler.
 * @param steps - the generator
 * @param effect - answers each yielded value
 */
export function driveSteps<Y, R, N>(steps: Generator<Y, R, N>, effect: (y: Y) => N): R {
  let s = steps.next();
  while (!s.done) s = steps.next(effect(s.value));
  return s.value;
}

/**
 * Runs steps to the end, awaiting each effect. No IO of its own: it only awaits what the caller's handler returns.
 * What the effect throws (a throttle) ends the steps with that error.
 * @param steps - the generator
 * @param effect - answers each yielded value
 */
export async function driveStepsAsync<Y, R, N>(steps: Generator<Y, R, N>, effect: (y: Y) => Promise<N>): Promise<R> {
  let s = steps.next();
  while (!s.done) s = steps.next(await effect(s.value));
  return s.value;
}
