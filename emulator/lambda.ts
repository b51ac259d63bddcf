/** Lambda Invoke (restJson1): RequestResponse, Event and DryRun, the log tail and `X-Amz-Function-Error`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HANDLER_DEADLINE_MS } from '../model/index.ts';
import type { InvocationOutcome } from '../harness/invoker.ts';
import type { EmulatorContext } from './index.ts';
import { AwsError, readBody } from './wire.ts';

/** How long an emulated function may run before Lambda reports `Task timed out` (its configured timeout). */
export const FUNCTION_TIMEOUT_MS = HANDLER_DEADLINE_MS + 1000;

/** The last 4 KB of an invocation's logs, as `X-Amz-Log-Result` carries them (base64). */
function logTail(logs: string): string {
  const bytes = Buffer.from(logs, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}

/** What Lambda answers for an outcome: the payload, and the function error kind when it failed. */
export function lambdaAnswer(o: InvocationOutcome): { payload: string; functionError?: string } {
  switch (o.kind) {
    case 'replied':
      return { payload: o.json };
    case 'threw':
      return { payload: JSON.stringify(o.error), functionError: 'Unhandled' };
    case 'no-reply':
      return 'json' in o.sends
        ? { payload: o.sends.json }
        : { payload: JSON.stringify(o.sends.error), functionError: 'Unhandled' };
    case 'timed-out':
      return {
        payload: JSON.stringify({
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${(o.deadlineMs / 1000).toFixed(2)} seconds`,
        }),
        functionError: 'Unhandled',
      };
    case 'crashed':
      return {
        payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: o.detail }),
        functionError: 'Unhandled',
      };
  }
}

/** Handles `POST /2015-03-31/functions/{name}/invocations`. */
export async function handleLambda(
  ctx: EmulatorContext,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  ctx.count('lambda:Invoke');
  const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
  if (!m || req.method !== 'POST')
    throw new AwsError(404, 'UnknownOperationException', `no Lambda operation at ${req.method ?? ''} ${url.pathname}`);
  const name = ctx.functions.resolve(m[1] ?? '');
  if (!name)
    throw new AwsError(
      404,
      'ResourceNotFoundException',
      `Function not found: ${ctx.functions.arn(decodeURIComponent(m[1] ?? ''))}`,
    );
  const body = await readBody(req);
  if (ctx.faults.lambdaTooManyRequests) {
    ctx.faults.lambdaTooManyRequests--;
    throw new AwsError(429, 'TooManyRequestsException', 'Rate Exceeded.', {
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  }
  const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'DryRun') {
    res.writeHead(204, { 'x-amz-executed-version': '$LATEST' }).end();
    return;
  }
  let event: unknown;
  try {
    event = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : {};
  } catch {
    throw new AwsError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  ctx.counts.lambdas++;
  if (type === 'Event') {
    void ctx.functions.invoke(name, event, FUNCTION_TIMEOUT_MS).catch(() => undefined);
    res.writeHead(202, { 'content-length': 0 }).end();
    return;
  }
  if (type !== 'RequestResponse')
    throw new AwsError(400, 'InvalidParameterValueException', `Invalid invocation type: ${type}`);
  const outcome = await ctx.functions.invoke(name, event, FUNCTION_TIMEOUT_MS);
  const answer = lambdaAnswer(outcome);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer.payload),
    'x-amz-executed-version': '$LATEST',
    ...(answer.functionError ? { 'x-amz-function-error': answer.functionError } : {}),
    ...(req.headers['x-amz-log-type'] === 'Tail' ? { 'x-amz-log-result': logTail(outcome.logs) } : {}),
  });
  res.end(answer.payload);
}
