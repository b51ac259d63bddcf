/**
 * The one run-result model every report renders. Versioned: `schemaVersion` changes when a field changes meaning.
 * Plain JSON data throughout, so `report.json` is this object as it is.
 */
import {
  nonDefaultPoints,
  type DatasetValues,
  type Dependence,
  type OpenPointId,
  type Readings,
  type RestingReading,
  type ServiceError,
  type SessionTimeline,
  type Violation,
} from '../model/index.ts';
import type { InvocationOutcome } from '../model/invocation.ts';
import type { Discovery } from './discovery/index.ts';
import { TOOL_VERSION } from './version.ts';

/**
 * The version of this shape, written into `report.json`. 2: a failed check holds every distinct failure it found
 * (`failures`), and the run groups them into root causes (`rootCauses`); outcome `incomplete`.
 */
export const RUN_RESULT_SCHEMA_VERSION = 2;

/**
 * How one check ended. Only `pass` is a pass: `error` (the harness could not do its job), `skip` (not started:
 * the time budget, or the run was stopped), `timeout` (its time ran out before its cases did) and `incomplete` (its
 * input class was never generated, or the run was stopped before its cases were done) leave the run partial.
 */
export type CheckOutcome = 'pass' | 'fail' | 'error' | 'skip' | 'timeout' | 'incomplete';

/** What one invocation looked like, as a report shows it. */
export type RecordedInvocation = InvocationOutcome;

/** Everything needed to replay and understand one failure, from the report alone. */
export interface Counterexample {
  /** fast-check's seed and path of the shrunk case. */
  readonly seed: number;
  readonly path: string;
  readonly numShrinks: number;
  /** Stable hash of the event JSON (the failure store's key with the check id). */
  readonly eventHash: string;
  /** The shrunk event as the handler received it. */
  readonly event: unknown;
  /** Every invocation the failing case made (one, or two for retry checks), with raw reply, logs and time. */
  readonly invocations: readonly RecordedInvocation[];
  /** What went wrong, one line each (already worded). */
  readonly messages: readonly string[];
  /** The model's violations of the reply, as data. */
  readonly violations: readonly Violation[];
  /** The service error Cognito would raise, if the update fails. */
  readonly serviceError?: ServiceError;
  /** Live values stored before the update. */
  readonly stored: DatasetValues;
  /** What a conforming handler that only echoes would leave: the user's intent. */
  readonly expected: DatasetValues;
  /** What the model says this reply leaves, or null when the update fails. */
  readonly resulting: DatasetValues | null;
  /** The check-specific input when it is more than the event (e.g. the sync session), for replay. */
  readonly input: unknown;
  /** One command line that re-runs exactly this case. */
  readonly replay: string;
  /** The input classes the case carries (null entries, 1,024 records, prototype-named keys, …). */
  readonly classes: readonly string[];
  /** Not shrunk: the same hang was shrunk in this check, and this case of its classes hung the same way. */
  readonly attributedTo?: string;
  /**
   * The readings of undocumented points this failure rests on: event readings away from their default that shaped
   * the event, and readings under which the verdict on the reply would differ. Empty: it holds under every reading.
   */
  readonly restsOn: readonly RestingReading[];
  /** A session check's run, device by device and step by step. */
  readonly timeline?: SessionTimeline;
}

/** Latency of the handler's replies during one check, in ms. */
export interface LatencyStats {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Cold-start invocations, reported apart (left out of the percentiles when warm ones exist). */
  readonly coldStarts: number;
  /** The slowest cold start, ms (module load and init included, as a deployed Lambda's first call). */
  readonly coldMs?: number;
}

/** One distinct failure of a check: what makes it this bug, and its smallest case. */
export interface Failure {
  /** Equal for the same bug in every check (how the handler failed and where, or the check and its codes). */
  readonly signature: string;
  /** `handler`: it did not reply (a root cause other checks may share); `check`: the check judged a reply wrong. */
  readonly kind: 'handler' | 'check';
  /** One line for people: `TypeError: Cannot read properties of null (reading 'op') at handler.js:12`. */
  readonly title: string;
  readonly counterexample: Counterexample;
}

/** Harness trouble: a stable code and what to do. */
export interface CheckError {
  readonly code: string;
  readonly message: string;
}

/** What every check result carries, whatever its outcome. */
export interface CheckResultBase {
  readonly id: string;
  readonly title: string;
  readonly level: 'must' | 'should';
  readonly basis: 'documented' | 'observed' | 'undocumented';
  readonly clause: string;
  /** Cases run (not counting shrinking). */
  readonly runs: number;
  /** The check's sub-seed (from the root seed and the check id). */
  readonly seed: number;
  readonly durationMs: number;
  readonly latency?: LatencyStats;
  /** How often each generated input class was reached (empty dataset, null entries, 1,024 records, …). */
  readonly coverage: Readonly<Record<string, number>>;
  /** How the keys the handler acts on (discovered or declared) came up: key → fate (new, remove, null-entry…) → cases. */
  readonly keysExercised?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * How the dataset names the handler routes on (discovered or declared) came up: name → `events` (cases carrying
   * it) and each input class of those cases → cases.
   */
  readonly datasetNamesExercised?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Undocumented points the handler's outcome depended on (from the model's registry). */
  readonly dependsOn?: readonly Dependence[];
  /**
   * Cases drawn but not run: they carry the input classes of a hang this check confirmed (`knownHangs.ts`), and
   * each would only have waited out another deadline.
   */
  readonly notRun?: number;
  /** How many of the handler's lines and branches (`RunResult.handlerCoverage`) this check's cases reached. */
  readonly handlerReached?: { readonly lines: number; readonly branches: number };
}

/** A count of the handler's lines or branches, and how many of them ran. */
export interface CoverageCount {
  readonly total: number;
  readonly reached: number;
}

/** The coverage of one of the handler's files. */
export interface FileCoverageReport {
  /** Relative to the folder the run started in (absolute when outside it). */
  readonly path: string;
  /** Lines that start a statement. */
  readonly lines: CoverageCount;
  /** Arms of `if`/`else`, `?:`, `&&`/`||`/`??`, `case` and `catch`. */
  readonly branches: CoverageCount;
  /** Counted lines never reached, as `[first, last]` spans (1-based) with no reached line inside. */
  readonly unreachedLines: readonly (readonly [number, number])[];
  /** The line of each branch arm never reached, ascending. */
  readonly unreachedBranches: readonly number[];
  /** Counted lines that were reached, ascending (for showing the source). */
  readonly reachedLines: readonly number[];
  /** The file's text as measured, when it is at most 512 KiB (the handler's own text: show it escaped). */
  readonly source?: string;
}

/**
 * The handler's own code coverage over the run, measured by V8 inside the isolate that ran it (module targets in
 * `worker` or `process` isolation). Not measured: the reason.
 */
export type HandlerCoverage =
  | { readonly measured: false; readonly reason: string }
  | {
      readonly measured: true;
      readonly lines: CoverageCount;
      readonly branches: CoverageCount;
      readonly files: readonly FileCoverageReport[];
      /** Files of the handler left out, with why (TypeScript, too large, unreadable). */
      readonly skipped: readonly { readonly path: string; readonly reason: string }[];
    };

/**
 * The result of one check: a union on its outcome, as fast-check's `RunDetails` is, so that failures exist only on
 * a failure, an error only on an error, a reason only where there is one.
 */
export type CheckResult =
  | (CheckResultBase & { readonly outcome: 'pass' })
  | (CheckResultBase & { readonly outcome: 'fail'; readonly failures: readonly [Failure, ...Failure[]] })
  | (CheckResultBase & { readonly outcome: 'error'; readonly error: CheckError })
  | (CheckResultBase & { readonly outcome: 'skip' | 'timeout' | 'incomplete'; readonly reason: string });

/** A failed check's result. */
export type FailedCheck = Extract<CheckResult, { outcome: 'fail' }>;

/**
 * One bug, wherever it showed: the failures of every check with the same signature. Its home is the check that
 * needs the least to show it; the others met it too and name it instead of counting it again.
 */
export interface RootCause {
  /** `R1`, `R2`, … in catalog order of the home check. */
  readonly id: string;
  readonly signature: string;
  readonly title: string;
  readonly kind: Failure['kind'];
  /** `must` when any check it showed in is. */
  readonly level: 'must' | 'should';
  /** The check it is counted under. */
  readonly home: string;
  /** Every check it showed in (the home first among equals, in catalog order). */
  readonly checks: readonly string[];
  /** Where its smallest counterexample is: a check id and the index in that check's `failures`. */
  readonly example: { readonly check: string; readonly failure: number };
}

/** The failures of a check, empty unless it failed. */
export function failuresOf(c: CheckResult): readonly Failure[] {
  return c.outcome === 'fail' ? c.failures : [];
}

/**
 * The failures of a failed check, each mapped (a non-empty list stays non-empty).
 * @param failures - a failed check's failures
 * @param fn - what to make of each
 */
export function mapFailures(
  failures: readonly [Failure, ...Failure[]],
  fn: (f: Failure, index: number) => Failure,
): readonly [Failure, ...Failure[]] {
  const [first, ...rest] = failures;
  return [fn(first, 0), ...rest.map((f, i) => fn(f, i + 1))];
}

/** The first (and for most checks only) counterexample of a check, if it failed. */
export function firstCounterexample(c: CheckResult | undefined): Counterexample | undefined {
  return c?.outcome === 'fail' ? c.failures[0].counterexample : undefined;
}

/** Counts of check outcomes. */
export interface RunSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly errored: number;
  readonly skipped: number;
  readonly timedOut: number;
  /** Passed checks of level `must`, and all `must` checks run. */
  readonly mustPassed: number;
  readonly mustTotal: number;
  /** Checks that ended `incomplete`. */
  readonly incomplete: number;
  /** Distinct bugs behind the failures (see `RootCause`). */
  readonly rootCauses: number;
  /** No `must` failure (with `strict`, no `should` failure either) and no error: the verdict. */
  readonly conformant: boolean;
  /**
   * True when not every selected check ran to the end (errors, timeouts, the time budget, an input class never made,
   * the run stopped: interrupted, or `bail` after a failed `must` check), and for a shard, which ran only its share.
   */
  readonly partial: boolean;
  /**
   * The handler's branch coverage fell below `options.minBranchCoverage`: the run is not conformant, whatever the
   * checks said. Percentages as measured and as required.
   */
  readonly coverageShort?: { readonly branches: number; readonly min: number };
}

/**
 * Branch coverage in percent, rounded down to a tenth (a handler without branches has missed none: 100).
 * @param c - a count of branches
 */
export function percentOf(c: CoverageCount): number {
  return c.total ? Math.floor((1000 * c.reached) / c.total) / 10 : 100;
}

/** One whole run against one target. */
export interface RunResult {
  readonly schemaVersion: typeof RUN_RESULT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: {
    readonly kind: 'module' | 'command' | 'bootstrap' | 'lambda' | 'cognito-sync';
    readonly description: string;
    /** The handler as given by the user (`./h.js#handler`, a command, a function name). */
    readonly handler: string;
    readonly runtime?: string;
    readonly handlerStyle?: string;
  };
  readonly options: {
    readonly seed: number;
    readonly runs: number;
    readonly strict: boolean;
    readonly timeBudgetMs?: number;
    readonly checks?: readonly string[];
    readonly exclude?: readonly string[];
    /** The config file the run loaded, as it named it (relative to the folder the run started in). */
    readonly config?: string;
    /** The least branch coverage of the handler, in percent, a conformant run needs. */
    readonly minBranchCoverage?: number;
    /**
     * This run is one shard of a run split with `--shard index/count`: it ran its share of the selected checks and
     * never decides the verdict (`summary.partial`); `report merge` joins every shard into the whole run.
     */
    readonly shard?: { readonly index: number; readonly count: number };
    /**
     * Checks a run without `checks`/`exclude` would run (the catalog and the user's properties): a run of fewer is
     * a subset, and its reports say so. Absent for an end-to-end run, which has one check.
     */
    readonly available?: number;
  };
  /** The readings the model used; `nonDefault` lists the points set away from their default. */
  readonly readings: Readings;
  readonly nonDefaultReadings: readonly OpenPointId[];
  readonly environment: { readonly node: string; readonly platform: string };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: RunSummary;
  readonly checks: readonly CheckResult[];
  /** The failures of every check, grouped by bug (empty when nothing failed). */
  readonly rootCauses: readonly RootCause[];
  /** The record keys and dataset names the handler acts on (found or declared), which the generators favoured. */
  readonly discovery?: Discovery;
  /**
   * Why the run stopped before its checks were done (`interrupted`, `bail: …`); absent for a run that went to the end.
   * A stopped run is partial, even when every check it started ended.
   */
  readonly stopped?: string;
  /** The handler's own code coverage (absent from runs that do not run a handler module). */
  readonly handlerCoverage?: HandlerCoverage;
}

/**
 * Counts outcomes and decides the verdict: no `must` failure (with `strict`, none at all), and nothing partial.
 * @param checks - the check results
 * @param strict - whether `should` failures count
 * @param rootCauses - how many distinct bugs the failures come from
 * @param partialAnyway - the run is partial whatever its checks say: it stopped before they were done, or it is
 *   one shard's share of a run
 */
export function summarize(
  checks: readonly CheckResult[],
  strict: boolean,
  rootCauses = 0,
  partialAnyway = false,
): RunSummary {
  const count = (f: (c: CheckResult) => boolean): number => checks.filter(f).length;
  const must = checks.filter((c) => c.level === 'must');
  const blocking = count((c) => c.outcome === 'fail' && (c.level === 'must' || strict));
  const partial = partialAnyway || count((c) => c.outcome !== 'pass' && c.outcome !== 'fail') > 0;
  return {
    total: checks.length,
    passed: count((c) => c.outcome === 'pass'),
    failed: count((c) => c.outcome === 'fail'),
    errored: count((c) => c.outcome === 'error'),
    skipped: count((c) => c.outcome === 'skip'),
    timedOut: count((c) => c.outcome === 'timeout'),
    incomplete: count((c) => c.outcome === 'incomplete'),
    rootCauses,
    mustPassed: must.filter((c) => c.outcome === 'pass').length,
    mustTotal: must.length,
    conformant: blocking === 0 && !partial,
    partial,
  };
}

/**
 * A run result from what differs between runs (the target, the options, the checks); the rest — schema, tool,
 * the readings away from their default, environment, times and the verdict — is the same for every kind of run.
 * @param r - the run's own parts, with the time it started (epoch ms)
 */
export function runResultOf(r: {
  readonly target: RunResult['target'];
  readonly options: RunResult['options'];
  readonly readings: Readings;
  readonly startedAt: number;
  readonly checks: readonly CheckResult[];
  readonly rootCauses?: readonly RootCause[];
  readonly discovery?: Discovery;
  readonly stopped?: string;
  readonly handlerCoverage?: HandlerCoverage;
}): RunResult {
  const rootCauses = r.rootCauses ?? [];
  const summary = summarize(
    r.checks,
    r.options.strict,
    rootCauses.length,
    r.options.shard !== undefined || r.stopped !== undefined,
  );
  const min = r.options.minBranchCoverage;
  const cov = r.handlerCoverage;
  const short =
    min !== undefined && cov?.measured && percentOf(cov.branches) < min
      ? { branches: percentOf(cov.branches), min }
      : undefined;
  return {
    schemaVersion: RUN_RESULT_SCHEMA_VERSION,
    tool: { name: 'cognito-sync-conformance', version: TOOL_VERSION },
    target: r.target,
    options: r.options,
    readings: r.readings,
    nonDefaultReadings: nonDefaultPoints(r.readings),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}` },
    startedAt: new Date(r.startedAt).toISOString(),
    durationMs: Date.now() - r.startedAt,
    summary: short ? { ...summary, conformant: false, coverageShort: short } : summary,
    checks: r.checks,
    rootCauses,
    ...(r.discovery ? { discovery: r.discovery } : {}),
    ...(r.stopped !== undefined ? { stopped: r.stopped } : {}),
    ...(r.handlerCoverage ? { handlerCoverage: r.handlerCoverage } : {}),
  };
}
