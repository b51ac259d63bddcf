/**
 * One request: find its operation, apply the drop faults, dispatch to the service, answer. Whatever goes wrong
 * becomes an AWS-style error reply; nothing a client sends can crash the emulator.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EmulatorContext } from './context.ts';
import { handleIdentity } from './identity.ts';
import { handleLambda } from './lambda.ts';
import { operationOf, type Operation } from './routes.ts';
import { callerOf, handleSync } from './sync.ts';
import { AwsError, errorReply, readBody, type Reply } from './wire.ts';

async function dispatch(ctx: EmulatorContext, op: Operation, req: IncomingMessage, url: URL): Promise<Reply> {
  const body = await readBody(req);
  switch (op.service) {
    case 'cognito-identity':
      return handleIdentity(ctx, op, req, body);
    case 'cognito-sync':
      return handleSync(ctx, op, req, url, body);
    case 'lambda':
      callerOf(ctx, req); // Lambda calls are signed; whose key does not matter here.
      return handleLambda(ctx, op, req, url, body);
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body ?? '';
  res.writeHead(reply.status, {
    'x-amzn-requestid': randomUUID(),
    ...reply.headers,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** Serves one request. Never throws. */
export async function serve(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const t0 = performance.now();
  let op: Operation | undefined;
  let reply: Reply;
  let failure = '';
  // The path only: a query may carry a SyncSessionToken, which is never logged.
  let what = `${req.method ?? ''} ${(req.url ?? '/').split('?')[0] ?? ''}`;
  try {
    const url = new URL(req.url ?? '/', 'http://emulator');
    op = operationOf(req, url);
    what = `${op.service}:${op.name}`;
    ctx.counters.request(what);
    if (ctx.faults.take('dropConnections', op.name)) {
      req.socket.destroy();
      ctx.log(`${what} → connection dropped (fault)`);
      return;
    }
    reply = await dispatch(ctx, op, req, url);
  } catch (e) {
    const err =
      e instanceof AwsError
        ? e
        : new AwsError(500, 'InternalErrorException', `emulator: ${e instanceof Error ? e.message : String(e)}`);
    failure = ` ${err.type}: ${err.message}`;
    reply = errorReply(err, op?.service === 'cognito-identity' ? 'application/x-amz-json-1.1' : 'application/json');
    if (!(e instanceof AwsError)) ctx.log(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  // Acknowledge nothing the state file does not hold yet: an answered write survives a kill -9 of the emulator.
  try {
    await ctx.durable();
  } catch (e) {
    reply = errorReply(
      new AwsError(500, 'InternalErrorException', `emulator: cannot keep the state: ${(e as Error).message}`),
    );
  }
  if (op && ctx.faults.take('dropResponses', op.name)) {
    req.socket.destroy();
    ctx.log(`${what} → ${String(reply.status)}, response dropped (fault)`);
    return;
  }
  if (res.destroyed || res.headersSent) return;
  send(res, reply);
  ctx.log(`${what} → ${String(reply.status)}${failure} (${(performance.now() - t0).toFixed(0)} ms)`);
}
