/**
 * What an answer posted to the Runtime API means for the invocation: a response is a reply when it is UTF-8 JSON
 * (else an error, as the command protocol reports it); an error body is the `{errorMessage, errorType,
 * stackTrace}` payload the API documents (or `trace`, the Node runtime's name); a body past the payload limit is
 * `Function.ResponseSizeTooLarge`, as Lambda reports it.
 */
import type { LambdaError } from '../invoker.ts';
import { errorPayload, preview, replyOf, type Ending } from '../command/payload.ts';
import { responseTooLargeError } from '../node/lambdaErrors.ts';
import type { Answer } from './server.ts';

const RESPONSE = {
  prefix: 'RuntimeApi',
  what: 'the response body',
  empty: 'the response body is empty; post the reply JSON',
};

/**
 * The error a runtime reported: its payload, or, when the body is not one, the error type header (Lambda's own
 * fallback) and the start of the body.
 * @param body - the posted body
 * @param errorType - the `Lambda-Runtime-Function-Error-Type` header
 */
export function postedError(body: Buffer, errorType: string | undefined): LambdaError {
  const text = body.toString('utf8');
  return (
    errorPayload(text) ?? {
      errorType: errorType?.slice(0, 200) || 'Runtime.Unknown',
      errorMessage: text.trim() ? `the error body is not an error payload: ${preview(text)}` : '',
      trace: [],
    }
  );
}

/**
 * The outcome of an answer, before its time and logs are known.
 * @param a - the answer
 * @param limit - the payload limit applied
 */
export function endingOf(a: Answer, limit: number): Ending {
  switch (a.kind) {
    case 'response':
      return replyOf(a.body, RESPONSE);
    case 'error':
      return { kind: 'threw', error: postedError(a.body, a.errorType) };
    case 'too-large':
      return { kind: 'threw', error: responseTooLargeError(a.bytes, limit, a.partial) };
  }
}
