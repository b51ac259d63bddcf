/**
 * Lambda (restJson1): Invoke with RequestResponse, Event and DryRun, the log tail (`X-Amz-Log-Result`), function
 * errors as HTTP 200 with `X-Amz-Function-Error: Unhandled`; GetFunction and ListFunctions for a look around.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LAMBDA_PAYLOAD_BYTES } from '../model/index.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import type { EmulatorContext } from './context.ts';
import { FUNCTION_TIMEOUT_MS } from './functions.ts';
import type { Operation } from './routes.ts';
import { AwsError, json, unknownOperation, type Reply } from './wire.ts';

/** The memory size every emulated function reports (the local runner's default heap cap). */
const MEMORY_MB = 512;

/** The bytes of the log tail Lambda returns. */
const TAIL_BYTES = 4096;

/** The last 4 KB of an invocation's log, base64, as `X-Amz-Log-Result` carries it. */
function logTail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}

/**
 * The invocation's log as Lambda writes it: the handler's output between START and END, then the REPORT line, which
 * carries `Init Duration` exactly on a cold start (the harness's Lambda target reads it so).
 * @param wallMs - from the environment taking the call to the outcome; on a cold start, minus `o.ms`, the init
 */
function lambdaLog(requestId: string, o: InvocationOutcome, wallMs: number): string {
  const body = o.logs && !o.logs.endsWith('\n') ? `${o.logs}\n` : o.logs;
  const init = o.coldStart ? `\tInit Duration: ${Math.max(0, wallMs - o.ms).toFixed(2)} ms` : '';
  const report =
    `REPORT RequestId: ${requestId}\tDuration: ${o.ms.toFixed(2)} ms\tBilled Duration: ${String(Math.ceil(o.ms))} ms` +
    `\tMemory Size: ${String(MEMORY_MB)} MB${init}\t\n`;
  return `START RequestId: ${requestId} Version: $LATEST\n${body}END RequestId: ${requestId}\n${report}`;
}

const fnError = (errorType: string, errorMessage: string, trace: readonly string[] = []): string =>
  JSON.stringify({ errorType, errorMessage, trace });

/** What Lambda answers for an outcome: the payload, and `Unhandled` when the function failed. */
function lambdaAnswer(o: InvocationOutcome): { payload: string; functionError?: 'Unhandled' } {
  switch (o.kind) {
    case 'replied':
      if (Buffer.byteLength(o.json) > LAMBDA_PAYLOAD_BYTES)
        return {
          payload: fnError('Function.ResponseSizeTooLarge', 'Response payload size exceeded maximum allowed size'),
          functionError: 'Unhandled',
        };
      return { payload: o.json };
    case 'threw':
      return { payload: fnError(o.error.errorType, o.error.errorMessage, o.error.trace), functionError: 'Unhandled' };
    case 'no-reply':
      return 'json' in o.sends
        ? { payload: o.sends.json }
        : {
            payload: fnError(o.sends.error.errorType, o.sends.error.errorMessage, o.sends.error.trace),
            functionError: 'Unhandled',
          };
    case 'timed-out':
      return {
        payload: fnError('Sandbox.Timedout', `Task timed out after ${(o.deadlineMs / 1000).toFixed(2)} seconds`),
        functionError: 'Unhandled',
      };
    case 'crashed':
      return { payload: fnError('Runtime.ExitError', o.detail), functionError: 'Unhandled' };
  }
}

function configuration(ctx: EmulatorContext, name: string) {
  const spec = ctx.functions.spec(name);
  return {
    FunctionName: name,
    FunctionArn: ctx.functions.arn(name),
    Runtime: spec?.runtime ?? 'nodejs22.x',
    Handler: spec?.handler ?? '',
    Timeout: FUNCTION_TIMEOUT_MS / 1000,
    MemorySize: MEMORY_MB,
    PackageType: 'Zip',
    State: 'Active',
    Version: '$LATEST',
  };
}

/** The registered function an operation names; an unknown one (or a qualifier other than `$LATEST`) → 404. */
function target(ctx: EmulatorContext, ref: string, url: URL): string {
  const qualifier = url.searchParams.get('Qualifier');
  const name = ctx.functions.resolve(ref);
  if (!name || (qualifier !== null && qualifier !== '$LATEST')) {
    const shown = ref.startsWith('arn:') ? ref : ctx.functions.arn(ref);
    throw new AwsError(404, 'ResourceNotFoundException', `Function not found: ${shown}`, { Type: 'User' });
  }
  return name;
}

/** Handles one Lambda operation. */
export async function handleLambda(
  ctx: EmulatorContext,
  op: Operation,
  req: IncomingMessage,
  url: URL,
  body: Buffer,
): Promise<Reply> {
  if (op.name === 'ListFunctions') return json({ Functions: ctx.functions.names().map((n) => configuration(ctx, n)) });
  const name = target(ctx, op.labels.FunctionName ?? '', url);
  if (op.name === 'GetFunction') return json({ Configuration: configuration(ctx, name) });
  if (op.name !== 'Invoke') throw unknownOperation(`Lambda ${op.name} is not emulated.`);
  const type = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun')
    throw new AwsError(400, 'InvalidParameterValueException', `Invalid invocation type: ${String(type)}`);
  if (ctx.faults.take('lambdaTooManyRequests'))
    throw new AwsError(429, 'TooManyRequestsException', 'Rate Exceeded.', {
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  if (type === 'DryRun') return { status: 204, headers: { 'x-amz-executed-version': '$LATEST' } };
  let event: unknown;
  try {
    event = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : {};
  } catch (e) {
    throw new AwsError(400, 'InvalidRequestContentException', `Could not parse request body into json: ${String(e)}`);
  }
  ctx.counters.lambdas++;
  const call = ctx.functions.invoke(name, event, FUNCTION_TIMEOUT_MS);
  if (type === 'Event') {
    void call.done.then(
      (o) => {
        ctx.log(`  lambda ${name} (Event): ${o.kind}`);
      },
      () => undefined,
    );
    return { status: 202 };
  }
  await call.started;
  const t0 = performance.now();
  const outcome = await call.done;
  const wallMs = performance.now() - t0;
  const requestId = randomUUID();
  const answer = lambdaAnswer(outcome);
  ctx.log(`  lambda ${name}: ${outcome.kind}${answer.functionError ? ' (function error)' : ''}`);
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'x-amz-executed-version': '$LATEST',
      'x-amzn-requestid': requestId,
      ...(answer.functionError ? { 'x-amz-function-error': answer.functionError } : {}),
      ...(req.headers['x-amz-log-type'] === 'Tail'
        ? { 'x-amz-log-result': logTail(lambdaLog(requestId, outcome, wallMs)) }
        : {}),
    },
    body: answer.payload,
  };
}
