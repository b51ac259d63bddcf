/**
 * The end-to-end target when the service misbehaves or cannot be used: throttled triggers retried with backoff,
 * lost answers judged by the state, the request cap, Ctrl-C, and clear harness errors (with no request sent for a
 * handler that does not load) — the datasets of the run deleted every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.ts';
import type { HarnessError } from '../runtime/errors.ts';
import type { LiveCaseInput } from './cases.ts';
import { runCognitoSync } from './cognitoSync.ts';
import { developerEnv, makePool, sampleHandler, service } from './testkit.test-helpers.ts';

let restore: () => void;
beforeAll(() => {
  restore = developerEnv();
});
afterAll(() => {
  restore();
});

const update: LiveCaseInput = {
  kind: 'single',
  stored: [{ key: 'a', value: '1' }],
  patches: [{ op: 'replace', key: 'b', value: '2' }],
  classes: [],
};

const failure = (p: Promise<unknown>): Promise<HarnessError> =>
  p.then(
    () => {
      throw new Error('expected a harness error');
    },
    (e: unknown) => e as HarnessError,
  );

describe('the end-to-end target under faults', () => {
  it('retries a throttled trigger with backoff, and judges an update whose answer was lost by the state', async () => {
    const { aws, poolId } = await service(sampleHandler, { faults: { throttleTrigger: 2 } });
    try {
      const common = { handler: sampleHandler, identityPoolId: poolId, endpoint: aws.url, maxAttempts: 1 };
      const throttled = await runCognitoSync({ ...common, cases: [update] });
      expect(throttled.result.checks[0]?.outcome).toBe('pass');
      expect(aws.stats().injected.throttleTrigger).toBe(2);
      const errors = throttled.cases[0]?.trace.filter((t) => t.error?.name === 'LambdaThrottledException');
      expect(errors).toHaveLength(2);

      // The first UpdateRecords of a first sync is the device's own (no seeding).
      const first: LiveCaseInput = { ...update, stored: [] };
      aws.setFaults({ dropResponses: 1, dropOperation: 'UpdateRecords' });
      const lost = await runCognitoSync({ ...common, cases: [first, first] });
      expect(lost.result.checks[0]?.outcome, JSON.stringify(lost.cases.map((c) => c.messages))).toBe('pass');
      expect(aws.stats().injected.dropResponses).toBe(1);
      expect(lost.result.checks[0]?.coverage['answer-lost']).toBe(1);
      // With the SDK's own retry, the resent request is refused (its session token was used): still no divergence.
      aws.setFaults({ dropResponses: 1, dropOperation: 'UpdateRecords' });
      const retried = await runCognitoSync({ ...common, maxAttempts: 2, cases: [first] });
      expect(retried.result.checks[0]?.outcome, JSON.stringify(retried.cases[0]?.messages)).toBe('pass');
      expect(retried.result.checks[0]?.coverage['answer-lost']).toBe(1);
      expect(aws.stats().datasets).toBe(0);
    } finally {
      await aws.close();
    }
  });

  it('stops at --max-requests and at Ctrl-C, says so, and still deletes every dataset', async () => {
    const { aws, poolId } = await service(sampleHandler);
    try {
      const common = { handler: sampleHandler, identityPoolId: poolId, endpoint: aws.url, seed: 5 };
      const capped = await runCognitoSync({ ...common, runs: 50, maxRequests: 40 });
      const check = capped.result.checks[0];
      expect(check).toMatchObject({ outcome: 'timeout', reason: /--max-requests 40 reached: \d+ of 50 cases ran/ });
      expect(check?.runs).toBeGreaterThan(0);
      expect(capped.result.summary.partial).toBe(true);
      const cleanup = [...capped.setup, ...capped.cases.flatMap((c) => c.trace)].filter((t) => t.note === 'cleanup');
      expect(capped.requests - cleanup.length).toBeLessThanOrEqual(40);
      expect(aws.stats().datasets).toBe(0);

      const stop = new AbortController();
      const stopped = await runCognitoSync({
        ...common,
        runs: 30,
        signal: stop.signal,
        onProgress: () => {
          stop.abort();
        },
      });
      const s = stopped.result.checks[0];
      expect(s).toMatchObject({
        outcome: 'error',
        error: { code: 'E_INTERRUPTED', message: /interrupted after 1 of 30 cases/ },
      });
      expect(stopped.cases.length).toBeLessThan(30);
      expect(aws.stats().datasets).toBe(0);
    } finally {
      await aws.close();
    }
  });

  it('says clearly, before writing anything, when the service cannot be used', async () => {
    const aws = await startEmulator({ port: 0, functions: { trigger: { handler: sampleHandler } } });
    try {
      const endpoint = aws.url;
      const noTrigger = await makePool(aws, undefined, 'no trigger');
      const missing = 'us-east-1:00000000-0000-0000-0000-000000000000';
      const base = { handler: sampleHandler, endpoint, runs: 1, maxAttempts: 1 };
      expect(await failure(runCognitoSync({ ...base, identityPoolId: missing }))).toMatchObject({
        code: 'E_NOT_FOUND',
        message: /ResourceNotFoundException/,
      });
      expect(await failure(runCognitoSync({ ...base, identityPoolId: noTrigger }))).toMatchObject({
        code: 'E_POOL',
        message: /has no Sync Trigger/,
      });
      // No pool id and no pool of the stack's name yet; then found by name; then ambiguous.
      expect(await failure(runCognitoSync(base))).toMatchObject({
        code: 'E_POOL',
        message: /no identity pool named sync_trigger_conformance.*--identity-pool-id/,
      });
      const poolId = await makePool(aws, 'trigger', 'sync-trigger-conformance');
      const found = await runCognitoSync({ ...base, cases: [update] });
      expect(found.result.target.description).toContain(poolId);
      expect(found.result.checks[0]?.outcome).toBe('pass');
      await makePool(aws, 'trigger');
      expect(await failure(runCognitoSync(base))).toMatchObject({ code: 'E_POOL', message: /2 identity pools/ });

      const before = Object.values(aws.stats().requests).reduce((a, b) => a + b, 0);
      expect(
        await failure(runCognitoSync({ ...base, handler: `${sampleHandler}#nope`, identityPoolId: poolId })),
      ).toMatchObject({ code: 'E_HANDLER_EXPORT' });
      expect(Object.values(aws.stats().requests).reduce((a, b) => a + b, 0)).toBe(before);
      expect(
        await failure(runCognitoSync({ ...base, identityPoolId: poolId, endpoint: 'http://127.0.0.1:9' })),
      ).toMatchObject({
        code: 'E_ENDPOINT',
      });
      expect(await failure(runCognitoSync({ ...base, identityPoolId: 'pool' }))).toMatchObject({
        code: 'E_OPTION',
        message: /identityPoolId: an identity pool id looks like/,
      });
    } finally {
      await aws.close();
    }
  });

  it('names the missing credentials without guessing any', async () => {
    const { aws, poolId } = await service(sampleHandler);
    const saved = { ...process.env };
    try {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
      process.env.AWS_CONFIG_FILE = '/nonexistent/config';
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      const e = await failure(
        runCognitoSync({
          handler: sampleHandler,
          identityPoolId: poolId,
          endpoint: aws.url,
          region: 'us-east-1',
          runs: 1,
        }),
      );
      expect(e).toMatchObject({ code: 'E_AWS', message: /no AWS credentials.*AWS_PROFILE/ });
      expect(e.stack ?? '').not.toMatch(/live-developer-secret/);
    } finally {
      process.env = saved;
      await aws.close();
    }
  });
});
