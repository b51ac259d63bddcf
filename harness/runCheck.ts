/**
 * Runs one check against a target, in three phases: the failing cases stored by earlier runs first (the fastest
 * feedback), then — for a check of something that does not vary — one case, or generated cases with every distinct
 * failure shrunk on its own (`generatedPhase.ts`), bounded by a time limit. Handler misbehaviour becomes failures;
 * harness trouble an `error` outcome with its code; neither is ever reported as a pass, and a check passes only on
 * replies it could judge.
 */
import fc from 'fast-check';
import type { Check, CheckContext, GenContext } from '../suites/check.ts';
import type { Dependence } from '../model/index.ts';
import { dict } from '../model/dict.ts';
import { isHarnessError } from '../runtime/errors.ts';
import { evaluateCase, watchInvocations } from './caseEval.ts';
import { failureOf } from './counterexample.ts';
import type { StoredFailure } from './failureStore.ts';
import { generatedPhase, type FoundFailure } from './generatedPhase.ts';
import { internalError } from './internal.ts';
import { countDatasetName, countKeyFates } from './keyFates.ts';
import { carries, probeCase, sameClasses, type KnownHang, type KnownHangs } from './knownHangs.ts';
import { LatencyRecorder } from './latency.ts';
import type { CheckResult, CheckResultBase, Failure } from './result.ts';

/** What `runCheck` needs. */
export interface RunCheckOptions {
  readonly check: Check;
  readonly ctx: CheckContext;
  readonly gen: GenContext;
  readonly seed: number;
  readonly runs: number;
  /**
   * Wall-clock limit for the check including shrinking; past it the check ends as `timeout`, or failed with the
   * failures found so far.
   */
  readonly timeLimitMs?: number;
  /** Failing cases from earlier runs, re-run first. */
  readonly stored: readonly StoredFailure[];
  /** The one-line command that replays a case. */
  readonly replayCommand: (info: ReplayInfo) => string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Runs the stored cases only, no generated ones (a replay of one case). */
  readonly storedOnly?: boolean;
  /** The run's hangs, shared by its checks (`knownHangs.ts`). */
  readonly hangs?: KnownHangs;
  /**
   * Stops the check early: no case starts once it is aborted, and a check without a failure ends `incomplete`, its
   * reason the signal's reason when that is a string (`interrupted`).
   */
  readonly signal?: AbortSignal;
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
  /** The failing cases to store, one per distinct failure. */
  readonly failures: readonly StoredFailure[];
  /** Event hashes of stored failures that now pass. */
  readonly nowPassing: readonly string[];
}

/** The phases' findings, before they become a result. */
interface Findings {
  readonly found: FoundFailure[];
  readonly stored: Set<FoundFailure>;
  readonly dependsOn: Dependence[];
  runs: number;
  interrupted: boolean;
  /** The signal stopped it before its cases were done. */
  stopped: boolean;
  aborted?: unknown;
  /** Input classes of the hangs this check confirmed: its cases that carry them are not run. */
  readonly confirmed: (readonly string[])[];
  notRun: number;
}

/**
 * Runs one check.
 * @param o - the check, its context and limits
 */
export async function runCheck(o: RunCheckOptions): Promise<RunCheckOutput> {
  const { check } = o;
  const started = performance.now();
  const latency = new LatencyRecorder();
  const watched = watchInvocations(o.ctx, (outcome) => {
    latency.record(outcome);
  });
  const coverage: Record<string, number> = {};
  const exercised: Exercised = { keys: dict(), datasetNames: dict() };
  const f: Findings = {
    found: [],
    stored: new Set(),
    dependsOn: [],
    runs: 0,
    interrupted: false,
    stopped: false,
    confirmed: [],
    notRun: 0,
  };
  const nowPassing: string[] = [];
  const note = (failure: FoundFailure): void => {
    f.found.push(failure);
    for (const d of failure.out.dependsOn ?? []) if (!f.dependsOn.some((x) => x.point === d.point)) f.dependsOn.push(d);
  };

  try {
    // 1. Stored failures first: a known counterexample is the fastest feedback.
    for (const s of o.stored) {
      if (o.signal?.aborted) {
        f.stopped = true;
        break;
      }
      f.runs++;
      const r = await evaluateCase(check, s.input, watched);
      if (r.ok) nowPassing.push(s.eventHash);
      else if (!f.found.some((x) => x.signature.key === r.signature.key)) {
        const failure = { ...r, input: s.input, seed: s.seed, path: s.path, numShrinks: 0 };
        f.stored.add(failure);
        note(failure);
      }
    }
    if (!o.storedOnly && !f.stopped) await generate(o, watched, coverage, exercised, f, note);
  } catch (e) {
    f.aborted = e ?? new Error('unknown failure');
  }

  const stats = latency.stats();
  const base: CheckResultBase = {
    id: check.id,
    title: check.title,
    level: check.level,
    basis: check.basis,
    clause: check.clause,
    seed: o.seed,
    runs: f.runs,
    durationMs: Math.round(performance.now() - started),
    coverage,
    ...(Object.keys(exercised.keys).length ? { keysExercised: exercised.keys } : {}),
    ...(Object.keys(exercised.datasetNames).length ? { datasetNamesExercised: exercised.datasetNames } : {}),
    ...(stats ? { latency: stats } : {}),
    ...(f.dependsOn.length ? { dependsOn: f.dependsOn } : {}),
    ...(f.notRun ? { notRun: f.notRun } : {}),
  };
  const failures = f.found.map((x) =>
    failureOf(
      { check, gen: o.gen, readings: o.ctx.readings, replayCommand: o.replayCommand },
      { ...x, stored: f.stored.has(x) },
    ),
  );
  const store = failures.map((x): StoredFailure => ({
    checkId: check.id,
    eventHash: x.counterexample.eventHash,
    handler: '',
    input: x.counterexample.input,
    seed: x.counterexample.seed,
    path: x.counterexample.path,
    firstSeen: new Date().toISOString(),
  }));
  const generated = f.runs - o.stored.length;
  const stop: unknown = o.signal?.reason;
  const why = typeof stop === 'string' ? ` (${stop})` : '';
  return { result: resultOf(check, base, failures, f, generated, o.runs, why), failures: store, nowPassing };
}

/** How the names the handler acts on came up in a check's cases: keys by fate, dataset names by input class. */
interface Exercised {
  readonly keys: Record<string, Record<string, number>>;
  readonly datasetNames: Record<string, Record<string, number>>;
}

/** Phases 2 and 3: one case of a check that does not vary, or the generated cases. */
async function generate(
  o: RunCheckOptions,
  watched: ReturnType<typeof watchInvocations>,
  coverage: Record<string, number>,
  exercised: Exercised,
  f: Findings,
  note: (failure: FoundFailure) => void,
): Promise<void> {
  const { check } = o;
  const arbitrary = check.arbitrary(o.gen);
  const keys = o.gen.keys ?? [];
  const names = o.gen.datasetNames ?? [];
  const onCase = (input: unknown): void => {
    const classes = check.classify?.(input) ?? [];
    for (const c of classes) coverage[c] = (coverage[c] ?? 0) + 1;
    if (keys.length) countKeyFates(exercised.keys, check.eventOf(input), keys);
    if (names.length) countDatasetName(exercised.datasetNames, check.eventOf(input), names, classes);
  };
  if (check.once) {
    const [input] = fc.sample(arbitrary, { seed: o.seed, numRuns: 1 });
    onCase(input);
    f.runs += 1;
    const r = await evaluateCase(check, input, watched);
    if (!r.ok && !f.found.some((x) => x.signature.key === r.signature.key))
      note({ ...r, input, seed: o.seed, path: '0', numShrinks: 0 });
    return;
  }
  const runs = Math.min(o.runs, check.maxRuns ?? Number.POSITIVE_INFINITY);
  const before = f.runs;
  // Hangs other checks found: a case of each hang's classes first, so that a hang costs this check one deadline.
  for (const candidates of o.hangs?.probes() ?? []) {
    for (const hang of candidates) {
      if (o.signal?.aborted) break;
      if (f.found.some((x) => x.signature.key === hang.key)) break;
      const hung = await tryHang(o, arbitrary, watched, hang, onCase, f);
      if (!hung) continue;
      note({ ...hung, attributedTo: hang.checkId });
      // Its next case could hang again, each waiting out a deadline: the check fails with the known hang.
      return;
    }
  }
  const probed = f.runs - before;
  const attribute = new Map(
    (o.hangs?.list() ?? [])
      .filter((h) => !f.found.some((x) => x.signature.key === h.key))
      .map((h) => [h.key, h.checkId] as const),
  );
  const g = await generatedPhase({
    check,
    arbitrary,
    watched,
    seed: o.seed,
    // A probe that did not hang was one of the check's cases.
    runs: Math.max(0, runs - probed),
    ...(o.timeLimitMs !== undefined ? { deadline: Date.now() + o.timeLimitMs } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    known: new Set(f.found.map((x) => x.signature.key)),
    attribute,
    skip: (input) => {
      if (!f.confirmed.length) return false;
      const classes = check.classify?.(input) ?? [];
      return f.confirmed.some((c) => carries(classes, c));
    },
    onHang: (failure, original) => {
      const classes = check.classify?.(failure.input) ?? [];
      // Two cases of these classes hung (the first and its shrunk form): they predict the hang.
      const predictive =
        failure.numShrinks > 0 && classes.length > 0 && carries(check.classify?.(original) ?? [], classes);
      o.hangs?.add({ key: failure.signature.key, classes, checkId: check.id });
      if (predictive) f.confirmed.push(classes);
    },
    onCase: (input) => {
      onCase(input);
      f.runs += 1;
      o.onProgress?.(f.runs - o.stored.length, runs);
    },
  });
  for (const x of g.failures) note(x);
  f.notRun += g.skipped;
  f.interrupted = g.interrupted;
  f.stopped = g.stopped;
  if (g.aborted !== undefined) f.aborted = g.aborted;
}

/**
 * Runs one case of the check that carries a hang's classes; when it hangs the same way, the classes predict the
 * hang and are confirmed (the check runs no more cases that carry them), and the case is returned as a failure.
 */
async function tryHang(
  o: RunCheckOptions,
  arbitrary: fc.Arbitrary<unknown>,
  watched: ReturnType<typeof watchInvocations>,
  hang: KnownHang,
  onCase: (input: unknown) => void,
  f: Findings,
): Promise<FoundFailure | undefined> {
  if (f.confirmed.some((c) => sameClasses(c, hang.classes))) return undefined;
  const probe = probeCase(o.check, arbitrary, o.seed, hang);
  if (!probe) return undefined;
  onCase(probe.input);
  f.runs += 1;
  const r = await evaluateCase(o.check, probe.input, watched);
  // Another failure is left to the generated cases, which shrink it.
  if (r.ok || !r.hung || r.signature.key !== hang.key) return undefined;
  f.confirmed.push(hang.classes);
  return { ...r, input: probe.input, seed: probe.seed, path: probe.path, numShrinks: 0, hung: true };
}

/** The result of a check from what its phases found. */
function resultOf(
  check: Check,
  base: CheckResultBase,
  failures: Failure[],
  f: Findings,
  generated: number,
  runs: number,
  /** Why the run stopped, as ` (interrupted)`, or empty. */
  stopReason: string,
): CheckResult {
  if (f.aborted !== undefined) {
    const e = f.aborted;
    // Harness trouble has a code and says what to do; anything else the check's own code threw is a bug in the tool.
    const error = isHarnessError(e) ? { code: e.code, message: e.message } : internalError(e);
    return { ...base, outcome: 'error', error };
  }
  const [first, ...rest] = failures;
  // A check that saw a failure fails, whether or not its time ran out.
  if (first) return { ...base, outcome: 'fail', failures: [first, ...rest] };
  // Stopped (interrupted, bail): what ran was judged, but the check did not finish, so it is no pass.
  if (f.stopped)
    return {
      ...base,
      outcome: 'incomplete',
      reason: `stopped after ${String(Math.max(0, generated))} of ${String(runs)} run${runs === 1 ? '' : 's'}${stopReason}`,
    };
  if (f.interrupted)
    return {
      ...base,
      outcome: 'timeout',
      reason: `time limit reached after ${String(generated)} of ${String(runs)} run${runs === 1 ? '' : 's'}, every one judged`,
    };
  // A check of an input class passes only once that class was generated and judged.
  const classes = check.classes ?? [];
  if (!check.once && base.runs > 0 && classes.length && !classes.some((c) => (base.coverage[c] ?? 0) > 0))
    return { ...base, outcome: 'incomplete', reason: `no generated case reached ${classes.join(', ')}` };
  return { ...base, outcome: 'pass' };
}
