/**
 * UpdateRecords with a Sync Trigger that is a real, asynchronous call (a local handler, a Lambda function): the
 * model's `updateRecords`, split around the call the way the model splits it (`prepareUpdate` → the trigger →
 * `commitUpdate`), so that whoever awaits a trigger — the emulator's service, the live check's prediction — runs
 * the model's steps and nothing of its own.
 */
import {
  applyUpdate,
  commitUpdate,
  DEFAULT_READINGS,
  prepareUpdate,
  type DatasetState,
  type LambdaResult,
  type Readings,
  type SyncTriggerEvent,
  type UpdateRequest,
  type UpdateResult,
} from '../model/index.ts';

/**
 * Runs one UpdateRecords through the model, awaiting the trigger when the model invokes it.
 * @param state - the dataset before the update
 * @param request - the patches, who sends them, when
 * @param trigger - the pool's Sync Trigger, or undefined when it has none; what it throws (a throttle) ends the
 *   update with nothing written
 * @param readings - the readings the model runs under
 */
export async function updateThroughTrigger(
  state: DatasetState,
  request: UpdateRequest,
  trigger: ((event: SyncTriggerEvent) => Promise<LambdaResult>) | undefined,
  readings: Readings = DEFAULT_READINGS,
): Promise<UpdateResult> {
  const prepared = prepareUpdate(state, request, trigger !== undefined, readings);
  if (prepared.step === 'fail') return { ok: false, state, error: prepared.error };
  if (prepared.step === 'apply') return applyUpdate(state, request, prepared.changes);
  if (!trigger) throw new Error('unreachable: the model invokes a trigger the pool does not have');
  return commitUpdate(state, request, prepared, await trigger(prepared.event), readings);
}
