/**
 * The `sessions/` checks end to end (`run --cognito-sync --checks sessions`): the very checks of a local run, their
 * sessions going through Cognito Sync (the emulator, through the real SDK clients) and checked against the model at
 * every answer. They flag what the local run flags, keep the trigger's runs in the timeline, delete every dataset
 * they made, and replay locally from the report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstCounterexample, type RunResult } from '../harness/result.ts';
import { replayCase } from '../harness/replayCase.ts';
import { FIXTURES } from '../fixtures/handlers/conformance/manifest.ts';
import { writeReports } from '../reports/index.ts';
import { CATALOG } from '../suites/catalog.ts';
import { runCognitoSync } from './cognitoSync.ts';
import { drawCheckCases } from './cases.ts';
import { resolveLiveOptions } from './options.ts';
import { developerEnv, expectValidReport, fixture, sampleHandler, service } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-live-sessions-'));
let restore: () => void;

beforeAll(() => {
  restore = developerEnv();
});

afterAll(() => {
  restore();
  rmSync(tmp, { recursive: true, force: true });
});

const outcomes = (run: RunResult): Record<string, string> =>
  Object.fromEntries(run.checks.map((c) => [c.id, c.outcome]));

const SESSION_IDS = CATALOG.filter((c) => c.id.startsWith('sessions/')).map((c) => c.id);

describe('the sessions/ checks end to end', () => {
  it('pass a conforming handler, agree with the model, and delete every dataset they made', async () => {
    const { aws, poolId } = await service(sampleHandler);
    try {
      const live = await runCognitoSync({
        handler: sampleHandler,
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 1,
        seed: 4,
        checks: ['sessions'],
        sessionRuns: 2,
        maxRequests: 100_000,
      });
      expect(outcomes(live.result)).toStrictEqual({
        'live/model-agrees': 'pass',
        ...Object.fromEntries(SESSION_IDS.map((id) => [id, 'pass'])),
      });
      for (const id of SESSION_IDS) expect(live.result.checks.find((c) => c.id === id)?.runs).toBe(2);
      expect(live.result.checks[0]?.runs).toBe(1 + 2 * SESSION_IDS.length);
      expectValidReport(live.result);
      // A client sync updates with the token of the listing it just made: no listing for a token alone.
      const checkCases = live.cases.filter((c) => c.input.kind === 'check');
      expect(checkCases.flatMap((c) => c.trace).filter((t) => t.op === 'UpdateRecords').length).toBeGreaterThan(0);
      expect(checkCases.flatMap((c) => c.trace).filter((t) => t.note === 'session token only')).toStrictEqual([]);
      // retry-safe runs a session twice with the handler: its second dataset is deleted too.
      expect(aws.stats().datasets).toBe(0);
      expect(aws.stats().triggerInvocations).toBeGreaterThan(10);
    } finally {
      await aws.close();
    }
  });

  it('flag what the local run flags on a counter bumped on every run, with the trigger in the timeline', async () => {
    const file = 'bad-run-counter.mjs';
    const expected = FIXTURES.find((f) => f.file === file)?.flaggedBy.filter((id) => id.startsWith('sessions/'));
    const { aws, poolId } = await service(fixture(file));
    try {
      const live = await runCognitoSync({
        handler: fixture(file),
        identityPoolId: poolId,
        endpoint: aws.url,
        region: aws.region,
        runs: 1,
        seed: 3,
        checks: ['sessions'],
        sessionRuns: 3,
        maxRequests: 100_000,
      });
      const failed = live.result.checks.filter((c) => c.outcome === 'fail').map((c) => c.id);
      expect(failed.sort()).toStrictEqual([...(expected ?? [])].sort());
      expect(outcomes(live.result)['live/model-agrees']).toBe('pass');
      const loop = live.result.checks.find((c) => c.id === 'sessions/no-conflict-loop');
      const cx = firstCounterexample(loop);
      expect(cx?.timeline?.rows.some((r) => r.kind === 'trigger')).toBe(true);
      expect(cx?.timeline?.rows.some((r) => r.kind === 'reply' && r.text.includes('syncRuns'))).toBe(true);
      expect(cx?.timeline?.rows.some((r) => r.kind === 'check')).toBe(true);
      expect(aws.stats().datasets).toBe(0);
      // The report replays it locally, on the model: the same check fails on the same session.
      const out = join(tmp, 'counter');
      await writeReports(live.result, out, ['json']);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      const again = await replayCase({
        checkId: 'sessions/no-conflict-loop',
        handler: fixture(file),
        input: firstCounterexample(report.checks.find((c) => c.id === 'sessions/no-conflict-loop'))?.input,
      });
      expect(again.outcome, again.messages.join('\n')).toBe('fail');
    } finally {
      await aws.close();
    }
  });

  it('are chosen with --checks, and the plan counts their sessions and requests', () => {
    const o = resolveLiveOptions({
      handler: sampleHandler,
      seed: 1,
      checks: ['sessions/converge', 'live/model-agrees'],
    });
    expect(o.sessionChecks.map((c) => c.id)).toStrictEqual(['sessions/converge']);
    const cases = drawCheckCases(1, o.sessionChecks, 3);
    expect(cases).toHaveLength(3);
    expect(cases.every((c) => c.check === 'sessions/converge' && c.session.steps.length <= 6)).toBe(true);
    expect(() => resolveLiveOptions({ handler: sampleHandler, checks: ['reply/shape'] })).toThrow(
      /--cognito-sync runs live\/model-agrees and, with --checks, the sessions\/ checks end to end: "reply\/shape" names neither/,
    );
  });
});
