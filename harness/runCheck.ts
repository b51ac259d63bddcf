/**
 * Runs one check against a target with fast-check: stored failures first, then generated cases with shrinking,
 * bounded by a time limit. Handler misbehaviour becomes a counterexample; harness trouble becomes an `error`
 * outcome with its code; neither is ever reported as a pass.
 */
import fc from 'fast-check';
import { noEvidence } from '../suites/caseRun.ts';
import type { Check, CheckContext, CaseOutcome, GenContext } from '../suites/check.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { isHarnessError } from '../runtime/errors.ts';
import type { StoredFailure } from './failureStore.ts';
import { LatencyRecorder } from './latency.ts';
import type { CheckResult, Counterexample } from './result.ts';
import { leadsTo } from './caseAt.ts';
import { restsOnOf } from './restsOn.ts';
import { eventHash } from './seeds.ts';

/** Most of a handler's log a counterexample keeps per invocation (Lambda's own tail is 4 KB). */
const LOG_TAIL_CHARS = 4096;

/**
 * Generated cases in a row whose handler never replied in time after which a check concludes, failed, instead of
 * spending its whole budget on deadlines (a handler that hangs on every event costs three deadlines, not a minute).
 */
export const MAX_CONSECUTIVE_TIMEOUTS = 3;

/** Shrink candidates that time out after which shrinking stops at the smallest failure found (each costs a deadline). */
export const MAX_SHRINK_TIMEOUTS = 2;

/** What `runCheck` needs. */
export interface RunCheckOptions {
  readonly check: Check;
  readonly ctx: CheckContext;
  readonly gen: GenContext;
  readonly seed: number;
  readonly runs: number;
  /** Wall-clock limit for the check including shrinking; past it the check ends as `timeout` (or with the failure found so far). */
  readonly timeLimitMs?: number;
  /** Failing cases from earlier runs, re-run first. */
  readonly stored: readonly StoredFailure[];
  /** The one-line command that replays a case. */
  readonly replayCommand: (info: ReplayInfo) => string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Runs the stored cases only, no generated ones (a replay of one case). */
  readonly storedOnly?: boolean;
}

/** What a replay line needs to know of a failing case. */
export interface ReplayInfo {
  readonly checkId: string;
  readonly seed: number;
  readonly path: string;
  readonly eventHash: string;
  /**
   * Whether the seed and path lead back to this case under the run's options. A case from the failure store may
   * have been found under other options (another config, readings, tool version): then only its stored input
   * replays it.
   */
  readonly regenerates: boolean;
}

/** The result of one check, plus what the failure store should learn. */
export interface RunCheckOutput {
  readonly result: CheckResult;
  /** The failing case to store. */
  readonly failure?: StoredFailure;
  /** Event hashes of stored failures that now pass. */
  readonly nowPassing: readonly string[];
}

const tail = (s: string): string => (s.length > LOG_TAIL_CHARS ? `…${s.slice(-LOG_TAIL_CHARS)}` : s);
const trimLogs = (o: InvocationOutcome): InvocationOutcome => ({ ...o, logs: tail(o.logs) });

/**
 * Runs one check.
 * @param o - the check, its context and limits
 */
export async function runCheck(o: RunCheckOptions): Promise<RunCheckOutput> {
  const { check } = o;
  const started = performance.now();
  const latency = new LatencyRecorder();
  let timeouts = 0;
  /** The invocations of the case running now (for a failure the check itself did not see as one). */
  let invocations: InvocationOutcome[] = [];
  const ctx: CheckContext = {
    ...o.ctx,
    invoke: async (event) => {
      const outcome = await o.ctx.invoke(event);
      latency.record(outcome);
      invocations.push(outcome);
      if (outcome.kind === 'timed-out') timeouts++;
      return outcome;
    },
  };
  const coverage: Record<string, number> = {};
  const base = {
    id: check.id,
    title: check.title,
    level: check.level,
    basis: check.basis,
    clause: check.clause,
    seed: o.seed,
  };
  const finish = (rest: Omit<CheckResult, keyof typeof base | 'durationMs' | 'coverage' | 'latency'>): CheckResult => {
    const stats = latency.stats();
    return {
      ...base,
      ...rest,
      durationMs: Math.round(performance.now() - started),
      coverage,
      ...(stats ? { latency: stats } : {}),
    };
  };
  const counterexample = (
    input: unknown,
    out: Extract<CaseOutcome, { ok: false }>,
    seed: number,
    path: string,
    numShrinks: number,
    stored = false,
  ): Counterexample => {
    const event = check.eventOf(input);
    const hash = eventHash(event);
    // A generated case regenerates by construction; a stored one only when its seed and path still lead to it.
    const regenerates = !stored || leadsTo(check, o.gen, seed, path, hash);
    const ev = out.evidence;
    return {
      seed,
      path,
      numShrinks,
      eventHash: hash,
      event,
      invocations: ev.invocations.map(trimLogs),
      messages: out.messages,
      violations: ev.violations,
      ...(ev.serviceError ? { serviceError: ev.serviceError } : {}),
      stored: ev.stored,
      expected: ev.expected,
      resulting: ev.resulting,
      input,
      replay: o.replayCommand({ checkId: check.id, seed, path, eventHash: hash, regenerates }),
      restsOn: restsOnOf(input, ev, o.ctx.readings),
    };
  };
  // The points a failing case depends on travel with it, so the reports name them (one case: the shrunk one).
  const failed = (cx: Counterexample, runs: number, out: Extract<CaseOutcome, { ok: false }>): RunCheckOutput => ({
    result: finish({
      outcome: 'fail',
      runs,
      counterexample: cx,
      ...(out.dependsOn?.length ? { dependsOn: out.dependsOn } : {}),
    }),
    failure: {
      checkId: check.id,
      eventHash: cx.eventHash,
      handler: '',
      input: cx.input,
      seed: cx.seed,
      path: cx.path,
      firstSeen: new Date().toISOString(),
    },
    nowPassing: [],
  });
  const asError = (e: unknown, runs: number): RunCheckOutput => ({
    result: finish({
      outcome: 'error',
      runs,
      error: isHarnessError(e)
        ? { code: e.code, message: e.message }
        : { code: 'E_INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
    }),
    nowPassing: [],
  });

  // 1. Stored failures first: a known counterexample is the fastest feedback.
  const nowPassing: string[] = [];
  for (const s of o.stored) {
    let out: CaseOutcome;
    try {
      out = await check.property(s.input, ctx);
    } catch (e) {
      return asError(e, 0);
    }
    if (!out.ok) return failed(counterexample(s.input, out, s.seed, s.path, 0, true), 1, out);
    nowPassing.push(s.eventHash);
  }
  if (o.storedOnly) return { result: finish({ outcome: 'pass', runs: o.stored.length }), nowPassing };

  // 2. A check of something that does not vary (e.g. init) runs once.
  const arb = check.arbitrary(o.gen);
  if (check.once) {
    const [input] = fc.sample(arb, { seed: o.seed, numRuns: 1 });
    try {
      const out = await check.property(input, ctx);
      return out.ok
        ? { result: finish({ outcome: 'pass', runs: 1 }), nowPassing }
        : failed(counterexample(input, out, o.seed, '0', 0), 1, out);
    } catch (e) {
      return asError(e, 1);
    }
  }

  // 3. Generated cases with shrinking.
  const runs = Math.min(o.runs, check.maxRuns ?? Number.POSITIVE_INFINITY);
  let generated = 0;
  let shrinking = false;
  let aborted: unknown;
  let lastFailure: { input: unknown; out: Extract<CaseOutcome, { ok: false }> } | undefined;
  let timeoutsInARow = 0;
  let shrinkTimeouts = 0;
  /** The failure being shrunk is the handler hanging: a candidate that hangs again reproduces it. */
  let hangFailure = false;
  const property = fc.asyncProperty(arb, async (input) => {
    if (aborted !== undefined) throw aborted instanceof Error ? aborted : new Error(JSON.stringify(aborted));
    // Out of shrink budget for hangs: every candidate left counts as not failing, so the smallest found stands.
    if (shrinking && shrinkTimeouts >= MAX_SHRINK_TIMEOUTS) return true;
    if (!shrinking) {
      generated++;
      for (const c of check.classify?.(input) ?? []) coverage[c] = (coverage[c] ?? 0) + 1;
      o.onProgress?.(generated, runs);
    }
    const before = timeouts;
    invocations = [];
    let out: CaseOutcome;
    try {
      out = await check.property(input, ctx);
    } catch (e) {
      aborted = e ?? new Error('unknown failure');
      throw e;
    }
    const hung = timeouts > before;
    if (shrinking && hung) shrinkTimeouts++;
    if (!shrinking) timeoutsInARow = hung ? timeoutsInARow + 1 : 0;
    if (out.ok && hung && (hangFailure || timeoutsInARow >= MAX_CONSECUTIVE_TIMEOUTS)) {
      hangFailure = true;
      const why = shrinking
        ? 'the handler did not reply before the deadline'
        : `the handler did not reply before the deadline on ${String(MAX_CONSECUTIVE_TIMEOUTS)} cases in a row`;
      out = {
        ok: false,
        messages: [why],
        evidence: { ...(out.evidence ?? noEvidence(check.eventOf(input))), invocations },
      };
    }
    if (out.ok) return true;
    shrinking = true;
    lastFailure = { input, out };
    return false;
  });
  const details = await fc.check(property, {
    seed: o.seed,
    numRuns: runs,
    endOnFailure: check.noShrink === true,
    ...(o.timeLimitMs !== undefined ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  if (aborted !== undefined) return asError(aborted, generated);
  if (details.failed && lastFailure) {
    const cx = counterexample(
      lastFailure.input,
      lastFailure.out,
      details.seed,
      details.counterexamplePath ?? '',
      details.numShrinks,
    );
    return { ...failed(cx, generated, lastFailure.out), nowPassing };
  }
  if (details.interrupted && generated < runs) {
    return {
      result: finish({
        outcome: 'timeout',
        runs: generated,
        reason: `time limit reached after ${generated} of ${runs} run${runs === 1 ? '' : 's'}`,
      }),
      nowPassing,
    };
  }
  return { result: finish({ outcome: 'pass', runs: generated }), nowPassing };
}
