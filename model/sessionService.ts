/**
 * The service a session runs against, behind one interface: the model's Cognito Sync with the trigger given as a
 * parameter (`modelService`), or anything that answers ListRecords and UpdateRecords the same way (the live check
 * compares the real service with the model behind it). The trigger is async, so any target can sit behind it.
 */
import { listRecords, type ListRecordsResult } from './listRecords.ts';
import { emptyDataset, prepareUpdate, type UpdateRequest, type UpdateResult } from './dataset.ts';
import type { LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import type { DeviceView } from './sessionDevice.ts';
import type { DatasetState, Identity, SyncTriggerEvent } from './types.ts';
import { driveStepsAsync, updateSteps } from './updateSteps.ts';

/** A Sync Trigger: whatever runs the handler, awaited. */
export type AsyncTrigger = (event: SyncTriggerEvent) => Promise<LambdaResult>;

/** One run of the trigger during a call: the event, what Lambda sent back, and whether the call was throttled. */
export interface TriggerCall {
  readonly event: SyncTriggerEvent;
  readonly result: LambdaResult;
  readonly throttled?: boolean;
}

/** The service's answer to an UpdateRecords, whether the device heard it, and the trigger runs it took. */
export interface ServiceAnswer {
  readonly result: UpdateResult;
  /** False when the answer was lost on the way back: the device learns nothing. */
  readonly heard: boolean;
  readonly calls: readonly TriggerCall[];
}

/** What a session needs of Cognito Sync. */
export interface SessionService {
  /** The dataset as the model holds it now. */
  state(): DatasetState;
  /** ListRecords since the device's last SyncCount. */
  list(device: DeviceView): Promise<ListRecordsResult>;
  /** UpdateRecords; `resend` when the device sends a request again whose answer it never heard. */
  update(device: DeviceView, request: UpdateRequest, resend: boolean): Promise<ServiceAnswer>;
  /** An UpdateRecords throttled after the trigger ran (429, nothing written); a service that cannot throttle runs nothing. */
  throttle(device: DeviceView, request: UpdateRequest): Promise<readonly TriggerCall[]>;
}

/**
 * The model's Cognito Sync for one dataset, with the trigger as a parameter.
 * @param identity - whose dataset
 * @param datasetName - the dataset
 * @param trigger - the Sync Trigger
 * @param readings - the readings the model runs under
 * @defaultValue readings: {@link DEFAULT_READINGS}
 */
export function modelService(
  identity: Identity,
  datasetName: string,
  trigger: AsyncTrigger,
  readings: Readings = DEFAULT_READINGS,
): SessionService {
  let state = emptyDataset(identity, datasetName, 0);
  return {
    state: () => state,
    list: (device) => Promise.resolve(listRecords(state, device.lastSyncCount)),
    async update(_device, request) {
      const calls: TriggerCall[] = [];
      const result = await driveStepsAsync(updateSteps(state, request, true, readings), async (event) => {
        const r = await trigger(event);
        calls.push({ event, result: r });
        return r;
      });
      if (result.ok) state = result.state;
      return { result, heard: true, calls };
    },
    async throttle(_device, request) {
      const prepared = prepareUpdate(state, request, true, readings);
      if (prepared.step !== 'invoke') return [];
      return [{ event: prepared.event, result: await trigger(prepared.event), throttled: true }];
    },
  };
}
