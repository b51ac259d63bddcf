/**
 * A multi-device session through the service: devices list and update a few shared keys, some without listing
 * first (their SyncCounts are stale and conflict), some resending an update whose answer they never heard. The
 * model's one session interpreter (`sessionRunner`) drives the devices; this file is its service: every ListRecords
 * and UpdateRecords goes to the wire and to the model, and the answers are compared, as is the dataset at the end.
 * The session stops at the first disagreement: past it, the two sides no longer start from the same state.
 */
import {
  emptyDataset,
  listRecords,
  liveValues,
  sessionRunner,
  type DatasetState,
  type SessionService,
  type SyncSession,
} from '../model/index.ts';
import { compareAnswer, compareState, listedValues, valuesOf, type CaseFinding } from './agree.ts';
import { sessionClasses, type SessionInput } from './cases.ts';
import { diffRows, modelRows, predict, wireRows, type Prediction } from './predict.ts';
import { acceptable } from './singleCase.ts';
import { listAll, listFrom, updateWith, type CaseContext } from './service.ts';

/** The first disagreement between the service and the model: it ends the session. */
class Disagreement extends Error {
  constructor(readonly finding: CaseFinding) {
    super('the service and the model disagree');
  }
}

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
  let last: { before: DatasetState; prediction: Prediction } | undefined;
  let at = '';
  // A session token from a listing made in the current step, for the update that follows it.
  const tokens = new Map<string, string | undefined>();
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
  const stop = (messages: string[], listed?: Parameters<typeof listedValues>[0]): Disagreement =>
    new Disagreement(finding(messages, listed));

  const service: SessionService = {
    state: () => state,
    async list(device) {
      const listed = await listFrom(ctx, device.id, device.lastSyncCount);
      const model = listRecords(state, device.lastSyncCount);
      if (!model.ok) throw stop([`${at}: the model answers ${model.error.name} to ListRecords`], listed);
      const messages = diffRows(`${at}, ListRecords`, modelRows(model.records), wireRows(listed.Records), ctx.compare);
      if ((listed.DatasetSyncCount ?? 0) !== model.datasetSyncCount)
        messages.push(
          `${at}, ListRecords: dataset SyncCount ${String(model.datasetSyncCount)} in the model, ${String(listed.DatasetSyncCount ?? 0)} in the service`,
        );
      if (messages.length) throw stop(messages, listed);
      tokens.set(device.id, listed.SyncSessionToken);
      return model;
    },
    async update(device, modelRequest, resend) {
      const as = device.id;
      const what = resend ? 'resend' : 'update';
      // A device that did not list in this step still needs a session token; it learns nothing from that listing.
      const token =
        !resend && tokens.has(as)
          ? tokens.get(as)
          : (
              await listFrom(
                ctx,
                as,
                device.lastSyncCount,
                resend ? 'session token for the resend' : 'session token only',
              )
            ).SyncSessionToken;
      tokens.delete(as);
      const request = { ...modelRequest, credentials: 'identity' as const };
      const prediction = await predict(ctx.handler, state, request, ctx.readings);
      last = { before: state, prediction };
      const out = await updateWith(ctx, as, token, request.patches, resend ? 'resend after success' : undefined);
      const messages = compareAnswer(`${at}'s ${what}`, prediction.result, out, ctx.compare);
      if (messages.length) throw stop(messages);
      if (!resend && !prediction.result.ok) classes.add(`predicted ${prediction.result.error.name}`);
      if (out.kind === 'unknown') {
        if (!resend) classes.add('answer-lost');
        // Written or not, the listing decides; the device never heard back, so it learns nothing.
        const listed = await listAll(ctx, as, 'the answer was lost');
        const lost = compareState(
          `after ${at}'s ${what}`,
          acceptable(state, prediction.result, out),
          listed,
          ctx.compare,
        );
        if (lost.length) throw stop(lost, listed);
        if (prediction.result.ok && !compareState('', [prediction.result.state], listed, ctx.compare).length)
          state = prediction.result.state;
        return { result: prediction.result, heard: false, calls: [] };
      }
      if (prediction.result.ok) state = prediction.result.state;
      return { result: prediction.result, heard: true, calls: [] };
    },
    // The service throttles when it will, not on request: a throttled step runs as a plain one here.
    throttle: () => Promise.resolve([]),
  };

  const runner = sessionRunner(session, service, { clock: () => Date.now() });
  try {
    for (const [i, step] of input.steps.entries()) {
      at = `step ${String(i + 1)}, device-${String(step.device)}`;
      tokens.clear();
      await runner.step(step, i + 1);
    }
  } catch (e) {
    if (e instanceof Disagreement) return e.finding;
    throw e;
  }
  const listed = await listAll(ctx, 'device-0', 'the end of the session');
  return finding(compareState('at the end of the session', [state], listed, ctx.compare), listed);
}
