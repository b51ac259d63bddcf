/**
 * The cases of an end-to-end run, drawn from the seed before any request (so `--dry-run` can say exactly what a run
 * will do): single syncs of a stored dataset (`syncCase`) and multi-device sessions (`syncSession`). A case is kept
 * as plain JSON — what a report stores and a replay re-runs — and knows the most requests it can take.
 */
import fc from 'fast-check';
import { syncCase, syncSession, type SessionStep } from '../generators/index.ts';
import { DEFAULT_READINGS, isJsonObject, type SyncSession } from '../model/index.ts';
import type { Check } from '../suites/check.ts';
import { LIVE_DEFAULTS } from './liveDefaults.ts';

/** One sync of a stored dataset by one device, then a second device with a stale SyncCount. */
export interface SingleInput {
  readonly kind: 'single';
  /** The stored dataset, seeded with developer credentials; `value: null` is a tombstone. */
  readonly stored: readonly { readonly key: string; readonly value: string | null }[];
  /** The user's patches (their SyncCounts are the ones the device lists). */
  readonly patches: readonly { readonly op: 'replace' | 'remove'; readonly key: string; readonly value?: string }[];
  /** Input classes, for coverage. */
  readonly classes: readonly string[];
}

/** Devices listing and updating a few shared keys, some stale, some resending. */
export interface SessionInput {
  readonly kind: 'session';
  readonly devices: number;
  readonly keys: readonly string[];
  readonly steps: readonly SessionStep[];
}

/** A `sessions/` check run end to end on one of its own sessions (its identity and dataset are the case's). */
export interface CheckCaseInput {
  readonly kind: 'check';
  /** The check's id (`sessions/converge`, …). */
  readonly check: string;
  readonly session: SyncSession;
}

/** What one live case runs. */
export type LiveCaseInput = SingleInput | SessionInput | CheckCaseInput;

/** Requests a seeded single case takes at most (seed 4, list, update, list, stale list and update). */
const SINGLE_REQUESTS = 9;
/** Requests a session step takes at most (list or token, update, resend token and update). */
const STEP_REQUESTS = 4;
/** The closing requests of every case: a final list and the delete. */
const CASE_CLOSE_REQUESTS = 2;

/**
 * Client syncs a session check can make besides its steps: every device settles twice, and its own phase (a
 * removal and settling again, or every device saving a record) takes up to three more syncs per device.
 */
const CHECK_SYNCS_PER_DEVICE = 5;
/** Requests one client sync can take: a listing, a token, an update, a resend, and a conflict round or two. */
const SYNC_REQUESTS = 8;
/** Sessions a check runs with the handler at most (`sessions/retry-safe`: with its retries, and clean). */
const CHECK_TARGET_RUNS = 2;

/** The most requests a case can send (throttling retries aside, which the cap still stops). */
export function caseCost(input: LiveCaseInput): number {
  if (input.kind === 'check') {
    const syncs = input.session.steps.length + CHECK_SYNCS_PER_DEVICE * input.session.devices;
    return CASE_CLOSE_REQUESTS + CHECK_TARGET_RUNS * (SYNC_REQUESTS * syncs + 1);
  }
  return (
    CASE_CLOSE_REQUESTS + (input.kind === 'single' ? SINGLE_REQUESTS : STEP_REQUESTS * Math.max(1, input.steps.length))
  );
}

/**
 * Cases of the `sessions/` checks run end to end: `perCheck` sessions of each, drawn by the check's own generator
 * from the seed (at most `LIVE_DEFAULTS.sessionSteps` steps each, so that a case's requests stay few).
 * @param seed - the run's seed
 * @param checks - the `sessions/` checks
 * @param perCheck - sessions per check
 */
export function drawCheckCases(seed: number, checks: readonly Check[], perCheck: number): CheckCaseInput[] {
  return checks.flatMap((check, i) =>
    fc
      .sample(check.arbitrary({ readings: DEFAULT_READINGS }), { seed: seed + i + 1, numRuns: perCheck })
      .flatMap((drawn): CheckCaseInput[] => {
        const session = isJsonObject(drawn) ? (drawn.session as SyncSession | undefined) : undefined;
        if (!session) return [];
        return [
          {
            kind: 'check',
            check: check.id,
            session: { ...session, steps: session.steps.slice(0, LIVE_DEFAULTS.sessionSteps) },
          },
        ];
      }),
  );
}

/**
 * Every case of an end-to-end run, from its seed: `runs` cases of `live/model-agrees`, then the sessions of the
 * `sessions/` checks it runs.
 * @param o - the seed, the runs, the session checks and their sessions
 */
export function drawLiveCases(o: {
  readonly seed: number;
  readonly runs: number;
  readonly sessionChecks: readonly Check[];
  readonly sessionRuns: number;
}): LiveCaseInput[] {
  return [...drawCases(o.seed, o.runs), ...drawCheckCases(o.seed, o.sessionChecks, o.sessionRuns)];
}

/** Cases drawn from the seed, one in three a session. */
export function drawCases(seed: number, runs: number): LiveCaseInput[] {
  const single = syncCase({ size: 'small', sdkSafeKeys: true, defaultReadings: true, maxValueLength: 256 }).map(
    (c): LiveCaseInput => ({
      kind: 'single',
      stored: c.dataset.records.map((r) => ({ key: r.key, value: r.value })),
      patches: c.patches.map((p) => ({
        op: p.op,
        key: p.key,
        ...(p.op === 'replace' ? { value: p.value ?? '' } : {}),
      })),
      classes: [],
    }),
  );
  const session = syncSession({
    maxDevices: LIVE_DEFAULTS.sessionDevices,
    maxSteps: LIVE_DEFAULTS.sessionSteps,
    maxKeys: LIVE_DEFAULTS.sessionKeys,
    sdkSafeKeys: true,
  }).map((s): LiveCaseInput => ({
    kind: 'session',
    devices: s.devices,
    keys: s.keys,
    steps: s.steps,
  }));
  const arb = fc.oneof({ arbitrary: single, weight: 2 }, { arbitrary: session, weight: 1 });
  return fc.sample(arb, { seed, numRuns: runs }).map((c) => (c.kind === 'single' ? { ...c, classes: classes(c) } : c));
}

/** Coarse input classes of a single case. */
function classes(c: SingleInput): string[] {
  const stored = new Map(c.stored.map((r) => [r.key, r.value]));
  const out = new Set<string>(['single']);
  if (!c.stored.length) out.add('empty-dataset');
  if (!c.patches.length) out.add('no-patches');
  if (c.stored.some((r) => r.value === null)) out.add('tombstones');
  for (const p of c.patches) {
    const s = stored.get(p.key);
    if (s === undefined) out.add('new-records');
    else if (p.op === 'remove') out.add('removes');
    else if (s === null) out.add('re-adds');
    else out.add('replaces');
  }
  return [...out];
}

/** Input classes of a session, for coverage. */
export function sessionClasses(s: SessionInput): string[] {
  const out = new Set<string>(['session']);
  if (s.devices > 1) out.add('multi-device');
  for (const step of s.steps) {
    if (step.kind !== 'update') continue;
    if (!step.syncFirst) out.add('stale-device');
    // A throttled attempt writes nothing, so live the step is sent once; a throttle of the service is retried.
    if (step.retry === 'after-success') out.add('resend-after-success');
  }
  return [...out];
}
