import { describe, expect, it } from 'vitest';
import type { RuntimeProfile } from '../targetDefaults.ts';
import { contextFields } from './context.ts';
import { detectStyle } from './load.ts';
import type { HostConfig } from './protocol.ts';
import { startInvocation, type HandlerFn, type Invocation } from './runtime.ts';

const CONFIG: HostConfig = {
  modulePath: '/h.js',
  exportName: 'handler',
  runtime: 'nodejs22.x',
  functionName: 'fn',
  memoryLimitMb: 128,
  region: 'us-east-1',
  accountId: '123456789012',
  functionTimeoutMs: 5000,
};

const start = (handler: HandlerFn, runtime: RuntimeProfile = 'nodejs22.x'): Invocation =>
  startInvocation({
    handler,
    isAsync: detectStyle(handler) === 'async',
    runtime,
    event: { n: 1 },
    fields: contextFields(CONFIG, 'req-1', 'stream'),
  });

interface Ctx {
  done(err?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(err?: unknown): void;
  callbackWaitsForEmptyEventLoop: boolean;
}
type Cb = (err?: unknown, result?: unknown) => void;

describe('the legacy runtime (nodejs18.x–22.x)', () => {
  it('counts only the first completion', async () => {
    const inv = start((_e, c, cb) => {
      (c as Ctx).succeed({ first: true });
      (cb as Cb)(null, { second: true });
      (c as Ctx).fail(new Error('third'));
    });
    await expect(inv.completion).resolves.toStrictEqual({ kind: 'replied', json: '{"first":true}' });
  });

  it('reports fail() without an argument as the string "handled"', async () => {
    const inv = start((_e, c) => {
      (c as Ctx).fail();
    });
    await expect(inv.completion).resolves.toStrictEqual({
      kind: 'threw',
      error: { errorType: 'string', errorMessage: 'handled', trace: [] },
    });
  });

  it('holds a callback reply until the event loop drains, unless told not to wait', async () => {
    const held = start((e, _c, cb) => {
      (cb as Cb)(null, e);
    });
    await Promise.resolve();
    expect(held.settled).toBe(false);
    held.drained();
    await expect(held.completion).resolves.toStrictEqual({ kind: 'replied', json: '{"n":1}' });

    const now = start((e, c, cb) => {
      (c as Ctx).callbackWaitsForEmptyEventLoop = false;
      (cb as Cb)(null, e);
    });
    await expect(now.completion).resolves.toStrictEqual({ kind: 'replied', json: '{"n":1}' });
  });

  it('serializes the result when the callback is called, not when the reply leaves', async () => {
    const inv = start((e, _c, cb) => {
      (cb as Cb)(null, e);
      (e as { n: number }).n = 2;
    });
    inv.drained();
    await expect(inv.completion).resolves.toMatchObject({ json: '{"n":1}' });
  });

  it('sends null for a non-async handler and Runtime.NodeJsExit for an async one when the loop drains', async () => {
    const sync = start(() => undefined);
    sync.drained();
    await expect(sync.completion).resolves.toStrictEqual({ kind: 'no-reply', sends: { json: 'null' } });
    const asyncNever = start(async () => new Promise(() => undefined));
    asyncNever.drained();
    await expect(asyncNever.completion).resolves.toMatchObject({
      kind: 'no-reply',
      sends: { error: { errorType: 'Runtime.NodeJsExit' } },
    });
  });

  it('ignores the value a non-async handler returns (it must complete)', async () => {
    const inv = start((e) => e);
    await Promise.resolve();
    expect(inv.settled).toBe(false);
  });

  it('completes a returned promise through succeed, at once', async () => {
    const inv = start((e) => Promise.resolve(e));
    await expect(inv.completion).resolves.toStrictEqual({ kind: 'replied', json: '{"n":1}' });
  });

  it('turns an unserializable result into the error the runtime reports', async () => {
    const inv = start(async () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return Promise.resolve(o);
    });
    await expect(inv.completion).resolves.toMatchObject({
      kind: 'threw',
      error: { errorType: 'Error', errorMessage: 'Unable to stringify response body' },
    });
  });

  it('treats a thrown null as a successful callback without a result, as the runtime does', async () => {
    const inv = start(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the runtime's handling of a thrown null
      throw null;
    });
    inv.drained();
    await expect(inv.completion).resolves.toStrictEqual({ kind: 'replied', json: 'null' });
  });

  it('keeps a reply held for the empty event loop when an uncaught exception follows', async () => {
    const inv = start((e, _c, cb) => {
      (cb as Cb)(null, e);
    });
    inv.fatal({ errorType: 'Error', errorMessage: 'late', trace: [] });
    await expect(inv.completion).resolves.toStrictEqual({ kind: 'replied', json: '{"n":1}' });
  });
});

describe('the nodejs24.x runtime', () => {
  it('awaits whatever the handler returns, and gives no completion methods', async () => {
    const inv = start((e, c) => ({ e, done: typeof (c as Partial<Ctx>).done }), 'nodejs24.x');
    await expect(inv.completion).resolves.toStrictEqual({
      kind: 'replied',
      json: '{"e":{"n":1},"done":"undefined"}',
    });
  });

  it('reports an unserializable result as Runtime.JSONStringifyError and a rejected null as typeof', async () => {
    const big = start(() => ({ n: 1n }), 'nodejs24.x');
    await expect(big.completion).resolves.toMatchObject({ error: { errorType: 'Runtime.JSONStringifyError' } });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless handler does
    const rejected = start(() => Promise.reject(null), 'nodejs24.x');
    await expect(rejected.completion).resolves.toStrictEqual({
      kind: 'threw',
      error: { errorType: 'object', errorMessage: 'null', trace: [] },
    });
  });
});
