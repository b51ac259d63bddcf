/**
 * What the `sessions/` checks share: the input they draw (a client session), running it with the user's handler as
 * the trigger of the model's Cognito Sync (through `ctx.invoke`, so any target works), settling (every device syncs
 * twice), the echoing reference run (what the service itself does to a session, so that a check blames the handler
 * only for what it changes), and the evidence with the session's timeline.
 */
import type fc from 'fast-check';
import { clientSession } from '../../generators/index.ts';
import {
  buildEvent,
  deviceValues,
  emptyDataset,
  isJsonObject,
  liveValues,
  localChange,
  modelService,
  pushRequest,
  sameValues,
  sessionRunner,
  toLambdaResult,
  type AsyncTrigger,
  type DatasetState,
  type DatasetValues,
  type InvocationOutcome,
  type LambdaResult,
  type Readings,
  type SessionRunner,
  type SessionService,
  type SyncSession,
  type SyncTriggerEvent,
  type TriggerCall,
  type UpdateRequest,
  type UpdateResult,
} from '../../model/index.ts';
import type { CaseEvidence, CheckContext, GenContext, SessionServiceOf } from '../check.ts';

/** A `sessions/` check's input: one session of client steps. */
export interface SessionInput {
  readonly session: SyncSession;
}

/** Cases per session check: each runs a whole session (a dozen handler calls or more). */
const SESSION_RUNS = 25;

/**
 * A draw of a session check: 2–3 devices, at most 8 steps, on the handler's known keys first.
 * @param gen - the run's generation context
 * @param domain - whether the user's domain keys come first and edits draw their values (the config's `values`)
 */
export function sessionInput(gen: GenContext, domain = false): fc.Arbitrary<SessionInput> {
  return clientSession({
    maxDevices: 3,
    maxSteps: 8,
    ...(gen.keys ? { keys: gen.keys } : {}),
    ...(gen.datasetName !== undefined ? { datasetName: gen.datasetName } : {}),
    ...(domain && gen.values ? { values: gen.values } : {}),
  }).map((session) => ({ session }));
}

/** Input classes of a session, for coverage. */
function classifySession(input: SessionInput): string[] {
  const s = input.session;
  const out = new Set<string>([`${String(s.devices)} devices`, `policy ${s.policy ?? 'remote'}`]);
  const edited = new Map<number, Set<number>>();
  for (const st of s.steps) {
    if (st.kind === 'sync' && st.fault !== 'none') out.add(st.fault === 'lost' ? 'answer lost' : 'throttled');
    if (st.kind === 'sync' && st.between !== undefined) out.add('another device syncs in between');
    if (st.kind === 'delete') out.add('delete');
    if (st.kind === 'edit') {
      const keys = edited.get(st.key) ?? new Set<number>();
      keys.add(st.device);
      edited.set(st.key, keys);
    }
  }
  if ([...edited.values()].some((d) => d.size > 1)) out.add('two devices edit one key');
  return [...out].sort();
}

/**
 * The first event a session hands the handler, worked out without running it: before the first push nothing is
 * stored, so it is the first pushing device's local changes over an empty dataset.
 */
export function firstEvent(input: SessionInput): SyncTriggerEvent | null {
  const s = input.session;
  const stores = Array.from({ length: s.devices }, (_, i) => ({
    id: `device-${String(i)}`,
    lastSyncCount: 0,
    known: new Map<string, { value: string | null; syncCount: number; dirty?: boolean; modifiedAt?: number }>(),
  }));
  for (const [i, st] of s.steps.entries()) {
    const d = stores[st.device];
    if (!d) continue;
    if (st.kind === 'edit' || st.kind === 'delete') {
      const next = localChange(d, s.keys[st.key] ?? 'k', st.kind === 'edit' ? st.value : null, i);
      stores[st.device] = { ...next, known: new Map(next.known) };
      continue;
    }
    if (st.kind !== 'sync') continue;
    const first = [st.device, ...(st.between !== undefined ? [st.between] : [])]
      .map((n) => stores[n])
      .find((x) => x !== undefined && pushRequest(x, 0).patches.length > 0);
    if (first) return buildEvent(emptyDataset(s.identity, s.datasetName), pushRequest(first, 0).patches, s.identity);
  }
  return null;
}

/**
 * How a session check's target runs go: under the run's readings, against the service the context names (an
 * end-to-end run's) or the model's.
 * @param ctx - the check's context
 */
export function targetRun(ctx: CheckContext): SessionRunOptions {
  return { readings: ctx.readings, ...(ctx.sessionService ? { service: ctx.sessionService } : {}) };
}

/** The trigger that runs the user's handler, keeping every invocation. */
export function targetTrigger(ctx: CheckContext, invocations: InvocationOutcome[]): AsyncTrigger {
  return async (event) => {
    const o = await ctx.invoke(event);
    invocations.push(o);
    return toLambdaResult(o);
  };
}

/** A trigger that replies the event unchanged: the reference of what the service does by itself. */
export const echoTrigger: AsyncTrigger = (event): Promise<LambdaResult> =>
  Promise.resolve({ kind: 'reply', json: JSON.stringify(event) });

/** One UpdateRecords the service answered, with the step it belongs to. */
interface ObservedUpdate {
  readonly at: number;
  readonly device: string;
  readonly request: UpdateRequest;
  readonly result: UpdateResult;
  readonly before: DatasetValues;
  /** Keys the trigger's last reply in this update holds an entry for (not a null one). */
  readonly replyKeys: ReadonlySet<string>;
}

/** Keys with a non-null entry in a reply's datasetRecords. */
function replyKeysOf(calls: readonly TriggerCall[]): Set<string> {
  const last = calls.at(-1)?.result;
  if (last?.kind !== 'reply') return new Set();
  try {
    const v: unknown = JSON.parse(last.json);
    const records = isJsonObject(v) ? v.datasetRecords : undefined;
    return new Set(isJsonObject(records) ? Object.keys(records).filter((k) => records[k] !== null) : []);
  } catch {
    return new Set();
  }
}

/** One run of the trigger in a session: where it ran, the dataset it ran on, and what it was handed and sent back. */
export interface ObservedCall extends TriggerCall {
  /** The step's row label in the timeline (0 for settling and a check's own phase). */
  readonly at: number;
  readonly device: string;
  /** The dataset as stored when the trigger ran. */
  readonly before: DatasetState;
}

/** A session run: its runner, every update the service answered and every run of the trigger, in order. */
export interface SessionTrace {
  readonly runner: SessionRunner;
  readonly updates: readonly ObservedUpdate[];
  readonly calls: readonly ObservedCall[];
  /**
   * The service refused a reply of the trigger (invalid output, an error, a timeout, a limit), or the trigger did not
   * reply at all (it threw, crashed or timed out, even in a throttled call whose answer the service dropped): the
   * single-sync checks judge that, and a session check does not count the same bug again.
   */
  readonly refused: boolean;
}

/** The errors the service answers when it refuses what the trigger did (not a SyncCount conflict). */
const REFUSALS = new Set([
  'InvalidLambdaFunctionOutputException',
  'LambdaSocketTimeoutException',
  'LimitExceededException',
]);

/** A check's own steps after the session has settled (rows of step 0). */
export type SessionPhase = (runner: SessionRunner, session: SyncSession) => Promise<void>;

/**
 * Asked after every step with the runs of the trigger the step made (none: not asked); `true` stops the session there.
 */
export type StepWatch = (calls: readonly ObservedCall[]) => Promise<boolean>;

/** How a session runs. */
export interface SessionRunOptions {
  readonly readings: Readings;
  /** `false`: stop after the steps; else the phase to run once settled. @defaultValue settle only */
  readonly after?: SessionPhase | false;
  /** Asked after every step, settling included, with the runs of the trigger it made; `true` stops there. */
  readonly watch?: StepWatch;
  /** The Cognito Sync to run against, given the trigger. @defaultValue the model's ({@link modelService}) */
  readonly service?: SessionServiceOf;
}

/**
 * Runs a session's steps, then (unless `after` is false) lets every device sync twice with no edits, then the
 * check's own phase, if any.
 * @param session - the session
 * @param trigger - the trigger
 * @param options - see {@link SessionRunOptions}
 */
export async function runSession(
  session: SyncSession,
  trigger: AsyncTrigger,
  options: SessionRunOptions,
): Promise<SessionTrace> {
  const { readings, after, watch } = options;
  const inner =
    options.service?.(session, trigger) ?? modelService(session.identity, session.datasetName, trigger, readings);
  const updates: ObservedUpdate[] = [];
  const calls: ObservedCall[] = [];
  let at = 0;
  const service: SessionService = {
    ...inner,
    async throttle(device, request) {
      const stored = inner.state();
      const ran = await inner.throttle(device, request);
      calls.push(...ran.map((c) => ({ ...c, at, device: device.id, before: stored })));
      return ran;
    },
    async update(device, request, resend) {
      const stored = inner.state();
      const before = liveValues(stored);
      const answer = await inner.update(device, request, resend);
      calls.push(...answer.calls.map((c) => ({ ...c, at, device: device.id, before: stored })));
      updates.push({
        at,
        device: device.id,
        request,
        result: answer.result,
        before,
        replyKeys: replyKeysOf(answer.calls),
      });
      return answer;
    },
  };
  const runner = sessionRunner(session, service);
  let watched = 0;
  const stop = async (): Promise<boolean> => {
    const fresh = calls.slice(watched);
    watched = calls.length;
    return watch !== undefined && fresh.length > 0 && (await watch(fresh));
  };
  const trace = (): SessionTrace => ({
    runner,
    updates,
    calls,
    refused:
      updates.some((u) => !u.result.ok && REFUSALS.has(u.result.error.name)) ||
      calls.some((c) => c.result.kind !== 'reply'),
  });
  for (const [i, step] of session.steps.entries()) {
    at = i + 1;
    await runner.step(step, at);
    if (await stop()) return trace();
  }
  at = 0;
  if (after === false) return trace();
  if (await settleDevices(runner, session.devices, stop)) return trace();
  if (after) await after(runner, session);
  return trace();
}

/**
 * Every device syncs twice, in turn, with no edits (rows of step 0: the check's own phase).
 * @param runner - the session
 * @param devices - how many devices it has
 * @param stop - asked after each sync; `true` ends the settling there
 * @returns whether `stop` ended it
 */
export async function settleDevices(
  runner: SessionRunner,
  devices: number,
  stop: () => Promise<boolean> = () => Promise.resolve(false),
): Promise<boolean> {
  for (let round = 0; round < 2; round++)
    for (let d = 0; d < devices; d++) {
      await runner.step({ kind: 'sync', device: d, fault: 'none' }, 0);
      if (await stop()) return true;
    }
  return false;
}

/**
 * Keys a device pushed that the service then wrote nothing for, by the handler's own answer: it removed a record
 * the service never stored (no tombstone can exist), or set it back to the stored value (nothing to stamp). The
 * contract allows both; no device can learn of them, so devices that keep such a key apart is the service's doing,
 * not the handler's. A record the reply leaves out is the handler's accident (`data/no-dropped-changes`) and counts.
 */
function unstorable(trace: SessionTrace): Set<string> {
  const out = new Set<string>();
  for (const u of trace.updates) {
    if (!u.result.ok) continue;
    const stored = new Set(u.result.state.records.map((r) => r.key));
    const written = new Set(u.result.records.map((r) => r.key));
    for (const p of u.request.patches)
      if (p.op === 'replace' && !written.has(p.key) && (!stored.has(p.key) || u.replyKeys.has(p.key))) out.add(p.key);
  }
  return out;
}

/** Devices whose live values differ from the service's (keys the service could never tell them of aside), worded. */
export function divergence(trace: SessionTrace): string[] {
  const runner = trace.runner;
  const skip = unstorable(trace);
  const service = liveValues(runner.state());
  const shown = (v: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(v).filter(([k]) => !skip.has(k)));
  return runner.devices
    .filter((d) => !sameValues(shown(deviceValues(d)), shown(service)))
    .map((d) => `${d.id} holds ${JSON.stringify(deviceValues(d))}, the service ${JSON.stringify(service)}`);
}

function kept(invocations: readonly InvocationOutcome[]): InvocationOutcome[] {
  const last = invocations.slice(-4);
  const failed = invocations.find((o) => o.kind !== 'replied');
  return failed && !last.includes(failed) ? [failed, ...last.slice(1)] : last;
}

/**
 * A session failure's evidence: the last event and invocations, the datasets, and the timeline.
 * @param trace - the target's run
 * @param invocations - the target's invocations
 * @param expected - what the reference run leaves
 * @param resulting - what the handler's run leaves (or a device holds)
 */
export function sessionEvidence(
  trace: SessionTrace,
  invocations: readonly InvocationOutcome[],
  expected: DatasetValues,
  resulting: DatasetValues,
): CaseEvidence {
  const events = trace.runner.log.flatMap((e) => e.events);
  return {
    event: events.at(-1) ?? null,
    // A handler that did not reply signs the failure with its own root cause: keep that invocation in view.
    invocations: kept(invocations),
    violations: [],
    stored: expected,
    expected,
    resulting,
    timeline: trace.runner.timeline(),
  };
}

/** What every session check declares alike: its cases, how they are classified and shown, how many run. */
export const SESSION_CASES = {
  arbitrary: sessionInput,
  classify: classifySession,
  eventOf: firstEvent,
  maxRuns: SESSION_RUNS,
} as const;

/** What a session check found against the handler: the session as it ran, the handler's invocations, the findings. */
export interface HandlerFindings<T> {
  readonly trace: SessionTrace;
  readonly invocations: readonly InvocationOutcome[];
  readonly found: readonly [T, ...T[]];
}

/**
 * Runs the session with the handler as the Sync Trigger and looks for findings. None when the service refused a
 * reply (the single-sync checks judge those), when `find` finds nothing, or when the same session with an echoing
 * trigger shows findings too: then they are the session's doing, not the handler's.
 * @param session - the session
 * @param ctx - the check's context (the handler, the readings)
 * @param find - what the check looks for in a session that ran
 * @param after - the check's own phase once settled
 */
export async function handlerFindings<T>(
  session: SyncSession,
  ctx: CheckContext,
  find: (trace: SessionTrace) => readonly T[],
  after?: SessionPhase,
): Promise<HandlerFindings<T> | undefined> {
  const invocations: InvocationOutcome[] = [];
  const trace = await runSession(session, targetTrigger(ctx, invocations), {
    ...targetRun(ctx),
    ...(after ? { after } : {}),
  });
  if (trace.refused) return undefined;
  const [first, ...rest] = find(trace);
  if (first === undefined) return undefined;
  const reference = await runSession(session, echoTrigger, { readings: ctx.readings, ...(after ? { after } : {}) });
  if (find(reference).length) return undefined;
  return { trace, invocations, found: [first, ...rest] };
}
