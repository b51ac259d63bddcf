/**
 * A multi-device session through the service: devices list and update a few shared keys, some without listing
 * first (their SyncCounts are stale and conflict), some resending an update whose answer they never heard. Each
 * device keeps its view as the AWS SDKs do (`sessionDevices`); every ListRecords and UpdateRecords answer is
 * compared with the model's, and the dataset at the end with the model's state. The session stops at the first
 * disagreement: past it, the two sides no longer start from the same state.
 */
import { emptyDataset, listRecords, liveValues, type DatasetState } from '../model/index.ts';
import { afterList, afterUpdate, initialDevices, requestFor, type SyncSession } from '../generators/index.ts';
import { compareAnswer, compareState, listedValues, valuesOf, type CaseFinding } from './agree.ts';
import { sessionClasses, type SessionInput } from './cases.ts';
import { diffRows, modelRows, predict, wireRows, type Prediction } from './predict.ts';
import { acceptable } from './singleCase.ts';
import { listAll, listFrom, updateWith, type CaseContext } from './service.ts';

/**
 * Runs one session.
 * @param ctx - the case's identity, dataset, handler and wire
 * @param input - devices, keys and steps
 */
export async function runSession(ctx: CaseContext, input: SessionInput): Promise<CaseFinding> {
  const session: SyncSession = {
    identity: ctx.identity,
    datasetName: ctx.datasetName,
    devices: input.devices,
    keys: input.keys,
    steps: input.steps,
  };
  const classes = new Set(sessionClasses(input));
  let state: DatasetState = emptyDataset(ctx.identity, ctx.datasetName);
  const devices = initialDevices(session);
  let last: { before: DatasetState; prediction: Prediction } | undefined;
  const finding = (messages: string[], listed?: Parameters<typeof listedValues>[0]): CaseFinding => ({
    messages,
    ...(last?.prediction.event ? { event: last.prediction.event } : {}),
    ...(last?.prediction.outcome ? { outcome: last.prediction.outcome } : {}),
    ...(last ? { predicted: last.prediction.result } : {}),
    ...(last
      ? valuesOf(last.before, last.prediction.result, listed)
      : { stored: liveValues(state), expected: liveValues(state), resulting: listed ? listedValues(listed) : null }),
    classes: [...classes],
  });

  for (const [i, step] of input.steps.entries()) {
    const at = `step ${String(i + 1)}, device-${String(step.device)}`;
    let device = devices[step.device] ?? devices[0];
    if (!device) break;
    const as = device.id;
    let token: string | undefined;
    if (step.kind === 'list' || step.syncFirst) {
      const listed = await listFrom(ctx, as, device.lastSyncCount);
      const model = listRecords(state, device.lastSyncCount);
      if (!model.ok) return finding([`${at}: the model answers ${model.error.name} to ListRecords`], listed);
      const messages = diffRows(`${at}, ListRecords`, modelRows(model.records), wireRows(listed.Records), ctx.compare);
      if ((listed.DatasetSyncCount ?? 0) !== model.datasetSyncCount)
        messages.push(
          `${at}, ListRecords: dataset SyncCount ${String(model.datasetSyncCount)} in the model, ${String(listed.DatasetSyncCount ?? 0)} in the service`,
        );
      if (messages.length) return finding(messages, listed);
      device = afterList(device, model);
      token = listed.SyncSessionToken;
    }
    devices[step.device] = device;
    if (step.kind === 'list') continue;
    // A device that does not list first still needs a session token; it learns nothing from that listing.
    token ??= (await listFrom(ctx, as, device.lastSyncCount, 'session token only')).SyncSessionToken;
    const request = { ...requestFor(session, step, device, Date.now()), credentials: 'identity' as const };
    const prediction = await predict(ctx.handler, state, request, ctx.readings);
    last = { before: state, prediction };
    const out = await updateWith(ctx, as, token, request.patches);
    const messages = compareAnswer(`${at}'s update`, prediction.result, out, ctx.compare);
    if (messages.length) return finding(messages);
    if (!prediction.result.ok) classes.add(`predicted ${prediction.result.error.name}`);
    if (out.kind === 'unknown') {
      classes.add('answer-lost');
      // Written or not, the listing decides; the device never heard back, so it learns nothing.
      const listed = await listAll(ctx, as, 'the answer was lost');
      const lost = compareState(`after ${at}'s update`, acceptable(state, prediction.result, out), listed, ctx.compare);
      if (lost.length) return finding(lost, listed);
      if (prediction.result.ok && !compareState('', [prediction.result.state], listed, ctx.compare).length)
        state = prediction.result.state;
      continue;
    }
    if (!prediction.result.ok) continue;
    state = prediction.result.state;
    if (step.retry !== 'after-success') {
      devices[step.device] = afterUpdate(device, prediction.result);
      continue;
    }
    // Written, but the device never heard back: it learns nothing and resends the same request.
    const again = await predict(ctx.handler, state, request, ctx.readings);
    last = { before: state, prediction: again };
    const resend = await listFrom(ctx, as, device.lastSyncCount, 'session token for the resend');
    const out2 = await updateWith(ctx, as, resend.SyncSessionToken, request.patches, 'resend after success');
    const m2 = compareAnswer(`${at}'s resend`, again.result, out2, ctx.compare);
    if (m2.length) return finding(m2);
    if (out2.kind === 'unknown') {
      const listed = await listAll(ctx, as, 'the answer was lost');
      const lost = compareState(`after ${at}'s resend`, acceptable(state, again.result, out2), listed, ctx.compare);
      if (lost.length) return finding(lost, listed);
      if (again.result.ok && !compareState('', [again.result.state], listed, ctx.compare).length)
        state = again.result.state;
    } else if (again.result.ok) {
      state = again.result.state;
      devices[step.device] = afterUpdate(device, again.result);
    }
  }
  const listed = await listAll(ctx, 'device-0', 'the end of the session');
  return finding(compareState('at the end of the session', [state], listed, ctx.compare), listed);
}
