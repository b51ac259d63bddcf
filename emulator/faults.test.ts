/**
 * Every fault through the real clients: a throttled trigger, a late reply (really waited for, and judged by the
 * model), a handler slower than 5 s, Lambda's 429, dropped connections and dropped answers, each counted.
 */
import { performance } from 'node:perf_hooks';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { clientConfig, developer, errorName, failure, fixture, put, setUp } from './testkit.test-helpers.ts';

let aws: RunningEmulator;
const echo = { handler: fixture('good-echo-context-done.cjs') };

beforeAll(async () => {
  aws = await startEmulator({ port: 0, functions: { echo }, faults: { throttleTrigger: 1 } });
});

afterAll(async () => {
  await aws.close();
});

/** Milliseconds a promise takes to settle, and how. */
async function timed(p: Promise<unknown>): Promise<{ ms: number; error: string }> {
  const t0 = performance.now();
  const error = await errorName(p);
  return { ms: performance.now() - t0, error };
}

describe('faults', () => {
  it('throttles the next N triggers without running them, from the options and from setFaults', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const before = aws.stats().triggerInvocations;
    const e = await failure(s.update(d, 'game', [put('k', 'v')]));
    expect(e).toMatchObject({ name: 'LambdaThrottledException', $metadata: { httpStatusCode: 429 } });
    aws.setFaults({ throttleTrigger: 2 });
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).toBe('LambdaThrottledException');
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).toBe('LambdaThrottledException');
    expect(aws.stats().triggerInvocations).toBe(before);
    expect(await s.values(d, 'game')).toStrictEqual({});
    await s.update(d, 'game', [put('k', 'v')]);
    expect(aws.stats().triggerInvocations).toBe(before + 1);
    expect(aws.stats().injected.throttleTrigger).toBe(3);
    // Developer writes never reach the trigger, so they use up no throttle.
    aws.setFaults({ throttleTrigger: 1 });
    await s.update(s.asDeveloper(d), 'game', [put('dev', 'v')]);
    expect(aws.stats().injected.throttleTrigger).toBe(3);
    aws.setFaults({});
  });

  it('answers LambdaSocketTimeoutException at the 5 s deadline for a late reply or a slow handler', async () => {
    const slowLog: string[] = [];
    const slow = await startEmulator({
      port: 0,
      functions: { slow: { handler: fixture('bad-slow-db.mjs') } },
      log: (line) => slowLog.push(line),
    });
    try {
      const late = async () => {
        const s = await setUp(aws, 'echo');
        const d = await s.device();
        aws.setFaults({ delayTriggerMs: 300 }); // below the deadline, on every trigger
        const small = await timed(s.update(d, 'game', [put('a', '1')]));
        expect(small.error).toBe('no error');
        expect(small.ms).toBeGreaterThanOrEqual(300);
        aws.setFaults({ delayTriggerMs: 8000, delayTriggerCount: 1 });
        const big = await timed(s.update(d, 'game', [put('b', '2')]));
        const after = await timed(s.update(d, 'game', [put('c', '3')]));
        expect(aws.stats().injected.delayTrigger).toBe(2);
        return { big, after, values: await s.values(d, 'game') };
      };
      const slowHandler = async () => {
        const s = await setUp(slow, 'slow');
        const d = await s.device();
        const r = await timed(s.update(d, 'game', [put('k', 'v')]));
        return { r, values: await s.values(d, 'game') };
      };
      const [a, b] = await Promise.all([late(), slowHandler()]);
      expect(a.big.error).toBe('LambdaSocketTimeoutException');
      expect(a.big.ms).toBeGreaterThan(4900); // really waited, as the service does
      expect(a.big.ms).toBeLessThan(7000); // but not the whole 8 s: the service gives up at the deadline
      expect(a.after).toMatchObject({ error: 'no error' });
      expect(a.after.ms).toBeLessThan(1000);
      expect(a.values).toStrictEqual({ a: '1', c: '3' });
      expect(b.r.error).toBe('LambdaSocketTimeoutException');
      expect(b.r.ms).toBeGreaterThan(4900);
      // Answered at the deadline, not when the 5.6 s handler replied (that would log "replied in 5600 ms").
      expect(slowLog.join('\n')).toContain('trigger slow: no reply within 5000 ms');
      expect(b.r.ms).toBeLessThan(6500);
      expect(b.values).toStrictEqual({});
    } finally {
      aws.setFaults({});
      await slow.close();
    }
  });

  it('fails the next N Lambda Invoke calls with TooManyRequestsException, without running the function', async () => {
    const lambda = new LambdaClient({ ...clientConfig(aws), credentials: developer });
    try {
      const invoke = () => lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') }));
      const ran = aws.stats().lambdaInvocations;
      aws.setFaults({ lambdaTooManyRequests: 1 });
      const e = await failure(invoke());
      expect(e).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      expect(aws.stats().lambdaInvocations).toBe(ran);
      expect((await invoke()).StatusCode).toBe(200);
      expect(aws.stats().lambdaInvocations).toBe(ran + 1);
    } finally {
      lambda.destroy();
    }
  });

  it('drops connections before handling, or answers after handling, for one operation or any', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    aws.setFaults({ dropConnections: 1 });
    const dropped = await errorName(s.list(d, 'game'));
    expect(dropped).not.toBe('no error');
    expect(dropped).not.toMatch(/Exception$/); // a transport failure, not a service answer
    // Only UpdateRecords counts: the ListRecords before it goes through, the update is never made.
    aws.setFaults({ dropConnections: 1, dropOperation: 'UpdateRecords' });
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).not.toBe('no error');
    expect(await s.values(d, 'game')).toStrictEqual({});
    // A lost answer: the write happened, the device does not know, and its retry conflicts.
    aws.setFaults({ dropResponses: 1, dropOperation: 'UpdateRecords' });
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).not.toBe('no error');
    expect(await s.values(d, 'game')).toStrictEqual({ k: 'v' });
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).toBe('ResourceConflictException');
    expect(aws.stats().injected).toMatchObject({ dropConnections: 2, dropResponses: 1 });
    aws.setFaults({});
  });
});
