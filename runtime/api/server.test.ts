/**
 * The Runtime API server on the wire: the documented routes, headers, status codes and error bodies, and what a
 * hostile client cannot do to it.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeApiServer, type Answer, type Invocation } from './server.ts';

const LIMITS = { maxBodyBytes: 1024, requestTimeoutMs: 400, maxConnections: 8 };

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** A `100 Continue` came before the reply. */
  readonly continued: boolean;
}

let open: RuntimeApiServer[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

async function serve(): Promise<{
  server: RuntimeApiServer;
  call: (method: string, path: string, body?: Buffer | string, headers?: Record<string, string>) => Promise<Reply>;
  polls: () => number;
  initErrors: { body: string; errorType: string | undefined }[];
  address: string;
}> {
  let polls = 0;
  const initErrors: { body: string; errorType: string | undefined }[] = [];
  const server = new RuntimeApiServer(LIMITS, {
    polled: () => polls++,
    initError: (body, errorType) => initErrors.push({ body: body.toString(), errorType }),
  });
  open.push(server);
  const address = await server.listen();
  const [host, port] = address.split(':');
  const call = (method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      let continued = false;
      const req = request({ host, port: Number(port), method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            continued,
          });
        });
      });
      req.on('error', reject);
      if (headers.Expect) {
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
      } else req.end(body);
    });
  return { server, call, polls: () => polls, initErrors, address };
}

const invocation = (id = 'req-1'): Invocation => ({
  id,
  eventJson: '{"eventType":"SyncTrigger"}',
  deadlineEpochMs: 1_700_000_005_000,
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
  traceId: 'Root=1-65000000-000000000000000000000000;Parent=0000000000000000;Sampled=0',
});
const NEXT = '/2018-06-01/runtime/invocation/next';
const at = (id: string, what: 'response' | 'error'): string => `/2018-06-01/runtime/invocation/${id}/${what}`;
const invalidId = { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' };

describe('the Runtime API server', () => {
  it('holds GET /next until an invocation is offered, then hands it over with the documented headers', async () => {
    const { server, call, polls } = await serve();
    const next = call('GET', NEXT);
    await new Promise((r) => setTimeout(r, 50));
    const answer = server.offer(invocation());
    const got = await next;
    expect(got).toMatchObject({ status: 200, body: '{"eventType":"SyncTrigger"}' });
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': 'req-1',
      'lambda-runtime-deadline-ms': '1700000005000',
      'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
      'lambda-runtime-trace-id': invocation().traceId,
    });
    expect(polls()).toBe(1);
    const posted = await call('POST', at('req-1', 'response'), '{"ok":true}');
    expect(posted.status).toBe(202);
    expect(JSON.parse(posted.body)).toStrictEqual({ status: 'OK' });
    expect(await answer).toStrictEqual({ kind: 'response', body: Buffer.from('{"ok":true}') });
  });

  it('hands an invocation offered before the runtime asks over at its next poll', async () => {
    const { server, call } = await serve();
    const answer = server.offer(invocation('early'));
    expect((await call('GET', NEXT)).headers['lambda-runtime-aws-request-id']).toBe('early');
    await call('POST', at('early', 'error'), '{"errorType":"E","errorMessage":"m"}', {
      'Lambda-Runtime-Function-Error-Type': 'Unhandled',
    });
    expect(await answer).toStrictEqual({
      kind: 'error',
      body: Buffer.from('{"errorType":"E","errorMessage":"m"}'),
      errorType: 'Unhandled',
    });
  });

  it('refuses an id that is not the invocation in flight: unknown, not handed over yet, answered, withdrawn', async () => {
    const { server, call } = await serve();
    const refused = async (id: string): Promise<void> => {
      const r = await call('POST', at(id, 'response'), '{}');
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toStrictEqual(invalidId);
    };
    await refused('nobody');
    void server.offer(invocation('a'));
    await refused('a');
    await call('GET', NEXT);
    await refused('b');
    expect((await call('POST', at('a', 'response'), '1')).status).toBe(202);
    await refused('a');
    void server.offer(invocation('c'));
    await call('GET', NEXT);
    server.withdraw();
    await refused('c');
  });

  it('takes POST /init/error before the first poll only (403 InvalidStateTransition after it)', async () => {
    const { server, call, initErrors } = await serve();
    const body = '{"errorMessage":"no module app","errorType":"Runtime.ImportModuleError"}';
    const r = await call('POST', '/2018-06-01/runtime/init/error', body, {
      'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError',
    });
    expect(r.status).toBe(202);
    expect(initErrors).toStrictEqual([{ body, errorType: 'Runtime.ImportModuleError' }]);
    void server.offer(invocation());
    await call('GET', NEXT);
    const late = await call('POST', '/2018-06-01/runtime/init/error', body);
    expect(late.status).toBe(403);
    expect(JSON.parse(late.body)).toMatchObject({ errorType: 'InvalidStateTransition' });
    expect(initErrors).toHaveLength(1);
    // A new runtime process may report its init again.
    server.expectInit();
    expect((await call('POST', '/2018-06-01/runtime/init/error', body)).status).toBe(202);
  });

  it.each([
    ['a declared length past the cap, never read', { 'Content-Length': '5000' }, { bytes: 5000, partial: false }],
    ['a chunked body that grows past the cap', { 'Transfer-Encoding': 'chunked' }, { partial: true }],
  ])('answers 413 RequestEntityTooLarge for %s', async (_what, headers, expected) => {
    const { server, call } = await serve();
    const answer = server.offer(invocation());
    await call('GET', NEXT);
    const r = await call('POST', at('req-1', 'response'), Buffer.alloc(5000, 'x'), headers).catch(
      // The connection may close before the whole body is sent: then the answer tells.
      () => undefined,
    );
    if (r) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toStrictEqual({
        errorMessage: 'Exceeded maximum allowed payload size (1024 bytes).',
        errorType: 'RequestEntityTooLarge',
      });
    }
    const a: Answer = await answer;
    expect(a).toMatchObject({ kind: 'too-large', ...expected });
    expect(a.kind === 'too-large' && a.bytes > 1024).toBe(true);
  });

  it('sends 100 Continue for a body within the cap, and 413 without it for one past it', async () => {
    const { server, call } = await serve();
    void server.offer(invocation());
    await call('GET', NEXT);
    const big = await call('POST', at('req-1', 'response'), Buffer.alloc(2000), {
      Expect: '100-continue',
      'Content-Length': '2000',
    });
    expect(big).toMatchObject({ status: 413, continued: false });
    const answer = server.offer(invocation('req-2'));
    await call('GET', NEXT);
    const small = await call('POST', at('req-2', 'response'), '{"a":1}', {
      Expect: '100-continue',
      'Content-Length': '7',
    });
    expect(small).toMatchObject({ status: 202, continued: true });
    expect(await answer).toStrictEqual({ kind: 'response', body: Buffer.from('{"a":1}') });
  });

  it('answers 404 for an unknown resource, 405 for a wrong method, 403 for a second waiting poll', async () => {
    const { call } = await serve();
    expect(await call('GET', '/2018-06-01/runtime/invocation/x/y')).toMatchObject({ status: 404 });
    expect(await call('GET', '/2020-01-01/runtime/invocation/next')).toMatchObject({ status: 404 });
    expect(await call('POST', NEXT, '')).toMatchObject({ status: 405 });
    expect(await call('GET', at('a', 'response'))).toMatchObject({ status: 405 });
    void call('GET', NEXT).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const second = await call('GET', NEXT);
    expect(second.status).toBe(403);
    expect(JSON.parse(second.body)).toMatchObject({ errorType: 'InvalidStateTransition' });
  });

  it('survives hostile clients: garbage, a request that never ends, a body that never ends', async () => {
    const { server, call, address } = await serve();
    const [host, port] = address.split(':');
    const raw = (text: string): Promise<string> =>
      new Promise((resolve) => {
        let got = '';
        const s = connect(Number(port), host, () => s.write(text));
        s.on('data', (d: Buffer) => (got += d.toString()));
        s.on('error', () => undefined);
        // Ended by the server: the test's own timeout is the bound, not a wall-clock assertion.
        s.on('close', () => {
          resolve(got);
        });
      });
    expect(await raw('\x00\x01 not http at all\r\n\r\n')).not.toContain('200');
    await raw('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n'); // headers never end
    void server.offer(invocation());
    await call('GET', NEXT);
    const dribble = raw(`POST ${at('req-1', 'response')} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":`);
    expect(await dribble).toMatch(/^$|408/);
    // Still serving, and the invocation still open to a whole answer.
    expect((await call('POST', at('req-1', 'response'), '{}')).status).toBe(202);
  });
});
