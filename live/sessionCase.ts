/**
 * Multi-device sessions through the service. The model's one session interpreter (`sessionRunner`) drives the
 * devices; this file is their service (`differentialService`): every ListRecords and UpdateRecords goes to the wire
 * and to the model, and the answers are compared. Two kinds of case use it. A `live/model-agrees` session (devices
 * list and update a few shared keys, some without listing first, some resending an update whose answer they never
 * heard) compares the dataset at the end too. A `sessions/` check run end to end (`runCheckCase`) runs the very
 * check of a local run, its sessions going through the service instead of the model. Either stops at the first
 * disagreement: past it, the two sides no longer start from the same state.
 */
import {
  driveStepsAsync,
  emptyDataset,
  listRecords,
  liveValues,
  sessionRunner,
  updateSteps,
  type AsyncTrigger,
  type DatasetState,
  type DeviceView,
  type InitInfo,
  type SessionService,
  type SyncSession,
  type TriggerCall,
} from '../model/index.ts';
import { checkById } from '../suites/catalog.ts';
import type { CaseOutcome, CheckContext } from '../suites/check.ts';
import { compareAnswer, compareState, listedValues, valuesOf, type CaseFinding } from './agree.ts';
import { sessionClasses, type CheckCaseInput, type SessionInput } from './cases.ts';
import { diffRows, modelRows, predict, wireRows, type Prediction } from './predict.ts';
import { acceptable } from './singleCase.ts';
import { listAll, listFrom, updateWith, type CaseContext } from './service.ts';

/** The first disagreement between the service and the model: it ends the session. */
class Disagreement extends Error {
  constructor(readonly finding: CaseFinding) {
    super('the service and the model disagree');
  }
}

/** A session's service on the wire, checked against the model at every answer. */
interface Differential {
  readonly service: SessionService;
  /**
   * Starts a step of a raw session: names it for the messages, and forgets the session tokens of earlier listings,
   * so that a device that does not list in this step takes a token of its own.
   */
  at(label: string): void;
  /** A finding of the session so far: the messages, with the last prediction's event and datasets. */
  finding(messages: string[], listed?: Parameters<typeof listedValues>[0]): CaseFinding;
}

/** What a session check's run gives the differential service beside the case. */
interface CheckRun {
  /** What stands for the deployed handler in the prediction. */
  readonly trigger: AsyncTrigger;
  /**
   * The messages' name of each request, which only the device names (a check's steps are not the service's to
   * know); a client sync then updates with the token of the listing it just made, as the AWS clients do.
   */
  readonly label: (device: DeviceView) => string;
}

/**
 * The service of one session on the case's dataset, compared with the model at every answer.
 * @param ctx - the case's identity, dataset, handler and wire
 * @param classes - the case's input classes (answers the model predicts add to them)
 * @param run - a session check's trigger and labels @defaultValue the case's local handler, steps named by `at`
 */
function differentialService(ctx: CaseContext, classes: Set<string>, run?: CheckRun): Differential {
  const trigger = run?.trigger;
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
  /** The model's answer, and the runs of the trigger it took (when a check's trigger stands for the handler). */
  const predictWith = async (
    request: Parameters<typeof predict>[2],
  ): Promise<{ prediction: Prediction; calls: TriggerCall[] }> => {
    if (!trigger) return { prediction: await predict(ctx.handler, state, request, ctx.readings), calls: [] };
    const calls: TriggerCall[] = [];
    const result = await driveStepsAsync(updateSteps(state, request, true, ctx.readings), async (event) => {
      const r = await trigger(event);
      calls.push({ event, result: r });
      return r;
    });
    const event = calls.at(-1)?.event;
    return { prediction: { result, ...(event ? { event } : {}) }, calls };
  };

  const service: SessionService = {
    state: () => state,
    async list(device) {
      if (run) at = run.label(device);
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
      if (run) at = run.label(device);
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
      const { prediction, calls } = await predictWith(request);
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
        return { result: prediction.result, heard: false, calls };
      }
      if (prediction.result.ok) state = prediction.result.state;
      return { result: prediction.result, heard: true, calls };
    },
    // The service throttles when it will, not on request: a throttled step runs as a plain one here.
    throttle: () => Promise.resolve([]),
  };
  return {
    service,
    finding,
    at(label) {
      at = label;
      tokens.clear();
    },
  };
}

/**
 * Runs one `live/model-agrees` session.
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
  const live = differentialService(ctx, new Set(sessionClasses(input)));
  const runner = sessionRunner(session, live.service, { clock: () => Date.now() });
  try {
    for (const [i, step] of input.steps.entries()) {
      live.at(`step ${String(i + 1)}, device-${String(step.device)}`);
      await runner.step(step, i + 1);
    }
  } catch (e) {
    if (e instanceof Disagreement) return e.finding;
    throw e;
  }
  const listed = await listAll(ctx, 'device-0', 'the end of the session');
  return live.finding(compareState('at the end of the session', [live.service.state()], listed, ctx.compare), listed);
}

/** What a `sessions/` check found end to end: whether the service agreed with the model, and the check's outcome. */
export interface CheckCaseResult {
  /** The check's id. */
  readonly check: string;
  /** The check's input as it ran: the session on the case's identity and dataset. */
  readonly input: { readonly session: SyncSession };
  /** The `live/model-agrees` finding of the case: no messages when every answer agreed. */
  readonly finding: CaseFinding;
  /** The check's outcome; absent when the service and the model disagreed first (the check then saw no session). */
  readonly outcome?: CaseOutcome;
}

/**
 * Runs a `sessions/` check on one session end to end: the check runs as in a local run, but every session it runs
 * with the handler goes through the service (each on a dataset of its own: `<dataset>`, then `<dataset>-2`, …),
 * checked against the model at every answer; its reference runs (an echoing trigger) stay on the model.
 * @param ctx - the case's identity, dataset, handler and wire
 * @param input - the check and its session
 * @param init - what the handler's runtime learned at init
 * @param datasets - receives the names of the extra datasets made, for their deletion
 */
export async function runCheckCase(
  ctx: CaseContext,
  input: CheckCaseInput,
  init: { readonly init: InitInfo; readonly runtime: string; readonly marginMs: number },
  datasets: string[],
): Promise<CheckCaseResult> {
  const check = checkById(input.check);
  if (!check?.id.startsWith('sessions/')) throw new Error(`${input.check} is not a session check`);
  const classes = new Set(['session-check', input.check]);
  const last: { live?: Differential } = {};
  let made = 0;
  let step = 0;
  const checkCtx: CheckContext = {
    invoke: (event) => ctx.handler.invoke(event),
    ...init,
    readings: ctx.readings,
    sessionService: (_session, trigger) => {
      const n = ++made;
      const datasetName = n === 1 ? ctx.datasetName : `${ctx.datasetName}-${String(n)}`;
      if (n > 1) datasets.push(datasetName);
      const live = differentialService({ ...ctx, datasetName }, classes, {
        trigger,
        label: (device) => `${check.id} session ${String(n)}, request ${String(++step)} (${device.id})`,
      });
      last.live = live;
      return live.service;
    },
  };
  const session = sessionOf(ctx, input);
  try {
    const outcome = await check.property(session, checkCtx);
    const agreed = last.live?.finding([]) ?? { messages: [], stored: {}, expected: {}, resulting: null, classes: [] };
    return { check: check.id, input: session, finding: { ...agreed, classes: [...classes] }, outcome };
  } catch (e) {
    if (e instanceof Disagreement) return { check: check.id, input: session, finding: e.finding };
    throw e;
  }
}

/** The check's input on the case's own identity and dataset (what the report keeps, and a local replay re-runs). */
function sessionOf(
  ctx: Pick<CaseContext, 'identity' | 'datasetName'>,
  input: CheckCaseInput,
): { session: SyncSession } {
  return { session: { ...input.session, identity: ctx.identity, datasetName: ctx.datasetName } };
}
