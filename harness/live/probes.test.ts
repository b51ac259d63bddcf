/**
 * Probes against the emulator, whose service is the model under readings we choose: the probes must report exactly
 * the readings the service was started with — the defaults, and then a set of non-default ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient, SetCognitoEventsCommand } from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.ts';
import { DEFAULT_READINGS, type Readings } from '../../model/index.ts';
import { loadReadingsFile, runProbes, UNPROBED } from './probes.ts';

const probeTrigger = fileURLToPath(new URL('../../live/probe-trigger.mjs', import.meta.url));
const saved = { ...process.env };
const tmp = mkdtempSync(join(tmpdir(), 'csc-probes-'));

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDPROBE';
  process.env.AWS_SECRET_ACCESS_KEY = 'probe-secret';
});

afterAll(() => {
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

async function probeService(readings: Partial<Readings>) {
  const aws = await startEmulator({ port: 0, functions: { probe: { handler: probeTrigger } }, readings });
  try {
    const config = {
      endpoint: aws.url,
      region: aws.region,
      credentials: { accessKeyId: 'AKIDSETUP', secretAccessKey: 'x' },
    };
    const { IdentityPoolId = '' } = await new CognitoIdentityClient(config).send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'probes', AllowUnauthenticatedIdentities: true }),
    );
    await new CognitoSyncClient(config).send(
      new SetCognitoEventsCommand({ IdentityPoolId, Events: { SyncTrigger: aws.functionArn('probe') } }),
    );
    const file = await runProbes({ identityPoolId: IdentityPoolId, endpoint: aws.url, region: aws.region });
    expect(aws.stats().datasets).toBe(0);
    return file;
  } finally {
    await aws.close();
  }
}

describe('probes of the undocumented points', () => {
  it('report the readings of a service that follows the defaults, and name what they cannot settle', async () => {
    const file = await probeService({});
    const probed = Object.keys(file.readings);
    expect(probed.length).toBeGreaterThanOrEqual(13);
    for (const p of probed) expect(file.readings[p], p).toBe(DEFAULT_READINGS[p as keyof Readings]);
    expect(Object.keys(file.unprobed).sort()).toStrictEqual(Object.keys(UNPROBED).sort());
  }, 60_000);

  it('report non-default readings when the service applies them, and the file loads back for run', async () => {
    const chosen: Partial<Readings> = {
      'event.untouchedRecord': 'op-absent',
      'event.newRecordOldValue': 'empty-string',
      'event.removedRecordNewValue': 'absent',
      'event.untouchedTombstone': 'null-entry',
      'service.emptyPatches': 'skipped',
      'reply.invalidOp': 'replace',
      'reply.replaceWithoutValue': 'remove',
      'reply.nullEntry': 'ignored',
      'reply.nonStringValue': 'coerced',
      'reply.extraTopLevelField': 'invalid',
      'reply.datasetRecordsMissing': 'no-change',
      'reply.replaceSameValue': 'no-op',
    };
    const file = await probeService(chosen);
    for (const [point, reading] of Object.entries(chosen)) expect(file.readings[point], point).toBe(reading);
    const path = join(tmp, 'readings.json');
    writeFileSync(path, JSON.stringify(file));
    expect(loadReadingsFile(path)).toMatchObject(chosen);
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ ...file, readings: { 'reply.nullEntry': 'maybe' } }));
    expect(() => loadReadingsFile(join(tmp, 'bad.json'))).toThrow(/bad\.json.*maybe/);
  }, 60_000);
});
