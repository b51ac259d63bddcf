/**
 * The deployed-Lambda target through the real `@aws-sdk/client-lambda` against the project's emulator: the same
 * verdicts as the local module for the same checks and seed, function errors and log tails captured, and clear
 * harness errors for an unknown function or an unreachable endpoint.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { checkConformance } from '../index.ts';
import { createLambdaInvoker } from './index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
let aws: RunningEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  aws = await startEmulator({
    port: 0,
    functions: {
      good: { handler: fixture('good-echo-context-done.cjs') },
      bad: { handler: fixture('bad-rewrite-eventtype.cjs') },
      crash: { handler: fixture('bad-null-entry-unguarded.cjs') },
    },
  });
  // The SDK's standard chain: credentials and region from the environment.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLAMBDATEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'lambda-test-secret';
  process.env.AWS_REGION = 'us-east-1';
});

afterAll(async () => {
  await aws.close();
  process.env = saved;
});

const CHECKS = ['reply', 'robustness/null-entries'];

describe('the deployed-Lambda target', () => {
  it.each([
    ['good', 'good-echo-context-done.cjs'],
    ['bad', 'bad-rewrite-eventtype.cjs'],
    ['crash', 'bad-null-entry-unguarded.cjs'],
  ])(
    'gives %s the verdicts the local module gets',
    async (fn, file) => {
      const common = { checks: CHECKS, runs: 15, seed: 11, store: false as const };
      const remote = await checkConformance({ ...common, lambda: fn, endpoint: aws.url });
      const local = await checkConformance({ ...common, handler: fixture(file) });
      const outcomes = (r: typeof local) => Object.fromEntries(r.checks.map((c) => [c.id, c.outcome]));
      expect(outcomes(remote)).toStrictEqual(outcomes(local));
      expect(remote.target.kind).toBe('lambda');
      // The first invocation of each isolate is a cold start, reported apart from the percentiles.
      expect(remote.checks.some((c) => c.latency?.coldMs !== undefined)).toBe(true);
    },
    60_000,
  );

  it('captures the function error and the log tail, and marks the cold start', async () => {
    const inv = createLambdaInvoker({ functionName: 'crash', endpoint: aws.url, region: 'us-east-1' });
    await inv.init();
    const event = {
      version: 2,
      eventType: 'SyncTrigger',
      region: 'us-east-1',
      identityPoolId: 'p',
      identityId: 'i',
      datasetName: 'd',
      datasetRecords: { a: null },
    };
    const first = await inv.invoke(event);
    expect(first.kind).toBe('threw');
    expect(first.kind === 'threw' ? first.error.errorType : '').toBe('TypeError');
    expect(first.coldStart).toBe(true);
    const second = await inv.invoke({ ...event, datasetRecords: {} });
    expect(second.kind).toBe('replied');
    expect(second.coldStart).toBe(false);
    await inv.close();
  });

  it('reports an unknown function and an unreachable endpoint as harness errors, without secrets', async () => {
    const missing = await checkConformance({
      lambda: 'nope',
      endpoint: aws.url,
      checks: ['reply/shape'],
      runs: 2,
      store: false,
    }).catch((e: unknown) => e as Error & { code: string });
    expect(missing).toMatchObject({ code: 'E_AWS', message: /nope.*ResourceNotFoundException/ });
    const down = await checkConformance({
      lambda: 'good',
      endpoint: 'http://127.0.0.1:9',
      checks: ['reply/shape'],
      runs: 2,
      store: false,
    }).catch((e: unknown) => e as Error & { code: string });
    expect(down).toMatchObject({ code: 'E_ENDPOINT' });
    for (const e of [missing, down]) {
      const text = e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : JSON.stringify(e);
      expect(text).not.toMatch(/lambda-test-secret|AKIDLAMBDATEST/);
    }
  });
});
