/**
 * Messages between the tool (parent) and the host that runs the handler, in a sandbox process of its own or in a
 * worker thread of one. Plain JSON-safe objects sent as one frame of JSON text each (`runtime/frames.ts`). The
 * event is embedded in its invoke message as the JSON text the tool wrote, and reaches the handler through the
 * host's one `JSON.parse` of that frame, as Lambda hands the handler `JSON.parse(body)` (which keeps a `__proto__`
 * record key as an own property). Everything that comes from a sandbox is untrusted: `parseFromHost` checks it
 * before the tool acts.
 *
 * A host in a worker-isolation sandbox talks with the tool over a connection of its own (`hostLinks.ts`); the
 * sandbox's main thread (`supervisor.ts`) only starts and stops hosts, with the messages below.
 */
import type { RuntimeProfile } from '../targetDefaults.ts';
import type { HandlerStyle, LambdaError } from '../invoker.ts';
import type { HarnessErrorCode } from '../errors.ts';
import { parseCoverageFiles, type CoverageScope, type FileCoverage } from './coverageData.ts';

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
  /** Measure the handler's code coverage in these files (`coverage.ts`); absent: not measured. */
  readonly coverage?: CoverageScope;
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
  | {
      readonly type: 'invoke';
      readonly id: string;
      /** The event, as the host's parse of the line gives it (see `invokeText`). */
      readonly event: unknown;
      readonly requestId: string;
      /** Record which absent record keys the handler looks up (the discovery phase only; see `lookups.ts`). */
      readonly discover?: boolean;
    }
  /** Send the handler's coverage since the last take (answered by a `coverage` message with the same id). */
  | { readonly type: 'coverage'; readonly id: string };

/** Host → parent. */
export type FromHost =
  | { readonly type: 'ready'; readonly style: HandlerStyle; readonly initError?: LambdaError }
  | { readonly type: 'load-failed'; readonly code: HarnessErrorCode; readonly message: string }
  | { readonly type: 'log'; readonly text: string }
  | {
      readonly type: 'result';
      readonly id: string;
      readonly completion: Completion;
      /** Absent record keys the handler looked up, for a discovery invocation. */
      readonly lookups?: readonly string[];
    }
  /** The host is about to exit (after an uncaught exception): the next invocation needs a fresh isolate. */
  | { readonly type: 'exiting' }
  /** The handler's coverage since the last take: the answer to a request (its id), or sent before exiting (id ''). */
  | { readonly type: 'coverage'; readonly id: string; readonly files: readonly FileCoverage[] };

/**
 * An invoke message as one frame of JSON text, with the event's JSON text embedded as is (not escaped into a
 * string, which the host would parse a second time).
 * @param m - the invocation's ids and whether it records lookups
 * @param eventJson - the event as JSON text
 */
export function invokeText(
  m: { readonly id: string; readonly requestId: string; readonly discover?: boolean },
  eventJson: string,
): string {
  return `${JSON.stringify({ type: 'invoke', ...m }).slice(0, -1)},"event":${eventJson}}`;
}

/**
 * A host message as the text of its frame. A reply's JSON text (a result's `completion.json`, or the `sends.json` of
 * one that did not complete) follows the message after a newline, as it is: escaped into a JSON string it would be
 * escaped by the host and unescaped by the tool, milliseconds each for a reply of megabytes. The message itself is
 * JSON text, which never holds a raw newline, so the first newline ends it.
 * @param msg - the message
 */
export function fromHostText(msg: FromHost): string {
  if (msg.type !== 'result') return JSON.stringify(msg);
  const c = msg.completion;
  if (c.kind === 'replied') return `${JSON.stringify({ ...msg, completion: { kind: 'replied' } })}\n${c.json}`;
  if (c.kind === 'no-reply' && 'json' in c.sends)
    return `${JSON.stringify({ ...msg, completion: { kind: 'no-reply', sends: {} } })}\n${c.sends.json}`;
  return JSON.stringify(msg);
}

/**
 * A host's frame text read back (`fromHostText`), checked as `parseFromHost` checks a message.
 * @param text - untrusted frame text
 * @returns the message; undefined when it is not one
 * @throws SyntaxError when the message is not JSON
 */
export function parseHostText(text: string): FromHost | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0) return parseFromHost(JSON.parse(text));
  const head: unknown = JSON.parse(text.slice(0, nl));
  if (typeof head !== 'object' || head === null) return undefined;
  const m = head as Record<string, unknown>;
  const c = m.completion;
  if (m.type !== 'result' || typeof c !== 'object' || c === null) return undefined;
  const json = text.slice(nl + 1);
  const kind = (c as Record<string, unknown>).kind;
  if (kind === 'replied') return parseFromHost({ ...m, completion: { kind, json } });
  if (kind === 'no-reply') return parseFromHost({ ...m, completion: { kind, sends: { json } } });
  return undefined;
}

/**
 * Tool → supervisor, the main thread of a worker-isolation sandbox (`supervisor.ts`). Each host it starts has a
 * number, and every message about a host names it: a late exit of the previous worker is never taken for the
 * next one's.
 */
export type ToSupervisor =
  /**
   * Start host `host` in a fresh worker thread (heap capped; tsx registered for TypeScript), ending any other. The
   * host connects to the tool at `link.path` and proves itself with `link.nonce`.
   */
  | {
      readonly type: 'start';
      readonly host: number;
      readonly typescript: boolean;
      readonly memoryLimitMb: number;
      readonly link: HostLink;
    }
  /** Terminate host `host`'s worker (an endless loop included); answered by its `host-exit`. */
  | { readonly type: 'stop'; readonly host: number };

/** Where a worker's host connects to the tool, and what it proves itself with. */
export interface HostLink {
  readonly path: string;
  readonly nonce: string;
}

/** Supervisor → tool (a host's own messages come over its own connection). */
export type FromSupervisor =
  /** The worker failed (`ERR_WORKER_OUT_OF_MEMORY`, or it could not start). */
  | { readonly type: 'host-error'; readonly host: number; readonly code: string; readonly message: string }
  | { readonly type: 'host-exit'; readonly host: number; readonly code: number };

const str = (v: unknown): v is string => typeof v === 'string';
const STYLES: readonly string[] = ['async', 'callback', 'sync', 'unknown'];

/** A `{errorType, errorMessage, trace}` from the sandbox, or undefined when it is not one. */
function lambdaError(v: unknown): LambdaError | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  if (!str(e.errorType) || !str(e.errorMessage) || !Array.isArray(e.trace) || !e.trace.every(str)) return undefined;
  return { errorType: e.errorType, errorMessage: e.errorMessage, trace: e.trace };
}

function completion(v: unknown): Completion | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const c = v as Record<string, unknown>;
  if (c.kind === 'replied') return str(c.json) ? { kind: 'replied', json: c.json } : undefined;
  if (c.kind === 'threw') {
    const error = lambdaError(c.error);
    return error ? { kind: 'threw', error } : undefined;
  }
  if (c.kind === 'no-reply' && typeof c.sends === 'object' && c.sends !== null) {
    const sends = c.sends as Record<string, unknown>;
    if (str(sends.json)) return { kind: 'no-reply', sends: { json: sends.json } };
    const error = lambdaError(sends.error);
    return error ? { kind: 'no-reply', sends: { error } } : undefined;
  }
  return undefined;
}

/**
 * A host's message as the tool may act on it, rebuilt field by field from untrusted data; undefined when it is
 * malformed (the tool then stops the sandbox).
 * @param v - a parsed frame
 */
export function parseFromHost(v: unknown): FromHost | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'ready': {
      if (!str(m.style) || !STYLES.includes(m.style)) return undefined;
      const style = m.style as HandlerStyle;
      if (m.initError === undefined) return { type: 'ready', style };
      const initError = lambdaError(m.initError);
      return initError ? { type: 'ready', style, initError } : undefined;
    }
    case 'load-failed':
      return str(m.code) && /^E_HANDLER_(LOAD|SYNTAX|EXPORT)$/.test(m.code) && str(m.message)
        ? { type: 'load-failed', code: m.code as HarnessErrorCode, message: m.message }
        : undefined;
    case 'log':
      return str(m.text) ? { type: 'log', text: m.text } : undefined;
    case 'result': {
      const c = completion(m.completion);
      if (!str(m.id) || !c) return undefined;
      if (m.lookups === undefined) return { type: 'result', id: m.id, completion: c };
      const ok =
        Array.isArray(m.lookups) && m.lookups.length <= 256 && m.lookups.every((k) => str(k) && k.length <= 1024);
      return ok ? { type: 'result', id: m.id, completion: c, lookups: m.lookups as string[] } : undefined;
    }
    case 'exiting':
      return { type: 'exiting' };
    case 'coverage': {
      const files = parseCoverageFiles(m.files);
      return str(m.id) && m.id.length <= 64 && files ? { type: 'coverage', id: m.id, files } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A supervisor's message, checked; undefined when malformed.
 * @param v - a parsed frame
 */
export function parseFromSupervisor(v: unknown): FromSupervisor | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  const host = m.host;
  if (typeof host !== 'number') return undefined;
  if (m.type === 'host-error' && str(m.code) && str(m.message))
    return { type: 'host-error', host, code: m.code, message: m.message };
  if (m.type === 'host-exit' && typeof m.code === 'number') return { type: 'host-exit', host, code: m.code };
  return undefined;
}
