import type { InitInfo, InvocationOutcome } from '../model/invocation.ts';
import type { FileCoverage } from './node/coverageData.ts';

export type { FileCoverage } from './node/coverageData.ts';

export type { HandlerStyle, InitInfo, InvocationOutcome, LambdaError } from '../model/invocation.ts';

/**
 * The one interface every target implements: local module, command, deployed Lambda, end-to-end Cognito Sync.
 *
 * An invocation is a union of what can happen to one call, always with its time: the handler replied, threw,
 * ran past the hard deadline, finished without completing, or took its isolate down with it.
 */

/** Per-invocation options. */
export interface InvokeOptions {
  /**
   * Hard deadline in milliseconds after which the harness gives up and tears the isolate down.
   * @defaultValue the target's own (see harness/runDefaults.ts)
   */
  readonly deadlineMs?: number;
}

/** A target that can run a Sync Trigger handler. */
export interface Invoker {
  /** A short human description (`module ./h.js#handler on nodejs22.x`). */
  readonly description: string;
  /** Loads the target. Throws a `HarnessError` when the target cannot be loaded at all (not found, syntax error). */
  init(): Promise<InitInfo>;
  /** Runs one event. Never throws for anything the handler does; throws `HarnessError` only for harness trouble. */
  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome>;
  /** Releases workers, processes and sockets. Idempotent. */
  close(): Promise<void>;
  /**
   * Runs one event and also reports which absent record keys the handler looked up, where the target can see it
   * (local modules; see `runtime/node/lookups.ts`). Never used for a check's own invocations.
   */
  discover?(event: unknown, options?: InvokeOptions): Promise<DiscoveryInvocation>;
  /**
   * The handler's own code coverage since the last call, one entry per take (an isolate that exited sent its
   * own), where the target measures it (local modules in `worker` and `process` isolation, asked to). Untrusted
   * beyond its shape: the handler shares the isolate that measures it.
   */
  coverage?(): Promise<readonly (readonly FileCoverage[])[]>;
}

/** A discovery invocation: its outcome and the record keys the handler looked for. */
export interface DiscoveryInvocation {
  readonly outcome: InvocationOutcome;
  readonly lookups: readonly string[];
}

export { describeOutcome, toLambdaResult } from '../model/invocation.ts';
