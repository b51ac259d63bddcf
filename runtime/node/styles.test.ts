/**
 * The local runner against real worker threads: every Node handler style and completion path, as the Lambda
 * runtime would report it. Fixtures: `fixtures/handlers/styles.cjs`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InitInfo, InvocationOutcome } from '../invoker.ts';
import { createLocalInvoker, type LocalInvokerOptions } from './index.ts';

const STYLES = fileURLToPath(new URL('../../fixtures/handlers/styles.cjs', import.meta.url));
const EVENT = { version: 2, eventType: 'SyncTrigger', datasetRecords: { k: { newValue: 'v', op: 'replace' } } };
const EVENT_JSON = JSON.stringify(EVENT);

/** Starts the export in a fresh worker, runs the events, closes. */
async function run(
  exportName: string,
  options: Partial<LocalInvokerOptions> = {},
  invocations = 1,
): Promise<{ init: InitInfo; outcomes: InvocationOutcome[] }> {
  const invoker = createLocalInvoker({ modulePath: STYLES, exportName, deadlineMs: 3000, ...options });
  try {
    const init = await invoker.init();
    const outcomes: InvocationOutcome[] = [];
    for (let i = 0; i < invocations; i++) outcomes.push(await invoker.invoke(EVENT));
    return { init, outcomes };
  } finally {
    await invoker.close();
  }
}
const outcomeOf = async (exportName: string, options?: Partial<LocalInvokerOptions>): Promise<InvocationOutcome> =>
  (await run(exportName, options)).outcomes[0] as InvocationOutcome;

describe.concurrent('completion styles (nodejs22.x, worker)', () => {
  it.each([
    ['asyncEcho', 'async'],
    ['promiseEcho', 'sync'],
    ['callbackEcho', 'callback'],
    ['doneEcho', 'sync'],
    ['succeedEcho', 'sync'],
  ])('%s replies the event and is detected as %s', async (name, style) => {
    const { init, outcomes } = await run(name);
    expect(init).toStrictEqual({ style });
    expect(outcomes[0]).toMatchObject({ kind: 'replied', json: EVENT_JSON, coldStart: true });
  });

  it.each([
    ['failNoArg', { errorType: 'string', errorMessage: 'handled', trace: [] }],
    ['failString', { errorType: 'string', errorMessage: 'not today', trace: [] }],
    ['throwsString', { errorType: 'string', errorMessage: 'plain string', trace: [] }],
    ['callbackError', { errorType: 'TypeError', errorMessage: 'bad input' }],
    ['asyncThrows', { errorType: 'RangeError', errorMessage: 'out of range' }],
    ['syncThrows', { errorType: 'Error', errorMessage: 'sync boom' }],
  ])('%s fails with the error payload the runtime sends', async (name, error) => {
    const outcome = await outcomeOf(name);
    expect(outcome).toMatchObject({ kind: 'threw', error });
  });

  it('reports a stack trace as lines', async () => {
    const outcome = await outcomeOf('asyncThrows');
    expect(outcome.kind === 'threw' && outcome.error.trace[0]).toBe('RangeError: out of range');
  });

  it('counts only the first completion', async () => {
    expect(await outcomeOf('firstWins')).toMatchObject({ kind: 'replied', json: '{"first":true}' });
  });

  it('sends null when a non-async handler never completes and the event loop drains', async () => {
    for (const name of ['syncNever', 'syncReturnsValue']) {
      expect(await outcomeOf(name)).toMatchObject({ kind: 'no-reply', sends: { json: 'null' } });
    }
  });

  it('sends Runtime.NodeJsExit when an async handler never settles', async () => {
    expect(await outcomeOf('asyncNever')).toMatchObject({
      kind: 'no-reply',
      sends: { error: { errorType: 'Runtime.NodeJsExit' } },
    });
  });

  it('serializes like JSON.stringify: Date as ISO text, undefined dropped or null', async () => {
    expect(await outcomeOf('dates')).toMatchObject({ json: '{"at":"1970-01-01T00:00:00.000Z","list":[null,1]}' });
    expect(await outcomeOf('undefinedResult')).toMatchObject({ kind: 'replied', json: 'null' });
  });

  it('fails an unserializable result (circular, BigInt) as the runtime does', async () => {
    for (const name of ['circular', 'bigint']) {
      expect(await outcomeOf(name)).toMatchObject({
        kind: 'threw',
        error: { errorType: 'Error', errorMessage: 'Unable to stringify response body' },
      });
    }
  });

  it('captures console and stdout output per invocation', async () => {
    const outcome = await outcomeOf('logs');
    expect(outcome.logs).toContain('hello { a: 1 }\n');
    expect(outcome.logs).toContain('oops\n');
    expect(outcome.logs).toContain('raw\n');
  });

  it('gives a realistic context', async () => {
    const outcome = await outcomeOf('context', { functionName: 'my-trigger', memoryLimitMb: 256 });
    const ctx = JSON.parse(outcome.kind === 'replied' ? outcome.json : '{}') as Record<string, unknown>;
    expect(ctx).toMatchObject({
      functionName: 'my-trigger',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-trigger',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/my-trigger',
      hasIdentity: true,
      hasClientContext: true,
      waits: true,
      completions: ['function', 'function', 'function'],
      env: 'my-trigger',
    });
    expect(ctx.remaining).toBeGreaterThan(4000);
    expect(ctx.remaining).toBeLessThanOrEqual(5000);
    expect(ctx.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('keeps module state across warm invocations', async () => {
    const { outcomes } = await run('counter', {}, 2);
    expect(outcomes.map((o) => [o.kind === 'replied' && o.json, o.coldStart])).toStrictEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('reports an unhandled rejection as the invocation error and restarts the runtime', async () => {
    const { outcomes } = await run('unhandledRejection', {}, 2);
    expect(outcomes[0]).toMatchObject({
      kind: 'threw',
      error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: rejected' },
    });
    expect(outcomes[1]).toMatchObject({ kind: 'threw', coldStart: true });
  });

  it('restarts after an uncaught exception that follows the reply, and shows it in the next logs', async () => {
    const invoker = createLocalInvoker({ modulePath: STYLES, exportName: 'uncaughtLater' });
    try {
      expect(await invoker.invoke(EVENT)).toMatchObject({ kind: 'replied', coldStart: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const next = await invoker.invoke(EVENT);
      expect(next).toMatchObject({ kind: 'replied', coldStart: true });
      expect(next.logs).toContain('Uncaught Exception');
      expect(next.logs).toContain('late');
    } finally {
      await invoker.close();
    }
  });
});

// Not concurrent: these compare durations, and the machine is noisy enough without parallel workers starting.
describe('callbackWaitsForEmptyEventLoop', () => {
  it('holds a callback reply for a pending 300 ms timer', async () => {
    expect((await outcomeOf('callbackWaits')).ms).toBeGreaterThanOrEqual(250);
  });

  it('does not hold a context.done reply, nor a callback reply when set to false', async () => {
    expect((await outcomeOf('doneWithTimer')).ms).toBeLessThan(250);
    expect((await outcomeOf('callbackNoWait')).ms).toBeLessThan(250);
  });
});

describe.concurrent('runtime profiles', () => {
  it('nodejs24.x rejects a callback handler at init, and every invocation reports it', async () => {
    const { init, outcomes } = await run('callbackEcho', { runtime: 'nodejs24.x' });
    expect(init).toMatchObject({ style: 'callback', initError: { errorType: 'Runtime.CallbackHandlerDeprecated' } });
    expect(outcomes[0]).toMatchObject({ kind: 'threw', error: { errorType: 'Runtime.CallbackHandlerDeprecated' } });
  });

  it('nodejs24.x has no context.done/succeed/fail and replies what a sync handler returns', async () => {
    expect(await outcomeOf('doneEcho', { runtime: 'nodejs24.x' })).toMatchObject({
      kind: 'threw',
      error: {
        errorType: 'TypeError',
        errorMessage: expect.stringMatching(/context\.done is not a function/) as unknown,
      },
    });
    const ctx = await outcomeOf('context', { runtime: 'nodejs24.x' });
    expect(ctx.kind === 'replied' && (JSON.parse(ctx.json) as { completions: unknown }).completions).toStrictEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(await outcomeOf('syncReturnsValue', { runtime: 'nodejs24.x' })).toMatchObject({ json: EVENT_JSON });
  });

  it('nodejs18.x and nodejs20.x accept callback handlers', async () => {
    for (const runtime of ['nodejs18.x', 'nodejs20.x'] as const) {
      expect(await outcomeOf('callbackEcho', { runtime })).toMatchObject({ kind: 'replied', json: EVENT_JSON });
    }
  });
});
