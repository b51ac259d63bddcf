/**
 * An acknowledged write survives `kill -9`: the real `emulate` bin in a child process with a state file, real v3
 * clients writing side by side (identities through the Sync Trigger, developers around it), SIGKILL in the middle
 * of the load, a restart from the state file, and every write that was answered found again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { afterAll, describe, expect, it } from 'vitest';
import { emulateChild, poolKit, put, sampleHandler, type Device } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-durability-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** One write that was answered: in this dataset, this key holds this value at this SyncCount. */
interface Acked {
  readonly device: number;
  readonly key: string;
  readonly value: string;
  readonly syncCount: number;
}

describe('the state file under kill -9', () => {
  it('keeps every acknowledged write of writers under load', async () => {
    const state = join(tmp, 'state.json');
    const first = await emulateChild(['--handler', sampleHandler, '--state', state], tmp);
    const kit = poolKit({ url: first.url, region: 'us-east-1' }, first.pool);
    const WRITERS = 6;
    const devices: Device[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const d = await kit.device();
      // Half write through the Sync Trigger (identity credentials), half around it (developer credentials).
      devices.push(i % 2 === 0 ? d : kit.asDeveloper(d));
    }
    const acked: Acked[] = [];
    const KILL_AFTER = 150;
    let killedAt = 0;
    // Read through a function: the writers run side by side, each sees the kill another one made.
    const alive = (): boolean => killedAt === 0;
    const writer = async (i: number): Promise<void> => {
      const d = devices[i] as Device;
      for (let n = 0; alive(); n++) {
        const key = `w${String(n)}`;
        const value = `${String(i)}-${String(n)}`;
        try {
          const out = await kit.update(d, `load${String(i)}`, [put(key, value)]);
          const rec = out.Records?.find((r) => r.Key === key);
          acked.push({ device: i, key, value, syncCount: rec?.SyncCount ?? -1 });
        } catch {
          return; // the emulator is gone: this write was never answered
        }
        if (acked.length >= KILL_AFTER && alive()) {
          killedAt = acked.length;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(devices.map((_, i) => writer(i)));
    expect(await first.exited).toBe(null); // killed by the signal, no clean shutdown
    expect(killedAt).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await emulateChild(['--handler', sampleHandler, '--state', state], tmp);
    try {
      expect(second.pool).toBe(first.pool);
      const again = poolKit({ url: second.url, region: 'us-east-1' }, second.pool);
      const missing: string[] = [];
      for (const [i, d] of devices.entries()) {
        // The credentials issued before the kill still work: their key ids were acknowledged too.
        const revived: Device = { ...d, sync: new CognitoSyncClient({ ...again.config, credentials: d.credentials }) };
        const listed = await again.list(revived, `load${String(i)}`);
        const found = new Map((listed.Records ?? []).map((r) => [r.Key, r]));
        for (const a of acked.filter((x) => x.device === i)) {
          const r = found.get(a.key);
          if (r?.Value !== a.value || r.SyncCount !== a.syncCount)
            missing.push(
              `${a.key}=${a.value}@${String(a.syncCount)} of writer ${String(i)}: ${JSON.stringify(r ?? null)}`,
            );
        }
        revived.sync.destroy();
      }
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(missing).toStrictEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
