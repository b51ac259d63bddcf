/**
 * The end-to-end Cognito Sync target through the real SDK clients against the emulator: agreement on conforming
 * and non-conforming handlers, the deviant service caught as a divergence with its trace, throttling retried,
 * the request cap, cleanup, and no credential in the written reports.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient, SetCognitoEventsCommand } from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.ts';
import { writeReports } from '../../reports/index.ts';
import { runCognitoSync } from './cognitoSync.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const handlers = {
  sample: join(root, 'examples/sample-handler.mjs'),
  rebuild: join(root, 'fixtures/handlers/conformance/bad-rebuild-records.mjs'),
} as const;
const saved = { ...process.env };
const tmp = mkdtempSync(join(tmpdir(), 'csc-live-'));

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLIVEDEVELOPER';
  process.env.AWS_SECRET_ACCESS_KEY = 'live-developer-secret';
});

afterAll(() => {
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

/** An emulator with one pool whose Sync Trigger is the given handler. */
async function service(
  handler: string,
  extra: Partial<EmulatorOptions> = {},
): Promise<{ aws: RunningEmulator; poolId: string }> {
  const aws = await startEmulator({ port: 0, functions: { trigger: { handler } }, ...extra });
  const config = {
    endpoint: aws.url,
    region: aws.region,
    credentials: { accessKeyId: 'AKIDSETUP', secretAccessKey: 'x' },
  };
  const pool = await new CognitoIdentityClient(config).send(
    new CreateIdentityPoolCommand({ IdentityPoolName: 'live', AllowUnauthenticatedIdentities: true }),
  );
  const poolId = pool.IdentityPoolId ?? '';
  await new CognitoSyncClient(config).send(
    new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: aws.functionArn('trigger') } }),
  );
  return { aws, poolId };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

describe('end to end through Cognito Sync', () => {
  it.each([['sample'], ['rebuild']] as const)(
    'the model agrees with the service for the %s handler, and every dataset is deleted',
    async (name) => {
      const { aws, poolId } = await service(handlers[name]);
      try {
        const run = await runCognitoSync({
          handler: handlers[name],
          identityPoolId: poolId,
          endpoint: aws.url,
          region: aws.region,
          runs: 8,
          seed: 21,
          concurrency: name === 'sample' ? 3 : 1,
        });
        const check = run.checks[0];
        expect(check?.outcome, JSON.stringify(check?.counterexample?.messages)).toBe('pass');
        expect(check?.runs).toBe(8);
        expect(run.target.kind).toBe('cognito-sync');
        expect(aws.stats().triggerInvocations).toBeGreaterThanOrEqual(8);
        expect(aws.stats().datasets).toBe(0);
      } finally {
        await aws.close();
      }
    },
    60_000,
  );

  it('catches a service that removes omitted records, with the full trace and no credential in the reports', async () => {
    const { aws, poolId } = await service(handlers.rebuild, { deviant: { omittedRecords: 'removed' } });
    try {
      const run = await runCognitoSync({
        handler: handlers.rebuild,
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 10,
        seed: 21,
      });
      const check = run.checks[0];
      expect(check?.outcome).toBe('fail');
      expect(check?.counterexample?.messages.join()).toMatch(
        /differs from the model’s prediction|dataset SyncCount: model/,
      );
      const input = check?.counterexample?.input as { trace: { op: string }[] };
      expect(input.trace.map((t) => t.op)).toContain('UpdateRecords');
      expect(aws.stats().datasets).toBe(0);
      const out = join(tmp, 'deviant');
      await writeReports(run, out);
      for (const file of filesUnder(out)) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(
          /ASIA[0-9A-F]{16}|live-developer-secret|AKIDLIVEDEVELOPER|SessionToken":\s*"[^[]|"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/,
        );
      }
    } finally {
      await aws.close();
    }
  }, 60_000);

  it('retries a throttled trigger with backoff, and stops at --max-requests', async () => {
    const { aws, poolId } = await service(handlers.sample, { faults: { throttleTrigger: 2 } });
    try {
      const run = await runCognitoSync({
        handler: handlers.sample,
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 3,
        seed: 5,
        maxAttempts: 1,
      });
      expect(run.checks[0]?.outcome).toBe('pass');
      const capped = await runCognitoSync({
        handler: handlers.sample,
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 50,
        seed: 5,
        maxRequests: 40,
      });
      const check = capped.checks[0];
      expect(check?.outcome).toBe('pass');
      expect(check?.runs).toBeLessThan(50);
      expect(check?.reason).toMatch(/--max-requests 40/);
      expect(capped.summary.partial).toBe(false);
    } finally {
      await aws.close();
    }
  }, 60_000);

  it('says clearly when the pool does not exist or the endpoint is down', async () => {
    const { aws } = await service(handlers.sample);
    try {
      await expect(
        runCognitoSync({
          handler: handlers.sample,
          identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
          endpoint: aws.url,
          region: aws.region,
          runs: 1,
        }),
      ).rejects.toMatchObject({ code: 'E_AWS', message: /ResourceNotFoundException/ });
      await expect(
        runCognitoSync({
          handler: handlers.sample,
          identityPoolId: 'us-east-1:x',
          endpoint: 'http://127.0.0.1:9',
          region: 'us-east-1',
          runs: 1,
          maxAttempts: 1,
        }),
      ).rejects.toMatchObject({ code: 'E_ENDPOINT' });
    } finally {
      await aws.close();
    }
  });
});
