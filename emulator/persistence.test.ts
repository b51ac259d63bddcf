/** The state file: a stopped and restarted emulator serves the same pools, identities, credentials and datasets. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoSyncClient,
  GetCognitoEventsCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index.ts';
import { journalOf } from './persist.ts';
import { developer, errorName, fixture, put, setUp } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-emulator-state-'));
const functions = { echo: { handler: fixture('good-echo-context-done.cjs') } };

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the state file', () => {
  it('keeps pools, the trigger, identities, their credentials and datasets across a restart', async () => {
    const statePath = join(tmp, 'state.json');
    const first = await startEmulator({ port: 0, functions, statePath });
    const s = await setUp(first, 'echo');
    const d = await s.device();
    await s.update(d, 'game', [put('saved', 'yes')]);
    const { SyncSessionToken: oldToken } = await s.list(d, 'game');
    // In the journal before the answer: an acknowledged write survives a killed emulator (see durability.test.ts).
    expect(readFileSync(journalOf(statePath), 'utf8')).toContain('"saved"');
    await first.close();
    const text = readFileSync(statePath, 'utf8');
    // The file keeps the access key id (to recognise the identity) but never the secret or the session token.
    expect(text).toContain(d.accessKeyId);
    expect(text).not.toContain(d.credentials.secretAccessKey);
    expect(text).not.toContain(d.credentials.sessionToken ?? '-');
    // The temporary file was renamed into place, and the journal folded into the file.
    expect(readdirSync(tmp)).toStrictEqual(['state.json']);

    const second = await startEmulator({ port: 0, functions, statePath });
    const config = { endpoint: second.url, region: second.region, maxAttempts: 1 };
    const device = new CognitoSyncClient({ ...config, credentials: d.credentials });
    const admin = new CognitoSyncClient({ ...config, credentials: developer });
    try {
      const at = s.at(d, 'game');
      const events = await admin.send(new GetCognitoEventsCommand({ IdentityPoolId: s.poolId }));
      expect(events.Events?.SyncTrigger).toBe(second.functionArn('echo'));
      const listed = await device.send(new ListRecordsCommand(at));
      expect(listed.Records?.map((r) => [r.Key, r.Value, r.SyncCount])).toStrictEqual([['saved', 'yes', 1]]);
      // Sessions do not survive a restart; the device lists again, as after an expired session.
      const stale = new UpdateRecordsCommand({ ...at, SyncSessionToken: oldToken, RecordPatches: [put('x', '1')] });
      expect(await errorName(device.send(stale))).toBe('InvalidParameterException');
      // The old credentials still belong to the identity: its update fires the trigger.
      const patches = [put('saved', 'again', 1)];
      await device.send(
        new UpdateRecordsCommand({ ...at, SyncSessionToken: listed.SyncSessionToken, RecordPatches: patches }),
      );
      expect(second.stats().triggerInvocations).toBe(1);
    } finally {
      device.destroy();
      admin.destroy();
      await second.close();
    }
    expect(readFileSync(statePath, 'utf8')).toContain('"again"');
  });

  it('refuses a file that is not a state file, or a folder that does not exist, with a clear error', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{"version": 1, "pools": [');
    await expect(startEmulator({ port: 0, statePath: broken })).rejects.toMatchObject({
      code: 'E_STATE_FILE',
      message: /cannot read the emulator state .*broken\.json/,
    });
    const foreign = join(tmp, 'foreign.json');
    writeFileSync(foreign, '{"checks": []}');
    await expect(startEmulator({ port: 0, statePath: foreign })).rejects.toMatchObject({
      code: 'E_STATE_FILE',
      message: /not an emulator state file/,
    });
    const nowhere = join(tmp, 'no-such-folder', 'state.json');
    await expect(startEmulator({ port: 0, statePath: nowhere })).rejects.toMatchObject({
      code: 'E_STATE_FILE',
      message: /folder does not exist/,
    });
    expect(existsSync(nowhere)).toBe(false);
  });
});
