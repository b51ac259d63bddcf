/**
 * A conformance check, declared as data: its id (equal to its path under `suites/`), level, basis, the CONTRACT
 * clause it enforces, the generator it draws cases from, and the property it asserts of one case.
 */
import type fc from 'fast-check';
import type {
  AsyncTrigger,
  DatasetValues,
  Dependence,
  Readings,
  ServiceError,
  SessionService,
  SessionTimeline,
  SyncSession,
  Verdict,
  Violation,
} from '../model/index.ts';
import type { InitInfo, InvocationOutcome } from '../model/invocation.ts';

/** `must`: the documented contract; `should`: what a robust handler does. */
export type CheckLevel = 'must' | 'should';
/** Where the rule comes from: the AWS documentation, behaviour users observed, or a reading of an open point. */
export type CheckBasis = 'documented' | 'observed' | 'undocumented';

/** What a check may do with the target and the model during one case. */
export interface CheckContext {
  /** Runs the handler on an event; never throws for anything the handler does. */
  invoke(event: unknown): Promise<InvocationOutcome>;
  /** What the target learned at init (handler style, init error). */
  readonly init: InitInfo;
  /** The Lambda runtime profile the handler runs under. */
  readonly runtime: string;
  /** The readings the model judges under. */
  readonly readings: Readings;
  /** A `should` latency margin, ms. */
  readonly marginMs: number;
  /** The one dataset name every event carries (`--dataset-name`): a check's fixed events carry it too. */
  readonly datasetName?: string;
  /**
   * Where the `sessions/` checks run the handler's sessions: the model's Cognito Sync with the handler as its
   * trigger (absent), or Cognito Sync end to end (`run --cognito-sync`: each session on a dataset of its own).
   */
  readonly sessionService?: SessionServiceOf;
}

/** A Cognito Sync for one session, given the trigger that stands for the handler. */
export type SessionServiceOf = (session: SyncSession, trigger: AsyncTrigger) => SessionService;

/** The evidence of one case, kept for the counterexample. */
export interface CaseEvidence {
  readonly event: unknown;
  readonly invocations: readonly InvocationOutcome[];
  readonly verdict?: Verdict;
  readonly violations: readonly Violation[];
  readonly serviceError?: ServiceError;
  readonly stored: DatasetValues;
  readonly expected: DatasetValues;
  readonly resulting: DatasetValues | null;
  /** A session check's run, device by device and step by step: the counterexample of a multi-device failure. */
  readonly timeline?: SessionTimeline;
}

/** What a check's generator may know about the run. */
export interface GenContext {
  /** The readings the model judges under. */
  readonly readings: Readings;
  /** Event-shape readings the user pinned; unpinned ones are varied by the generators. */
  readonly eventReadings?: Partial<Readings>;
  /** The user's domain keys and their value arbitraries (from the config's `values`). */
  readonly values?: Readonly<Record<string, fc.Arbitrary<string>>>;
  /** Record keys the handler is known to look at (discovered, or `keys` in the config). */
  readonly keys?: readonly string[];
  /** Dataset names the handler is known to route on (discovered, or `datasetNames` in the config). */
  readonly datasetNames?: readonly string[];
  /** The one dataset name every event carries (`--dataset-name`). */
  readonly datasetName?: string;
  /** Of those, the ones found near the handler's code no case had reached after discovery: drawn more often. */
  readonly focusKeys?: readonly string[];
  readonly focusDatasetNames?: readonly string[];
}

/** How one case came out. */
export type CaseOutcome =
  | { readonly ok: true; readonly evidence?: CaseEvidence }
  | {
      readonly ok: false;
      readonly messages: readonly string[];
      readonly evidence: CaseEvidence;
      /** Undocumented points the outcome depends on, as data for the reports (`semantics/undocumented-reading`). */
      readonly dependsOn?: readonly Dependence[];
    };

/**
 * A conformance check. `Input` is what its generator draws (usually a `SyncCase`). Methods, not function
 * properties, so that a `Check<SyncCase>` is usable where any check is expected (the catalog).
 */
export interface Check<Input = unknown> {
  /** Stable id, equal to the file path under `suites/` without extension (`reply/read-only-fields`). */
  readonly id: string;
  readonly title: string;
  readonly level: CheckLevel;
  readonly basis: CheckBasis;
  /** The CONTRACT.md clause it enforces, e.g. `§2`. */
  readonly clause: string;
  /** What it checks and why, a few sentences (goes into the check reference). */
  readonly description: string;
  /** Generator of cases. */
  arbitrary(gen: GenContext): fc.Arbitrary<Input>;
  /**
   * The input classes every case of this check carries (its generator forces them): it passes only once one was
   * generated and judged, and a failure that shows without them belongs to another check's root cause.
   */
  readonly classes?: readonly string[];
  /** Input classes of one case, for coverage statistics. */
  classify?(input: Input): readonly string[];
  /** The event a case hands the handler first (for the report and the replay artifact). */
  eventOf(input: Input): unknown;
  /** Runs one case against the target and says whether it conforms. */
  property(input: Input, ctx: CheckContext): Promise<CaseOutcome>;
  /** When set, the check runs once (no generator runs), e.g. a check of init. */
  readonly once?: boolean;
  /** Skip shrinking (each case costs seconds, e.g. deadline checks). */
  readonly noShrink?: boolean;
  /** Cases to run, when fewer than the run's `runs` make sense. */
  readonly maxRuns?: number;
}

/**
 * Declares a check; the identity function, for type inference.
 * @param check - the declaration
 */
export function defineCheck<Input>(check: Check<Input>): Check<Input> {
  return check;
}
