/**
 * The error payloads and result serialization of the AWS Lambda Node runtime interface client (RIC), reproduced
 * from its source: the legacy client of nodejs18.x–22.x (`Errors.js`, `RAPIDClient.js`) and the rewrite used from
 * nodejs24.x (`utils/error.ts`, `utils/serialize.ts`). Judged on these because they are what Cognito receives.
 */
import { types } from 'node:util';
import type { LambdaError } from '../invoker.ts';

/** Message of `Runtime.NodeJsExit`: an async handler whose promise never settled (legacy RIC `Errors.js`). */
const NODEJS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

/** Message of `Runtime.CallbackHandlerDeprecated` on nodejs24.x (RIC `context/constants.ts`). */
const CALLBACK_DEPRECATED_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

const UNREADABLE_ERROR =
  'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack';

/** The `Runtime.NodeJsExit` error the runtime sends when the event loop drains under a pending async handler. */
export const nodeJsExitError = (): LambdaError => ({
  errorType: 'Runtime.NodeJsExit',
  errorMessage: NODEJS_EXIT_MESSAGE,
  trace: [],
});

/** The init error nodejs24.x reports for a handler declaring three or more parameters. */
export const callbackDeprecatedError = (): LambdaError => ({
  errorType: 'Runtime.CallbackHandlerDeprecated',
  errorMessage: CALLBACK_DEPRECATED_MESSAGE,
  trace: [],
});

const isErrorLike = (e: unknown): e is { name: string; message: string; stack: string } => {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  // Truthy and strings, as the RIC's `_isError` asks.
  return typeof o.name === 'string' && !!o.name && typeof o.message === 'string' && !!o.message && !!o.stack;
};

/**
 * The legacy RIC's `toRapidResponse`: an Error (or error-like object) gives its name, message and stack lines;
 * anything else `typeof` and `toString()` (so `callback('boom')` is errorType `string`); a value whose fields cannot
 * be read gives errorType `handled`.
 * @param error - what the handler failed with
 */
export function formatLegacyError(error: unknown): LambdaError {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const e = error as { name: unknown; message: unknown; stack: unknown };
      return { errorType: String(e.name), errorMessage: String(e.message), trace: (e.stack as string).split('\n') };
    }
    return { errorType: typeof error, errorMessage: (error as { toString(): string }).toString(), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: UNREADABLE_ERROR, trace: [] };
  }
}

const escapeDel = (s: string): string => s.replaceAll('\x7F', '%7F');

/**
 * The nodejs24.x RIC's `formatError`: `instanceof Error` gives name, message and stack lines (DEL escaped);
 * anything else `typeof` and `String()` (a rejected `null` is errorType `object`, message `null`).
 * @param error - what the handler failed with
 */
export function formatModernError(error: unknown): LambdaError {
  try {
    if (error instanceof Error) {
      // A handler can put anything in name and message; String() keeps the payload's types right.
      const { name, message }: { name: unknown; message: unknown } = error;
      return {
        errorType: escapeDel(String(name)),
        errorMessage: escapeDel(String(message)),
        trace: typeof error.stack === 'string' ? escapeDel(error.stack).split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: UNREADABLE_ERROR, trace: [] };
  }
}

/**
 * The response body exactly as the runtime sends it: `JSON.stringify(result)`, `undefined` as `null`. A value
 * `JSON.stringify` rejects (circular, BigInt, a throwing `toJSON`) throws what the runtime throws: a plain `Error`
 * in the legacy RIC, a `Runtime.JSONStringifyError` from nodejs24.x.
 * @param result - the handler's result
 * @param modern - true for the nodejs24.x runtime
 */
export function serializeResult(result: unknown, modern: boolean): string {
  try {
    return jsonText(result);
  } catch {
    const e = new Error('Unable to stringify response body');
    if (modern) e.name = 'Runtime.JSONStringifyError';
    throw e;
  }
}

/** `JSON.stringify` as it really is typed: no text for `undefined`, functions and symbols. */
const stringify = (value: unknown): string | undefined => JSON.stringify(value);

/**
 * `JSON.stringify(value)`, with `null` for what it gives no text for (`undefined`, a function, a symbol): the
 * runtime would post an empty body, which Lambda hands on as `null`.
 * @param value - any value
 * @throws what `JSON.stringify` throws (circular, BigInt)
 */
export function jsonText(value: unknown): string {
  return stringify(value) ?? 'null';
}

/** The most a synchronous invocation may answer, in bytes: Lambda's 6 MB response payload limit, as it reports it. */
const MAX_RESPONSE_BYTES = 6_291_556;

/**
 * What Lambda sends instead of a reply over its response payload limit: a function error, not the reply.
 * @param bytes - the reply's size, or what was read of it when reading stopped at the limit
 * @param limit - the limit applied @defaultValue {@link MAX_RESPONSE_BYTES}
 * @param partial - true when reading stopped at the limit (the reply is at least `bytes`)
 */
export function responseTooLargeError(bytes: number, limit = MAX_RESPONSE_BYTES, partial = false): LambdaError {
  const size = `${partial ? 'more than ' : ''}${String(partial ? limit : bytes)} bytes`;
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${String(limit)} bytes). The reply was ${size}.`,
    trace: [],
  };
}

/**
 * A completion as Lambda passes it on: a reply over the payload limit becomes `Function.ResponseSizeTooLarge`.
 * @param c - the completion as the runtime produced it
 */
export function withinPayloadLimit<C extends { kind: string; json?: string }>(
  c: C,
): C | { kind: 'threw'; error: LambdaError } {
  if (c.kind !== 'replied' || c.json === undefined) return c;
  // Cheap first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (c.json.length * 3 <= MAX_RESPONSE_BYTES) return c;
  const bytes = Buffer.byteLength(c.json, 'utf8');
  return bytes > MAX_RESPONSE_BYTES ? { kind: 'threw', error: responseTooLargeError(bytes) } : c;
}
