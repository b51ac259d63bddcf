/**
 * Values a handler computes from the clock, or at random, against the service: compared by shape, or by presence when
 * the user names the key. Unit rows, then whole live runs through the real SDK clients against the emulator.
 */
import { firstCounterexample } from '../harness/result.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCognitoSync } from './cognitoSync.ts';
import { diffRows } from './predict.ts';
import { clockFormat, sameValue, type ValueComparison } from './sameValue.ts';
import { developerEnv, service } from './testkit.test-helpers.ts';

const now = Date.parse('2030-01-02T03:04:05.678Z');
const c: ValueComparison = { presenceOnly: new Set(['nonce']), from: now - 60_000, to: () => now };
const tmp = mkdtempSync(join(tmpdir(), 'csc-clock-'));
let restore: () => void;

beforeAll(() => {
  restore = developerEnv();
});

afterAll(() => {
  restore();
  rmSync(tmp, { recursive: true, force: true });
});

describe('sameValue', () => {
  it('takes two times of one format written during the run as the same value', () => {
    const later = now + 1234;
    const rows: [string, string, boolean][] = [
      [new Date(now).toISOString(), new Date(later).toISOString(), true],
      [String(now), String(later), true],
      [String(Math.floor(now / 1000)), String(Math.floor(later / 1000) + 1), true],
      [new Date(now).toUTCString(), new Date(later + 5000).toUTCString(), true],
      // Different formats, times far from the run, and ordinary values are compared as they are.
      [new Date(now).toISOString(), String(later), false],
      [new Date(now - 86_400_000 * 30).toISOString(), new Date(later).toISOString(), false],
      ['1234567890123', '1234567890124', false],
      ['a', 'b', false],
    ];
    for (const [a, b, same] of rows) expect(sameValue('k', a, b, c), `${a} vs ${b}`).toBe(same);
    expect(sameValue('k', new Date(now).toISOString(), null, c)).toBe(false);
    expect(clockFormat('2030-01-02T03:04:05Z', c)).toBe('ISO 8601');
  });

  it('compares a named key by presence only, and says how when a value differs', () => {
    expect(sameValue('nonce', 'x1', 'y2', c)).toBe(true);
    expect(sameValue('nonce', 'x1', null, c)).toBe(false);
    const rows = diffRows(
      'the dataset',
      [{ key: 'id', value: 'a', syncCount: 1 }],
      [{ key: 'id', value: 'b', syncCount: 1 }],
      c,
    );
    expect(rows).toStrictEqual([
      'the dataset: record "id" is "a" (SyncCount 1) in the model, "b" (SyncCount 1) in the service',
      'the dataset: if the handler computes this value on each run (a random id, a counter), compare it by presence only: --presence-only "id"',
    ]);
  });
});

describe('live/model-agrees with handlers that compute values', () => {
  const handler = (name: string, code: string): string => {
    const file = join(tmp, name);
    writeFileSync(file, code);
    return file;
  };
  const stamp = handler(
    'stamp.cjs',
    `exports.handler = async (event) => {
  event.datasetRecords.updatedAt = { newValue: new Date().toISOString(), op: 'replace' };
  event.datasetRecords.updatedMs = { newValue: String(Date.now()), op: 'replace' };
  return event;
};\n`,
  );
  const nonce = handler(
    'nonce.cjs',
    `exports.handler = async (event) => {
  event.datasetRecords.nonce = { newValue: Math.random().toString(36).slice(2), op: 'replace' };
  return event;
};\n`,
  );

  it('does not flag a handler that writes the time on every run', async () => {
    const { aws, poolId } = await service(stamp);
    try {
      const live = await runCognitoSync({
        handler: stamp,
        identityPoolId: poolId,
        endpoint: aws.url,
        runs: 6,
        seed: 3,
      });
      const check = live.result.checks[0];
      expect(check?.outcome, JSON.stringify(firstCounterexample(check)?.messages)).toBe('pass');
    } finally {
      await aws.close();
    }
  });

  it('flags a random value with the way out, and compares it by presence when the key is named', async () => {
    const { aws, poolId } = await service(nonce);
    try {
      const base = { handler: nonce, identityPoolId: poolId, endpoint: aws.url, runs: 3, seed: 3 };
      const flagged = await runCognitoSync(base);
      const messages = firstCounterexample(flagged.result.checks[0])?.messages.join('\n') ?? '';
      expect(messages).toMatch(/record "nonce" is .* in the model, .* in the service/);
      expect(messages).toMatch(/--presence-only "nonce"/);
      const named = await runCognitoSync({ ...base, presenceOnly: ['nonce'] });
      const check = named.result.checks[0];
      expect(check?.outcome, JSON.stringify(firstCounterexample(check)?.messages)).toBe('pass');
    } finally {
      await aws.close();
    }
  });
});
