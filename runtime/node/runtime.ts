/**
 * One invocation of a handler as the AWS Lambda Node runtime interface client (RIC) runs it, reproduced from its
 * source so that the outcome is what Cognito Sync would receive:
 *
 * - nodejs18.x–22.x (legacy RIC, `Runtime.js` + `CallbackContext.js`): the handler gets `(event, context,
 *   callback)`; a returned promise completes through `context.succeed/fail`; only the first completion counts;
 *   `context.done/succeed/fail` reply at once, `callback` waits for an empty event loop unless
 *   `context.callbackWaitsForEmptyEventLoop = false`; when the loop drains without a completion the runtime sends
 *   `null` (non-async handler) or `Runtime.NodeJsExit` (async handler).
 * - nodejs24.x (rewritten RIC, `BufferedInvokeProcessor`): the handler gets `(event, context)`, its result is
 *   awaited, and the context has no completion methods.
 *
 * The host tells an invocation when the event loop has drained (`drained()`); in-process runs never can.
 */
import type { LambdaError } from '../invoker.ts';
import type { RuntimeProfile } from '../targetDefaults.ts';
import type { ContextFields } from './context.ts';
import { formatLegacyError, formatModernError, nodeJsExitError, serializeResult } from './lambdaErrors.ts';
import type { Completion } from './protocol.ts';

/** A handler as loaded from the module. */
export type HandlerFn = (...args: unknown[]) => unknown;

/** A running invocation. */
export interface Invocation {
  /** Settles with the first completion the runtime would send. */
  readonly completion: Promise<Completion>;
  /** Tells the invocation that the event loop is empty (the RIC's `beforeExit` listener). */
  drained(): void;
  /**
   * An uncaught exception or unhandled rejection while this invocation runs. The RIC posts it as the invocation's
   * error (unless a reply was already sent) and exits; the host does the exit.
   */
  fatal(error: LambdaError): void;
  /** True once the completion is known. */
  readonly settled: boolean;
}

/** What starting an invocation needs. */
export interface InvocationInput {
  readonly handler: HandlerFn;
  /** True when the handler is an `async function` (its constructor is `AsyncFunction`), as the RIC tests. */
  readonly isAsync: boolean;
  readonly runtime: RuntimeProfile;
  /** The event, already parsed from JSON. */
  readonly event: unknown;
  readonly fields: ContextFields;
  /**
   * Whether `drained()` will be called. In-process runs cannot see the event loop empty, so a callback reply is sent
   * at once there instead of being held forever.
   * @defaultValue true
   */
  readonly drainDetected?: boolean;
}

/** The legacy runtime's context: the fields plus the completion methods and the event-loop flag. */
interface LegacyContext extends ContextFields {
  callbackWaitsForEmptyEventLoop: boolean;
  done: (err?: unknown, result?: unknown) => void;
  succeed: (result?: unknown) => void;
  fail: (err?: unknown) => void;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') &&
  v !== null &&
  typeof (v as { then?: unknown }).then === 'function';

/**
 * Starts one invocation.
 * @param input - the handler, its event and context fields, and the runtime profile
 */
export function startInvocation(input: InvocationInput): Invocation {
  return input.runtime === 'nodejs24.x' ? startModern(input) : startLegacy(input);
}

function settler(): {
  promise: Promise<Completion>;
  settle: (c: Completion) => void;
  isSettled: () => boolean;
} {
  let settled = false;
  let resolve: (c: Completion) => void = () => undefined;
  const promise = new Promise<Completion>((r) => (resolve = r));
  return {
    promise,
    settle: (c) => {
      if (settled) return;
      settled = true;
      resolve(c);
    },
    isSettled: () => settled,
  };
}

function startLegacy({ handler, isAsync, event, fields, drainDetected = true }: InvocationInput): Invocation {
  const { promise, settle, isSettled } = settler();
  let finished = false; // the RIC's `onlyAllowFirstCall` flag
  let waitForEmptyEventLoop = true;
  let onDrain: (() => void) | undefined; // the RIC's BeforeExitListener
  let heldReply: string | undefined;

  const postError = (err: unknown): void => {
    settle({ kind: 'threw', error: formatLegacyError(err) });
  };
  const callback = (err?: unknown, result?: unknown): void => {
    onDrain = undefined;
    if (err !== undefined && err !== null) {
      postError(err);
      return;
    }
    // Serialized now (the RIC posts the body at callback time); throws into the caller when unserializable.
    const json = serializeResult(result, false);
    if (!waitForEmptyEventLoop || !drainDetected) {
      settle({ kind: 'replied', json });
      return;
    }
    heldReply = json;
    onDrain = () => {
      settle({ kind: 'replied', json });
    };
  };
  const done = (err?: unknown, result?: unknown): void => {
    onDrain = undefined;
    if (err !== undefined && err !== null) postError(err);
    else settle({ kind: 'replied', json: serializeResult(result, false) });
  };
  // `finished` is set after the call returns, as in the RIC: a completion that throws (unserializable result)
  // leaves the door open for the error that follows.
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      if (finished) return;
      fn(...args);
      finished = true;
    };
  const context: LegacyContext = {
    ...fields,
    get callbackWaitsForEmptyEventLoop(): boolean {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    done: once(done),
    succeed: once((result?: unknown) => {
      done(null, result);
    }),
    fail: once((err?: unknown) => {
      done(err === undefined || err === null ? 'handled' : err);
    }),
  };
  const cb = once(callback);

  onDrain = () => {
    finished = true;
    settle({ kind: 'no-reply', sends: isAsync ? { error: nodeJsExitError() } : { json: 'null' } });
  };
  try {
    const result = handler(event, context, cb);
    if (isThenable(result)) {
      const chained: unknown = result.then(context.succeed, context.fail);
      // `.catch` catches a completion that throws (an unserializable result), as the RIC chains it.
      if (isThenable(chained) && typeof (chained as Partial<Promise<unknown>>).catch === 'function') {
        void (chained as Promise<unknown>).catch(context.fail);
      }
    }
  } catch (err) {
    cb(err);
  }
  return {
    completion: promise,
    get settled() {
      return isSettled();
    },
    drained: () => onDrain?.(),
    fatal: (error) => {
      // A reply already posted (held only for the empty event loop) stands; otherwise the error is the answer.
      settle(heldReply !== undefined ? { kind: 'replied', json: heldReply } : { kind: 'threw', error });
    },
  };
}

function startModern({ handler, event, fields }: InvocationInput): Invocation {
  const { promise, settle, isSettled } = settler();
  const context = { ...fields };
  void (async () => {
    try {
      const result: unknown = await handler(event, context);
      settle({ kind: 'replied', json: serializeResult(result, true) });
    } catch (err) {
      settle({ kind: 'threw', error: formatModernError(err) });
    }
  })();
  return {
    completion: promise,
    get settled() {
      return isSettled();
    },
    // The rewritten RIC has no beforeExit listener; the process exits under the pending await. Reported as the
    // legacy runtime does (CONTRACT §6), the closest documented outcome.
    drained: () => {
      settle({ kind: 'no-reply', sends: { error: nodeJsExitError() } });
    },
    fatal: (error) => {
      settle({ kind: 'threw', error });
    },
  };
}
