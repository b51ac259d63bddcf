/**
 * What a program in another language sends back, read the same way by every protocol (a command's stdout, a
 * persistent command's line, a Lambda runtime's posted body): a reply must be UTF-8 JSON, and an error is the
 * `{errorType, errorMessage[, trace]}` payload a Lambda runtime reports.
 */
import type { InvocationOutcome, LambdaError } from '../invoker.ts';

/** An outcome before its time, logs and cold start are known. */
export type Ending<O = InvocationOutcome> = O extends unknown ? Omit<O, 'ms' | 'logs' | 'coldStart'> : never;

/** Strict: invalid UTF-8 is an error, never U+FFFD (Lambda refuses a response that is not UTF-8). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A short, quoted start of a text, for messages. */
export const preview = (s: string): string => JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((l) => typeof l === 'string');

/**
 * The error payload in a parsed value, or undefined: an object with string `errorType` and `errorMessage`, and the
 * trace as `trace` (the Node runtime's name) or `stackTrace` (the Runtime API's and the Python runtime's).
 * @param v - a parsed JSON value
 */
function errorOf(v: unknown): LambdaError | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.errorType !== 'string' || typeof o.errorMessage !== 'string') return undefined;
  const trace = strings(o.trace) ? o.trace : strings(o.stackTrace) ? o.stackTrace : [];
  return { errorType: o.errorType, errorMessage: o.errorMessage, trace };
}

/**
 * The error payload in a text, or undefined when it is not one.
 * @param text - JSON text
 */
export function errorPayload(text: string): LambdaError | undefined {
  try {
    return errorOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** How a protocol names what it read, for `replyOf`. */
export interface ReplyWording {
  /** Names the protocol in the error type: `<prefix>.InvalidJson`. */
  readonly prefix: string;
  /** What was read, as the messages name it (`the line`, `the response body`). */
  readonly what: string;
  /** The message for nothing at all (what to send instead). */
  readonly empty: string;
}

/**
 * A reply from the bytes a program sent: `replied` with the text (surrounding whitespace stripped) when it is JSON,
 * else `threw` with `<prefix>.InvalidJson`. Bytes that are not UTF-8 are still a reply, marked `invalidUtf8` (its
 * text their lossy decoding, for display): the model judges it, and Lambda refuses such a response.
 * @param bytes - what the program sent
 * @param w - how the protocol names things
 */
export function replyOf(bytes: Buffer, w: ReplyWording): Ending {
  const invalid = (kind: string, errorMessage: string): Ending => ({
    kind: 'threw',
    error: { errorType: `${w.prefix}.${kind}`, errorMessage, trace: [] },
  });
  let invalidUtf8 = false;
  try {
    utf8.decode(bytes);
  } catch {
    invalidUtf8 = true;
  }
  const text = bytes.toString('utf8').trim();
  if (!text) return invalid('InvalidJson', w.empty);
  try {
    JSON.parse(text);
    return { kind: 'replied', json: text, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return invalid('InvalidJson', `${w.what} is not valid JSON (${why}): ${preview(text)}`);
  }
}
