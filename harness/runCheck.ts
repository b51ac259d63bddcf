/**
 * Runs one check against a target with fast-check: stored failures first, then generated cases with shrinking,
 * bounded by a time limit. Handler misbehaviour becomes a counterexample; harness trouble becomes an `error`
 * outcome with its code; neither is ever reported as a pass.
 */
import fc from 'fast-check';
import type { Check, CheckContext, CaseOutcome, GenContext } from '../suites/check.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { isHarnessError } from '../runtime/errors.ts';
import type { StoredFailure } from './failureStore.ts';
import { LatencyRecorder } from './latency.ts';
import type { CheckResult, Counterexample } from './result.ts';
import { restsOnOf } from './restsOn.ts';
import { eventHash } from './seeds.ts';

/** Most of a handler's log a counterexample keeps per invocation (Lambda's own tail is 4 KB). */
const LOG_TAIL_CHARS = 4096;

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
  readonly replayCommand: (info: { checkId: string; seed: number; path: string; eventHash: string }) => string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Replays exactly the case at this fast-check path (with `seed`), without shrinking further. */
  readonly replayPath?: string;
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
  const ctx: CheckContext = {
    ...o.ctx,
    invoke: async (event) => {
      const outcome = await o.ctx.invoke(event);
      latency.record(outcome);
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
  ): Counterexample => {
    const event = check.eventOf(input);
    const hash = eventHash(event);
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
      replay: o.replayCommand({ checkId: check.id, seed, path, eventHash: hash }),
      restsOn: restsOnOf(input, ev, o.ctx.readings),
    };
  };
  const failed = (cx: Counterexample, runs: number): RunCheckOutput => ({
    result: finish({ outcome: 'fail', runs, counterexample: cx }),
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
    if (!out.ok) return failed(counterexample(s.input, out, s.seed, s.path, 0), 1);
    nowPassing.push(s.eventHash);
  }

  // 2. A check of something that does not vary (e.g. init) runs once.
  const arb = check.arbitrary(o.gen);
  if (check.once) {
    const [input] = fc.sample(arb, { seed: o.seed, numRuns: 1 });
    try {
      const out = await check.property(input, ctx);
      return out.ok
        ? { result: finish({ outcome: 'pass', runs: 1 }), nowPassing }
        : failed(counterexample(input, out, o.seed, '0', 0), 1);
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
  const property = fc.asyncProperty(arb, async (input) => {
    if (aborted !== undefined) throw aborted instanceof Error ? aborted : new Error(JSON.stringify(aborted));
    if (!shrinking) {
      generated++;
      for (const c of check.classify?.(input) ?? []) coverage[c] = (coverage[c] ?? 0) + 1;
      o.onProgress?.(generated, runs);
    }
    let out: CaseOutcome;
    try {
      out = await check.property(input, ctx);
    } catch (e) {
      aborted = e ?? new Error('unknown failure');
      throw e;
    }
    if (out.ok) return true;
    shrinking = true;
    lastFailure = { input, out };
    return false;
  });
  const details = await fc.check(property, {
    seed: o.seed,
    numRuns: runs,
    endOnFailure: check.noShrink === true || o.replayPath !== undefined,
    ...(o.replayPath !== undefined ? { path: o.replayPath } : {}),
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
    return { ...failed(cx, generated), nowPassing };
  }
  if (details.interrupted && generated < runs) {
    return {
      result: finish({
        outcome: 'timeout',
        runs: generated,
        reason: `time limit reached after ${generated} of ${runs} runs`,
      }),
      nowPassing,
    };
  }
  return { result: finish({ outcome: 'pass', runs: generated }), nowPassing };
}
