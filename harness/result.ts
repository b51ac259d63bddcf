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
  type ServiceError,
  type Violation,
} from '../model/index.ts';
import type { InvocationOutcome } from '../model/invocation.ts';
import type { Discovery } from './discovery/index.ts';
import { TOOL_VERSION } from './version.ts';

/** The version of this shape, written into `report.json`. */
export const RUN_RESULT_SCHEMA_VERSION = 1;

/** How one check ended. `error` and `timeout` are never a pass: the harness could not finish the check. */
export type CheckOutcome = 'pass' | 'fail' | 'error' | 'skip' | 'timeout';

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

/** The result of one check. */
export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly level: 'must' | 'should';
  readonly basis: 'documented' | 'observed' | 'undocumented';
  readonly clause: string;
  readonly outcome: CheckOutcome;
  /** Cases run (not counting shrinking). */
  readonly runs: number;
  /** The check's sub-seed (from the root seed and the check id). */
  readonly seed: number;
  readonly durationMs: number;
  readonly counterexample?: Counterexample;
  /** Harness trouble, when `outcome` is `error` (stable code and message). */
  readonly error?: { readonly code: string; readonly message: string };
  /** Why the check was skipped or stopped (`skip`, `timeout`). */
  readonly reason?: string;
  readonly latency?: LatencyStats;
  /** How often each generated input class was reached (empty dataset, null entries, 1,024 records, …). */
  readonly coverage: Readonly<Record<string, number>>;
  /** Undocumented points the handler's outcome depended on (from the model's registry). */
  readonly dependsOn?: readonly Dependence[];
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
  /** No `must` failure (with `strict`, no `should` failure either) and no error: the verdict. */
  readonly conformant: boolean;
  /** True when not every selected check ran to the end (errors, timeouts, the time budget). */
  readonly partial: boolean;
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
  /** The record keys and dataset names the handler acts on (found or declared), which the generators favoured. */
  readonly discovery?: Discovery;
}

/** Counts outcomes and decides the verdict: no `must` failure (with `strict`, none at all), and nothing partial. */
export function summarize(checks: readonly CheckResult[], strict: boolean): RunSummary {
  const count = (f: (c: CheckResult) => boolean): number => checks.filter(f).length;
  const must = checks.filter((c) => c.level === 'must');
  const blocking = count((c) => c.outcome === 'fail' && (c.level === 'must' || strict));
  const partial = count((c) => c.outcome === 'error' || c.outcome === 'timeout' || c.outcome === 'skip') > 0;
  return {
    total: checks.length,
    passed: count((c) => c.outcome === 'pass'),
    failed: count((c) => c.outcome === 'fail'),
    errored: count((c) => c.outcome === 'error'),
    skipped: count((c) => c.outcome === 'skip'),
    timedOut: count((c) => c.outcome === 'timeout'),
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
  readonly discovery?: Discovery;
}): RunResult {
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
    summary: summarize(r.checks, r.options.strict),
    checks: r.checks,
    ...(r.discovery ? { discovery: r.discovery } : {}),
  };
}
