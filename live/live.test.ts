/**
 * The end-to-end Cognito Sync target through the real SDK clients against the emulator: agreement on conforming and
 * non-conforming handlers (single syncs and multi-device sessions), a deviant service caught as a divergence with
 * its trace, the report validating against the shipped schema, cleanup, and no secret in anything written.
 */
import { firstCounterexample } from '../harness/result.ts';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../reports/index.ts';
import { runCognitoSync } from './cognitoSync.ts';
import type { LiveCaseInput } from './cases.ts';
import { replayLiveCase } from './replay.ts';
import {
  DEVELOPER,
  developerEnv,
  expectValidReport,
  fixture,
  recordingProxy,
  sampleHandler,
  service,
} from './testkit.test-helpers.ts';

const rebuild = fixture('bad-rebuild-records.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'csc-live-'));
let restore: () => void;

beforeAll(() => {
  restore = developerEnv();
});

afterAll(() => {
  restore();
  rmSync(tmp, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

const valid = expectValidReport;

/** A stored record with a user change, and a handler that leaves the record out of its reply. */
const omitted: LiveCaseInput = {
  kind: 'single',
  stored: [
    { key: 'keep', value: 'v' },
    { key: 'score', value: '1' },
  ],
  patches: [{ op: 'replace', key: 'score', value: '2' }],
  classes: ['single'],
};

describe('end to end through Cognito Sync', () => {
  it('agrees with the model on a conforming handler over single syncs and sessions, and deletes every dataset', async () => {
    const { aws, poolId } = await service(sampleHandler);
    try {
      const live = await runCognitoSync({
        handler: sampleHandler,
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 9,
        seed: 8,
        concurrency: 2,
      });
      const check = live.result.checks[0];
      expect(check?.outcome, JSON.stringify(firstCounterexample(check)?.messages)).toBe('pass');
      expect(check?.runs).toBe(9);
      expect(check?.coverage.single).toBeGreaterThan(0);
      expect(check?.coverage.session).toBeGreaterThan(0);
      expect(check?.coverage['resend-after-success']).toBeGreaterThan(0);
      expect(live.result.target.kind).toBe('cognito-sync');
      valid(live.result);
      const stats = aws.stats();
      expect(stats.triggerInvocations).toBeGreaterThanOrEqual(5);
      expect(stats.datasets).toBe(0);
      // Every request the run sent is counted (the emulator saw the same number, the setup pool aside).
      const seen = Object.values(stats.requests).reduce((a, b) => a + b, 0) - 2;
      expect(live.requests).toBe(seen);
      expect(live.cases.every((c) => c.datasetName.startsWith(`csc-${live.runId}-`))).toBe(true);
      // Conflicts happen on both sides alike: a session whose second device never listed.
      const conflict = await runCognitoSync({
        handler: sampleHandler,
        identityPoolId: poolId,
        endpoint: aws.url,
        cases: [
          {
            kind: 'session',
            devices: 2,
            keys: ['a'],
            steps: [
              {
                kind: 'update',
                device: 0,
                syncFirst: true,
                patches: [{ key: 0, op: 'replace', value: 'x' }],
                retry: 'none',
              },
              {
                kind: 'update',
                device: 1,
                syncFirst: false,
                patches: [{ key: 0, op: 'replace', value: 'y' }],
                retry: 'none',
              },
            ],
          },
        ],
      });
      expect(conflict.result.checks[0]?.outcome).toBe('pass');
      expect(conflict.result.checks[0]?.coverage['predicted ResourceConflictException']).toBe(1);
    } finally {
      await aws.close();
    }
  });

  it('agrees on a non-conforming handler too: the model predicts what the service does with its reply', async () => {
    const { aws, poolId } = await service(rebuild);
    try {
      const live = await runCognitoSync({
        handler: rebuild,
        identityPoolId: poolId,
        endpoint: aws.url,
        runs: 6,
        seed: 4,
      });
      expect(live.result.checks[0]?.outcome, JSON.stringify(live.cases.map((c) => c.messages))).toBe('pass');
      expect(aws.stats().datasets).toBe(0);
    } finally {
      await aws.close();
    }
  });

  it('catches a service that removes omitted records, with the trace, a schema-valid report and no secret written', async () => {
    const { aws, poolId } = await service(rebuild, { deviant: { omittedRecords: 'removed' } });
    const proxy = await recordingProxy(aws.url);
    try {
      const live = await runCognitoSync({
        handler: rebuild,
        identityPoolId: poolId,
        endpoint: proxy.url,
        region: aws.region,
        cases: [omitted, omitted],
      });
      const check = live.result.checks[0];
      expect(check?.outcome).toBe('fail');
      expect(firstCounterexample(check)?.messages.join('\n')).toMatch(
        /record "keep" is "v" \(SyncCount \d+\) in the model, removed/,
      );
      expect(firstCounterexample(check)?.messages.join('\n')).toMatch(/1 more case\(s\) disagreed: 1/);
      const input = firstCounterexample(check)?.input as { trace: { op: string; as: string }[]; case: unknown };
      expect(input.trace.map((t) => `${t.op} ${t.as}`)).toContain('UpdateRecords device-0');
      expect(input.case).toStrictEqual(omitted);
      expect(firstCounterexample(check)?.event).toMatchObject({
        eventType: 'SyncTrigger',
        datasetRecords: { keep: {} },
      });
      valid(live.result);
      expect(aws.stats().datasets).toBe(0);

      // Everything a run writes: the reports, the trace file, and the thrown-away run object itself.
      const out = join(tmp, 'deviant');
      await writeReports(live.result, out);
      writeFileSync(join(out, 'trace.json'), JSON.stringify({ setup: live.setup, cases: live.cases }));
      const secrets = [...proxy.secrets(), DEVELOPER.secretAccessKey, DEVELOPER.accessKeyId];
      expect(secrets.length).toBeGreaterThan(10);
      const written = filesUnder(out).map((f) => [f, readFileSync(f, 'utf8')] as const);
      written.push(['live run', JSON.stringify(live)]);
      expect(written.length).toBeGreaterThan(5);
      for (const [file, text] of written)
        for (const s of secrets) expect(text.includes(s), `${file} holds ${s}`).toBe(false);

      // The counterexample replays from the report alone, through the service again.
      const again = await replayLiveCase(firstCounterexample(check)?.input, { endpoint: aws.url });
      expect(again.result.checks[0]?.outcome).toBe('fail');
    } finally {
      await proxy.close();
      await aws.close();
    }
  });

  it('catches a service that reads an undocumented point differently (no trigger on an empty update)', async () => {
    // A handler that writes on every sync (it adds `Level` whenever the update lacks it), so an empty update, when
    // the trigger runs on it, changes the dataset.
    const writesAlways = fixture('sample-fixed-keys.cjs');
    const { aws, poolId } = await service(writesAlways, {
      deviant: { readings: { 'service.emptyPatches': 'skipped' } },
    });
    try {
      const empty: LiveCaseInput = { kind: 'single', stored: [{ key: 'a', value: '1' }], patches: [], classes: [] };
      const live = await runCognitoSync({
        handler: writesAlways,
        identityPoolId: poolId,
        endpoint: aws.url,
        cases: [empty],
      });
      expect(live.result.checks[0]?.outcome).toBe('fail');
      expect(firstCounterexample(live.result.checks[0])?.messages.join('\n')).toMatch(
        /SyncCount \d+ in the model, \d+ in the service/,
      );
      // Judged under the service's reading, the model agrees.
      const agreed = await runCognitoSync({
        handler: writesAlways,
        identityPoolId: poolId,
        endpoint: aws.url,
        cases: [empty],
        readings: { 'service.emptyPatches': 'skipped' },
      });
      expect(agreed.result.checks[0]?.outcome).toBe('pass');
      expect(agreed.result.nonDefaultReadings).toStrictEqual(['service.emptyPatches']);
    } finally {
      await aws.close();
    }
  });
});
