/**
 * The one interpreter of session steps (`SessionStep`), against any `SessionService` (the model's Cognito Sync with
 * a trigger given as a parameter, or the live service checked against the model). Raw steps (`list`, `update`) send
 * what they say; client steps (`edit`, `delete`, `sync`) go through each device's local store as the AWS clients do:
 * list, merge, resolve conflicts by the session's policy, push the unsynced records with their last SyncCount, and
 * list again on a conflict. Every step leaves a log entry and rows of the timeline.
 */
import type { UpdateRequest, UpdateResult } from './dataset.ts';
import {
  afterList,
  afterPush,
  afterUpdate,
  hasUnsynced,
  initialDevices,
  localChange,
  mergeListing,
  pushRequest,
  requestFor,
  type DeviceView,
  type MergeConflict,
} from './sessionDevice.ts';
import type { SessionService, TriggerCall } from './sessionService.ts';
import { answerText, conflictText, listText, replyText, updateText } from './sessionText.ts';
import { rowText, type SessionTimeline, type TimelineKind, type TimelineRow } from './sessionTimeline.ts';
import type { ConflictPolicy, SessionStep, SyncSession } from './sessionTypes.ts';
import type { DatasetState, SyncTriggerEvent } from './types.ts';

/** The key a busy device edits when every key of the session is being pushed by the device it interrupts. */
const BUSY_KEY = 'busy';

/** One step as it ran. */
export interface SessionLogEntry {
  readonly step: SessionStep;
  /** Its row label in the timeline: 1-based, 0 for a check's own phase. */
  readonly at: number;
  /** The last request the step sent. */
  readonly request?: UpdateRequest;
  /** The service's answer to it (for a resend after success, the answer to the resend). */
  readonly result?: UpdateResult;
  /** Every event the trigger received in this step (two identical ones for a throttled retry). */
  readonly events: readonly SyncTriggerEvent[];
  /** The dataset after the step. */
  readonly state: DatasetState;
  /** For a `sync`: the pushes that met a conflict (a 409, or a merge that had to resolve one). */
  readonly conflictRounds?: number;
}

/** Options of the interpreter. */
export interface SessionRunOptions {
  /** The service clock at a step (1-based), epoch ms; sub-steps add 1 ms each. @defaultValue step × 1,000 */
  readonly clock?: (step: number) => number;
  /** Conflict rounds after which a client sync gives up. @defaultValue 6 */
  readonly maxRounds?: number;
}

/** A session being run: step it, read its devices, state, log and timeline. */
export interface SessionRunner {
  /** Runs one step; `at` is its 1-based row label in the timeline (0 for a check's own phase). */
  step(step: SessionStep, at: number): Promise<SessionLogEntry>;
  readonly devices: readonly DeviceView[];
  state(): DatasetState;
  readonly log: readonly SessionLogEntry[];
  timeline(): SessionTimeline;
  /** A local change by key name (a key the session's universe may not hold: one the handler wrote). */
  change(at: number, device: number, key: string, value: string | null): void;
  /** Adds a row of the check's own (what it found, and where). */
  note(at: number, device: number, text: string): void;
}

/**
 * Starts a session against a service.
 * @param session - devices, keys, policy
 * @param service - the Cognito Sync to run against
 * @param options - see {@link SessionRunOptions}
 */
export function sessionRunner(
  session: SyncSession,
  service: SessionService,
  options: SessionRunOptions = {},
): SessionRunner {
  const clock = options.clock ?? ((i: number) => 1_000 * i);
  const maxRounds = options.maxRounds ?? 6;
  const devices = initialDevices(session.devices);
  const log: SessionLogEntry[] = [];
  const rows: TimelineRow[] = [];
  let at = 0;
  let now = 0;
  const row = (device: number, kind: TimelineKind, text: string): void => {
    rows.push({ step: at, device, kind, text: rowText(text) });
  };
  const keyOf = (i: number): string => session.keys[i] ?? session.keys[0] ?? 'k';
  const deviceAt = (i: number): DeviceView => {
    const d = devices[i];
    if (d === undefined) throw new RangeError(`session step ${String(at)} names device ${String(i)}`);
    return d;
  };
  const tick = (): number => now++;

  const triggerRows = (d: number, calls: readonly TriggerCall[], events: SyncTriggerEvent[]): void => {
    for (const c of calls) {
      events.push(c.event);
      row(
        d,
        'trigger',
        `trigger event${c.throttled ? ' (throttled call)' : ''}: ${JSON.stringify(c.event.datasetRecords)}`,
      );
      row(d, 'reply', replyText(c.result));
    }
  };

  async function list(d: number): Promise<void> {
    const device = deviceAt(d);
    const r = await service.list(device);
    row(d, 'list', listText(device.lastSyncCount, r));
    devices[d] = afterList(device, r);
  }

  async function update(step: Extract<SessionStep, { kind: 'update' }>, events: SyncTriggerEvent[]) {
    const d = step.device;
    if (step.syncFirst) await list(d);
    const device = deviceAt(d);
    const request = requestFor(session, step, device, tick());
    row(d, 'update', updateText(request, false));
    if (step.retry === 'throttled') {
      triggerRows(d, await service.throttle(device, request), events);
      row(d, 'fault', 'LambdaThrottledException (429): nothing written, the device sends the same request again');
    }
    let answer = await service.update(device, request, false);
    triggerRows(d, answer.calls, events);
    row(d, 'answer', answerText(answer.result, answer.heard));
    if (step.retry === 'after-success' && answer.heard && answer.result.ok) {
      row(d, 'fault', 'the answer is lost: the device resends the same request');
      answer = await service.update(device, request, true);
      row(d, 'update', updateText(request, true));
      triggerRows(d, answer.calls, events);
      row(d, 'answer', answerText(answer.result, answer.heard));
    }
    if (answer.heard) devices[d] = afterUpdate(device, answer.result);
    return { request, result: answer.result };
  }

  const resolved = (d: number, conflicts: readonly MergeConflict[], policy: ConflictPolicy): void => {
    for (const c of conflicts) {
      row(d, 'conflict', conflictText(c));
      row(d, 'resolve', `${policy} policy: ${c.winner} value kept${c.winner === 'local' ? ', pushed again' : ''}`);
    }
  };

  /** The client's synchronize. Returns the conflict rounds it took and its last request and answer. */
  async function sync(
    d: number,
    fault: 'none' | 'throttled' | 'lost',
    between: number | undefined,
    policy: ConflictPolicy,
    events: SyncTriggerEvent[],
  ): Promise<{ rounds: number; request?: UpdateRequest; result?: UpdateResult }> {
    let rounds = 0;
    let last: { request?: UpdateRequest; result?: UpdateResult } = {};
    for (let round = 0; ; round++) {
      const before = deviceAt(d);
      const listed = await service.list(before);
      row(d, 'list', listText(before.lastSyncCount, listed));
      if (!listed.ok) return { rounds, ...last };
      const merged = mergeListing(before, listed, policy);
      devices[d] = merged.device;
      resolved(d, merged.conflicts, policy);
      if (merged.conflicts.length) rounds++;
      if (!hasUnsynced(merged.device)) return { rounds, ...last };
      if (between !== undefined && between !== d) {
        const pushing = new Set(pushRequest(merged.device, 0).patches.map((p) => p.key));
        const free = session.keys.find((k) => !pushing.has(k)) ?? BUSY_KEY;
        const value = `${deviceAt(between).id} round ${String(round + 1)}`;
        devices[between] = localChange(deviceAt(between), free, value, tick());
        row(
          between,
          'edit',
          `edit ${free}=${JSON.stringify(value)}, then syncs between ${deviceAt(d).id}'s ListRecords and its push`,
        );
        await sync(between, 'none', undefined, policy, events);
      }
      const device = deviceAt(d);
      const request = pushRequest(device, tick());
      row(d, 'update', updateText(request, false));
      if (fault === 'throttled' && round === 0) {
        triggerRows(d, await service.throttle(device, request), events);
        row(d, 'fault', 'LambdaThrottledException (429): nothing written, the device sends the same request again');
      }
      let answer = await service.update(device, request, false);
      triggerRows(d, answer.calls, events);
      row(d, 'answer', answerText(answer.result, answer.heard));
      if (fault === 'lost' && round === 0 && answer.heard) {
        row(d, 'fault', 'the answer is lost: the device resends the same request');
        row(d, 'update', updateText(request, true));
        answer = await service.update(device, request, true);
        triggerRows(d, answer.calls, events);
        row(d, 'answer', answerText(answer.result, answer.heard));
      }
      last = { request, result: answer.result };
      if (!answer.heard) return { rounds, ...last };
      if (answer.result.ok) {
        devices[d] = afterPush(device, request, answer.result);
        return { rounds, ...last };
      }
      if (answer.result.error.name !== 'ResourceConflictException') return { rounds, ...last };
      if (!merged.conflicts.length) rounds++;
      if (rounds >= maxRounds) {
        row(d, 'fault', `gives up after ${String(rounds)} conflict rounds`);
        return { rounds, ...last };
      }
    }
  }

  return {
    devices,
    log,
    state: () => service.state(),
    timeline: () => ({ devices: devices.map((d) => d.id), rows: [...rows] }),
    change(n, d, key, value) {
      at = n;
      devices[d] = localChange(deviceAt(d), key, value, clock(n));
      row(
        d,
        value === null ? 'delete' : 'edit',
        `${value === null ? 'delete' : 'save'} ${key}=${JSON.stringify(value)} (local)`,
      );
    },
    note(n, device, text) {
      const was = at;
      at = n;
      row(device, 'check', text);
      at = was;
    },
    async step(step, n) {
      at = n;
      now = clock(n);
      const events: SyncTriggerEvent[] = [];
      const d = step.device;
      deviceAt(d);
      let entry: SessionLogEntry;
      if (step.kind === 'list') {
        await list(d);
        entry = { step, at: n, events, state: service.state() };
      } else if (step.kind === 'edit' || step.kind === 'delete') {
        const key = keyOf(step.key);
        const value = step.kind === 'edit' ? step.value : null;
        const before = deviceAt(d);
        devices[d] = localChange(before, key, value, tick());
        const text = value === null ? `delete ${key}` : `edit ${key}=${JSON.stringify(value)}`;
        row(d, step.kind, devices[d] === before ? `${text} (not held: nothing to do)` : `${text} (local, unsynced)`);
        entry = { step, at: n, events, state: service.state() };
      } else if (step.kind === 'update') {
        const r = await update(step, events);
        entry = { step, at: n, ...r, events, state: service.state() };
      } else {
        const r = await sync(d, step.fault, step.between, step.policy ?? session.policy ?? 'remote', events);
        entry = {
          step,
          at: n,
          events,
          state: service.state(),
          conflictRounds: r.rounds,
          ...(r.request ? { request: r.request } : {}),
          ...(r.result ? { result: r.result } : {}),
        };
      }
      log.push(entry);
      return entry;
    },
  };
}

/**
 * Runs every step of a session in order.
 * @param session - the session
 * @param service - the Cognito Sync to run against
 * @param options - see {@link SessionRunOptions}
 */
export async function runSessionSteps(
  session: SyncSession,
  service: SessionService,
  options: SessionRunOptions = {},
): Promise<SessionRunner> {
  const runner = sessionRunner(session, service, options);
  for (const [i, step] of session.steps.entries()) await runner.step(step, i + 1);
  return runner;
}
