/**
 * The deployed-Lambda target through the real `@aws-sdk/client-lambda` against the project's emulator: the same
 * verdicts as the local module for the whole catalog and the same seed, function errors with the runtime's payload
 * and the log tail, the cold start reported apart, Lambda's 429 retried or reported, and clear harness errors (with
 * no secret) for an unknown function, an unreachable endpoint, missing credentials or region.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import type { HarnessError } from '../errors.ts';
import { checkConformance } from '../../harness/index.ts';
import type { RunResult } from '../../harness/result.ts';
import { coldStartOf, createLambdaInvoker, functionError } from './index.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
const tmp = mkdtempSync(join(tmpdir(), 'csc-lambda-'));
const noisy = join(tmp, 'noisy.cjs');
const SECRET = 'lambda-test-secret-0123456789';
let aws: RunningEmulator;
let saved: NodeJS.ProcessEnv;

const event = {
  version: 2,
  eventType: 'SyncTrigger',
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0f6c',
  identityId: 'us-east-1:9a1b',
  datasetName: 'd',
  datasetRecords: { a: null },
};

beforeAll(async () => {
  saved = { ...process.env };
  writeFileSync(
    noisy,
    "exports.handler = async (event) => { console.log('saw', Object.keys(event.datasetRecords).length, 'records');\n" +
      "  if (event.datasetRecords.a === null) throw new TypeError('no a'); return event; };\n",
  );
  aws = await startEmulator({
    port: 0,
    functions: {
      good: { handler: fixture('good-echo-context-done.cjs') },
      bad: { handler: fixture('bad-rewrite-eventtype.cjs') },
      noisy: { handler: noisy },
    },
  });
  // The SDK's standard chain: credentials and region from the environment.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLAMBDATEST';
  process.env.AWS_SECRET_ACCESS_KEY = SECRET;
  process.env.AWS_REGION = 'us-east-1';
  delete process.env.AWS_PROFILE;
});

afterAll(async () => {
  await aws.close();
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const failure = (p: Promise<unknown>): Promise<HarnessError> =>
  p.then(
    () => {
      throw new Error('expected a harness error');
    },
    (e: unknown) => e as HarnessError,
  );

const outcomes = (r: RunResult) => Object.fromEntries(r.checks.map((c) => [c.id, c.outcome]));

describe('the deployed-Lambda target', () => {
  it.each([
    ['good', 'good-echo-context-done.cjs'],
    ['bad', 'bad-rewrite-eventtype.cjs'],
  ])('gives %s the verdict of the local module on every check', async (fn, file) => {
    const common = { runs: 4, seed: 11, store: false as const, exclude: ['timing/deadline'] };
    const [remote, local] = await Promise.all([
      checkConformance({ ...common, lambda: fn, endpoint: aws.url }),
      checkConformance({ ...common, handler: fixture(file) }),
    ]);
    expect(outcomes(remote)).toStrictEqual(outcomes(local));
    expect(remote.checks.length).toBeGreaterThan(15);
    expect(remote.summary.conformant).toBe(fn === 'good');
    expect(remote.target).toMatchObject({ kind: 'lambda', handler: fn, description: `lambda ${fn} at ${aws.url}` });
    expect(remote.checks.filter((c) => c.latency).length).toBeGreaterThan(15);
  });

  it('runs the deadline check through Invoke as well', async () => {
    const common = { runs: 2, seed: 3, store: false as const, checks: ['timing/deadline'] };
    const remote = await checkConformance({ ...common, lambda: 'good', endpoint: aws.url });
    expect(outcomes(remote)).toStrictEqual({ 'timing/deadline': 'pass' });
  });

  it("captures a function error with the runtime's payload and the log tail, and marks the cold start", async () => {
    const inv = createLambdaInvoker({ functionName: 'noisy', endpoint: aws.url });
    await inv.init();
    const first = await inv.invoke(event);
    expect(first).toMatchObject({ kind: 'threw', error: { errorType: 'TypeError', errorMessage: 'no a' } });
    // Lambda's REPORT line says which invocation paid the cold start (`Init Duration`).
    expect(first.logs).toMatch(/^REPORT RequestId: /m);
    expect(first.coldStart).toBe(/Init Duration:/.test(first.logs));
    expect(first.kind === 'threw' ? first.error.trace.join('\n') : '').toMatch(/TypeError: no a/);
    expect(first.logs).toMatch(/saw 1 records/);
    const second = await inv.invoke({
      ...event,
      datasetRecords: { b: { oldValue: null, newValue: 'x', op: 'replace' } },
    });
    expect(second).toMatchObject({ kind: 'replied', coldStart: false });
    expect(second.kind === 'replied' ? JSON.parse(second.json) : null).toMatchObject({ datasetRecords: { b: {} } });
    await inv.close();
  });

  it("retries Lambda's 429 through the SDK, or reports it as a harness error with one attempt", async () => {
    aws.setFaults({ lambdaTooManyRequests: 1 });
    const once = createLambdaInvoker({ functionName: 'good', endpoint: aws.url, maxAttempts: 1 });
    await expect(once.invoke(event)).rejects.toMatchObject({
      code: 'E_AWS',
      message: /TooManyRequestsException \(HTTP 429\)/,
    });
    await once.close();
    aws.setFaults({ lambdaTooManyRequests: 1 });
    const retrying = createLambdaInvoker({ functionName: 'good', endpoint: aws.url });
    expect((await retrying.invoke(event)).kind).toBe('replied');
    expect(aws.stats().injected.lambdaTooManyRequests).toBe(2);
    await retrying.close();
  });

  it('says what is wrong at init — unknown function, endpoint, credentials, region — without any secret', async () => {
    const run = (o: object) => failure(checkConformance({ checks: ['reply/shape'], runs: 1, store: false, ...o }));
    const missing = await run({ lambda: 'nope', endpoint: aws.url });
    expect(missing).toMatchObject({ code: 'E_NOT_FOUND', message: /nope.*ResourceNotFoundException \(HTTP 404\)/ });
    const down = await run({ lambda: 'good', endpoint: 'http://127.0.0.1:9' });
    expect(down).toMatchObject({ code: 'E_ENDPOINT', message: /ECONNREFUSED.*--endpoint-url/ });
    const env = { ...process.env };
    try {
      process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
      process.env.AWS_CONFIG_FILE = '/nonexistent/config';
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      delete process.env.AWS_REGION;
      const noRegion = await run({ lambda: 'good', endpoint: aws.url });
      expect(noRegion).toMatchObject({ code: 'E_REGION', message: /--region or set AWS_REGION/ });
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      const noCredentials = await run({ lambda: 'good', endpoint: aws.url, region: 'us-east-1' });
      expect(noCredentials).toMatchObject({ code: 'E_AWS', message: /AWS_PROFILE/ });
      const noProfile = await run({ lambda: 'good', endpoint: aws.url, region: 'us-east-1', profile: 'nope' });
      expect(noProfile).toMatchObject({ code: 'E_AWS' });
      for (const e of [missing, down, noRegion, noCredentials, noProfile]) {
        expect(e.name).toBe('HarnessError');
        expect(`${e.message} ${JSON.stringify(e)} ${String(e.cause)}`).not.toMatch(/lambda-test-secret|AKIDLAMBDATEST/);
      }
    } finally {
      process.env = env;
    }
  });

  it('tells a cold start from the REPORT line, and reads error payloads as the runtime writes them', () => {
    const report = 'END RequestId: 1\nREPORT RequestId: 1\tDuration: 2.1 ms\tInit Duration: 180.2 ms\t';
    expect(coldStartOf(report, false)).toBe(true);
    expect(coldStartOf(report.replace(/Init Duration: [\d.]+ ms/, ''), true)).toBe(false);
    expect(coldStartOf('', true)).toBe(true);
    expect(
      functionError('Unhandled', '{"errorMessage":"2026-01-01T00:00:00.000Z 1 Task timed out after 3.00 seconds"}'),
    ).toMatchObject({
      errorType: 'Sandbox.Timedout',
    });
    expect(functionError('Unhandled', 'not json')).toStrictEqual({
      errorType: 'Unhandled',
      errorMessage: 'not json',
      trace: [],
    });
  });
});
