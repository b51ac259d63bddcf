/**
 * The one interface every target implements: local module, command, deployed Lambda, end-to-end Cognito Sync.
 *
 * An invocation is a union of what can happen to one call, always with its time: the handler replied, threw,
 * ran past the hard deadline, finished without completing, or took its isolate down with it.
 */

/** The error payload a Node Lambda runtime reports (`{errorType, errorMessage, trace}`). */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

/** Fields every outcome carries. */
interface OutcomeBase {
  /** Milliseconds from handing over the event to the reply (or to giving up). */
  readonly ms: number;
  /** Console output of the handler during this invocation (stdout and stderr interleaved, as Lambda logs them). */
  readonly logs: string;
  /** True when this invocation paid a cold start (module load + init). */
  readonly coldStart?: boolean;
}

/** The handler completed with a value; `json` is exactly what Lambda would send (`JSON.stringify` of it). */
export interface Replied extends OutcomeBase {
  readonly kind: 'replied';
  readonly json: string;
}

/** The handler failed: throw, rejected promise, `callback(err)`, `context.fail`, or an unserializable result. */
export interface Threw extends OutcomeBase {
  readonly kind: 'threw';
  readonly error: LambdaError;
}

/** No completion before the harness's hard deadline; the isolate was torn down. Nothing is written. */
export interface TimedOut extends OutcomeBase {
  readonly kind: 'timed-out';
  readonly deadlineMs: number;
}

/**
 * The handler returned control without ever completing (a sync handler that never calls back, an async handler
 * whose promise never settles). `sends` is what the real runtime sends in that case (`null`, or a
 * `Runtime.NodeJsExit` error).
 */
export interface NoReply extends OutcomeBase {
  readonly kind: 'no-reply';
  readonly sends: { readonly json: string } | { readonly error: LambdaError };
}

/** The isolate died: `process.exit`, out of memory, a native crash, a command exiting non-zero without output. */
export interface Crashed extends OutcomeBase {
  readonly kind: 'crashed';
  readonly detail: string;
}

/** Everything that can come of one invocation. */
export type InvocationOutcome = Replied | Threw | TimedOut | NoReply | Crashed;

/** How a Node handler completes (detected at init). `unknown` for targets that are not Node modules. */
export type HandlerStyle = 'async' | 'callback' | 'sync' | 'unknown';

/** What `init` learned about the target. */
export interface InitInfo {
  readonly style: HandlerStyle;
  /** An init failure the real runtime would report (e.g. `Runtime.CallbackHandlerDeprecated` on nodejs24.x). */
  readonly initError?: LambdaError;
}

/** Per-invocation options. */
export interface InvokeOptions {
  /**
   * Hard deadline in milliseconds after which the harness gives up and tears the isolate down.
   * @defaultValue the target's own (see harness/defaults.ts)
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
}
