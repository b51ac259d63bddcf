/** The public types of the emulator: its options, faults, the deviant mode, and the running handle. */
import type { Readings } from '../model/index.ts';
import type { RuntimeProfile } from '../runtime/targetDefaults.ts';

/** A Lambda function of the emulator: a local handler module run by the harness's local runner. */
export interface FunctionSpec {
  /** The handler module and export, `path/to/h.js#export` (export defaults to `handler`). */
  readonly handler: string;
  /** @defaultValue 'nodejs22.x' */
  readonly runtime?: RuntimeProfile;
}

/**
 * Faults to inject. Counts mean "the next N"; each injected fault uses one up. `setFaults` replaces them all.
 * @example
 * aws.setFaults({ throttleTrigger: 2 }); // the next two Sync Triggers answer LambdaThrottledException
 */
export interface Faults {
  /** The next N Sync Triggers answer `LambdaThrottledException` (429) without running the function. */
  readonly throttleTrigger?: number;
  /**
   * Sync Trigger replies arrive this many milliseconds late. The emulator really waits (at most until the 5 s
   * deadline has passed) and the model judges the late reply: past 5 s, `LambdaSocketTimeoutException`.
   */
  readonly delayTriggerMs?: number;
  /** How many Sync Triggers `delayTriggerMs` applies to. @defaultValue every one while `delayTriggerMs` is set */
  readonly delayTriggerCount?: number;
  /** The next N Lambda Invoke calls answer `TooManyRequestsException` (429) without running the function. */
  readonly lambdaTooManyRequests?: number;
  /** The next N requests have their connection destroyed before they are handled (nothing happens). */
  readonly dropConnections?: number;
  /** The next N requests are handled (a write is written), then the connection is destroyed instead of answered. */
  readonly dropResponses?: number;
  /** Only requests of this operation count for the drop faults (`UpdateRecords`, `Invoke`…). @defaultValue any */
  readonly dropOperation?: string;
}

/**
 * A service that disagrees with the model on purpose, so that a differential check can be seen to catch it.
 * The harness keeps judging with its own readings; only the emulated service changes.
 */
export interface DeviantOptions {
  /**
   * `'removed'`: records the handler leaves out of its reply are removed (the documentation says ignored). The
   * model has no reading for this, so the emulator rewrites the reply before the model judges it.
   */
  readonly omittedRecords?: 'removed';
  /** Readings of undocumented points the service applies (see `docs/semantics.md`). */
  readonly readings?: Partial<Readings>;
}

/** An identity pool to have ready when the emulator starts. */
export interface PoolSpec {
  /** Its name: a pool of that name is used again (from the state file), else one is created. */
  readonly name: string;
  /** The registered function that is its Sync Trigger. */
  readonly syncTrigger: string;
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** @defaultValue 4566; 0 picks a free port */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** @defaultValue 'us-east-1' */
  readonly region?: string;
  /** Lambda functions by name; the name is also the last part of the ARN. @defaultValue none */
  readonly functions?: Readonly<Record<string, FunctionSpec>>;
  /** Readings of undocumented points the service applies. @defaultValue the model's defaults */
  readonly readings?: Partial<Readings>;
  /** @defaultValue none: the service follows the model */
  readonly deviant?: DeviantOptions;
  /** Faults active from the start. @defaultValue none */
  readonly faults?: Faults;
  /**
   * Identity pools (unauthenticated identities allowed) ready at start, each with its Sync Trigger, as
   * `deploy/stack.yaml` makes them. @defaultValue none
   */
  readonly pools?: readonly PoolSpec[];
  /** Keep pools, identities, credentials and datasets in this JSON file across restarts. @defaultValue memory only */
  readonly statePath?: string;
  /** One line per request, trigger and problem; never credentials, session tokens or signatures. */
  readonly log?: (line: string) => void;
}

/** Counters for tests and the CLI. */
export interface EmulatorStats {
  /** Requests by operation, `service:Operation` (`cognito-sync:UpdateRecords`, `lambda:Invoke`…). */
  readonly requests: Readonly<Record<string, number>>;
  /** Sync Trigger invocations started (throttled ones are not). */
  readonly triggerInvocations: number;
  /** Lambda Invoke calls that ran the function (RequestResponse and Event). */
  readonly lambdaInvocations: number;
  /** Datasets that exist now. */
  readonly datasets: number;
  /** Devices registered for push sync, and their dataset subscriptions (recorded; nothing is ever pushed). */
  readonly devices: number;
  readonly subscriptions: number;
  /** Faults injected so far, by the `Faults` field that caused them. */
  readonly injected: Readonly<Record<InjectedFault, number>>;
}

/** The faults counted in `EmulatorStats.injected`. */
export type InjectedFault =
  'throttleTrigger' | 'delayTrigger' | 'lambdaTooManyRequests' | 'dropConnections' | 'dropResponses';

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the `endpoint` of every SDK client. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** Replaces the active faults. */
  setFaults(f: Faults): void;
  stats(): EmulatorStats;
  /** The ARN of a registered function (`arn:aws:lambda:<region>:123456789012:function:<name>`). */
  functionArn(name: string): string;
  /** The ids of the pools of `pools`, by name. */
  readonly pools: Readonly<Record<string, string>>;
  /** Stops listening, drops open connections, stops the functions, writes the state file. Idempotent. */
  close(): Promise<void>;
}
