/**
 * Messages between the harness (parent) and the host that runs the handler in a worker thread or a child process.
 * Plain JSON-safe objects: the child process channel serializes them as JSON. The event travels as JSON text
 * because Lambda hands the handler `JSON.parse(body)`, which keeps a `__proto__` record key as an own property.
 */
import type { RuntimeProfile } from '../defaults.ts';
import type { HandlerStyle, LambdaError } from '../invoker.ts';
import type { HarnessErrorCode } from '../errors.ts';

/** What the host needs to load the handler and build contexts. */
export interface HostConfig {
  /** Absolute path of the handler module (checked to exist by the parent). */
  readonly modulePath: string;
  /** The export (a dotted path, as Lambda resolves it) that holds the handler. */
  readonly exportName: string;
  readonly runtime: RuntimeProfile;
  readonly functionName: string;
  readonly memoryLimitMb: number;
  readonly region: string;
  readonly accountId: string;
  /** What `getRemainingTimeInMillis()` counts down from. */
  readonly functionTimeoutMs: number;
  /** Extra environment variables for the handler (over the Lambda ones). */
  readonly env: Readonly<Record<string, string>>;
}

/** What came of one invocation inside the runtime (the parent adds time and logs). */
export type Completion =
  | { readonly kind: 'replied'; readonly json: string }
  | { readonly kind: 'threw'; readonly error: LambdaError }
  | {
      readonly kind: 'no-reply';
      readonly sends: { readonly json: string } | { readonly error: LambdaError };
    };

/** Parent → host. */
export type ToHost =
  | { readonly type: 'init'; readonly config: HostConfig }
  | { readonly type: 'invoke'; readonly id: string; readonly eventJson: string; readonly requestId: string };

/** Host → parent. */
export type FromHost =
  | { readonly type: 'ready'; readonly style: HandlerStyle; readonly initError?: LambdaError }
  | { readonly type: 'load-failed'; readonly code: HarnessErrorCode; readonly message: string }
  | { readonly type: 'log'; readonly text: string }
  | { readonly type: 'result'; readonly id: string; readonly completion: Completion }
  /** The host is about to exit (after an uncaught exception): the next invocation needs a fresh isolate. */
  | { readonly type: 'exiting' };
