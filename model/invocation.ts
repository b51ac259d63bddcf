/**
 * What can come of one invocation of a handler: replied, threw, timed out, finished without completing, or crashed,
 * always with its time, and what Lambda sends Cognito Sync for each. Part of the model because the checks reason
 * about outcomes and every target (the runtime layer) produces them; `runtime/invoker.ts` re-exports the types.
 */
import type { LambdaResult } from './judge.ts';
import { HANDLER_DEADLINE_MS } from './limits.ts';

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
  /**
   * The reply's bytes were not valid UTF-8 (a command's stdout): `json` is their lossy decoding, for display, and
   * Lambda refuses such a response. Absent for a Node handler, whose reply is a JavaScript string.
   */
  readonly invalidUtf8?: boolean;
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

/**
 * Whether an invocation cost Cognito Sync its whole deadline: no reply in time, or a reply after it, which the
 * service takes for a timeout too (§2).
 * @param o - the outcome
 */
export function missedDeadline(o: InvocationOutcome): boolean {
  return o.kind === 'timed-out' || o.ms > HANDLER_DEADLINE_MS;
}

/**
 * What Cognito Sync receives from Lambda for an outcome: a reply, a function error, or nothing in time.
 * A crash is a function error (`Runtime.ExitError`), as Lambda reports a runtime that exits.
 * @param o - the outcome
 */
export function toLambdaResult(o: InvocationOutcome): LambdaResult {
  switch (o.kind) {
    case 'replied':
      return { kind: 'reply', json: o.json, ms: o.ms, ...(o.invalidUtf8 === true ? { invalidUtf8: true } : {}) };
    case 'threw':
      return { kind: 'error', errorType: o.error.errorType, errorMessage: o.error.errorMessage, ms: o.ms };
    case 'timed-out':
      return { kind: 'timeout', ms: Math.max(o.ms, o.deadlineMs) };
    case 'no-reply':
      return 'json' in o.sends
        ? { kind: 'reply', json: o.sends.json, ms: o.ms }
        : { kind: 'error', errorType: o.sends.error.errorType, errorMessage: o.sends.error.errorMessage, ms: o.ms };
    case 'crashed':
      return { kind: 'error', errorType: 'Runtime.ExitError', errorMessage: o.detail, ms: o.ms };
  }
}

/** One line describing an outcome, for terminals and reports. */
export function describeOutcome(o: InvocationOutcome): string {
  const ms = `${Math.round(o.ms)} ms`;
  switch (o.kind) {
    case 'replied':
      return o.invalidUtf8 === true ? `replied in ${ms} with bytes that are not UTF-8` : `replied in ${ms}`;
    case 'threw':
      return `failed in ${ms}: ${o.error.errorType}: ${o.error.errorMessage}`;
    case 'timed-out':
      return `no reply within ${o.deadlineMs} ms`;
    case 'no-reply':
      return 'json' in o.sends
        ? `finished without completing (the runtime sends ${o.sends.json})`
        : `finished without completing (${o.sends.error.errorType})`;
    case 'crashed':
      return `crashed after ${ms}: ${o.detail}`;
  }
}
