/**
 * Datasets across the life of identities, through the real v3 clients: deleted and made again (a device that synced
 * before is told so and recovers, instead of a 400 on every retry), developer-authenticated identities merged
 * (MergeDeveloperIdentities, and a login linked to an identity while another holds it) with `MergedDatasetNames`, and
 * push-sync devices and subscriptions.
 */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  ListRecordsCommand,
  RegisterDeviceCommand,
  SetIdentityPoolConfigurationCommand,
  SubscribeToDatasetCommand,
  UnsubscribeFromDatasetCommand,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { clientConfig, developer, failure, fixture, poolKit, put, setUp, type Device } from './testkit.test-helpers.ts';

let aws: RunningEmulator;
let ids: CognitoIdentityClient;

beforeAll(async () => {
  aws = await startEmulator({ port: 0, functions: { echo: { handler: fixture('good-echo-context-done.cjs') } } });
  ids = new CognitoIdentityClient({ ...clientConfig(aws), credentials: developer });
});

afterAll(async () => {
  ids.destroy();
  await aws.close();
});

describe('a dataset deleted and made again', () => {
  it('tells a device whose SyncCount predates the deletion, which then syncs again from 0', async () => {
    const s = await setUp(aws, 'echo');
    const phone = await s.device();
    await s.update(phone, 'game', [put('a', '1'), put('b', '2')]);
    await s.update(phone, 'game', [put('a', '3', 1)]);
    const known = (await s.list(phone, 'game')).DatasetSyncCount ?? 0;
    expect(known).toBe(2);
    // Another device (the same identity) deletes the dataset and writes it again.
    await phone.sync.send(new DeleteDatasetCommand(s.at(phone, 'game')));
    await s.update(phone, 'game', [put('fresh', 'x')]);
    const stale = await phone.sync.send(new ListRecordsCommand({ ...s.at(phone, 'game'), LastSyncCount: known }));
    expect(stale).toMatchObject({ DatasetDeletedAfterRequestedSyncCount: true, DatasetExists: true, Records: [] });
    // What the AWS clients do next: drop the local copy, list from 0, and carry on.
    const again = await s.list(phone, 'game', 0);
    expect(again.DatasetDeletedAfterRequestedSyncCount).toBe(false);
    expect(again.Records?.map((r) => [r.Key, r.Value])).toStrictEqual([['fresh', 'x']]);
    const now = again.DatasetSyncCount ?? 0;
    expect(now).toBeGreaterThan(known); // SyncCounts go on across the deletion
    const next = await s.list(phone, 'game', now);
    expect(next).toMatchObject({ DatasetDeletedAfterRequestedSyncCount: false, Records: [] });
    const { SyncSessionToken } = next;
    expect(SyncSessionToken).toBeDefined();
    // A count the dataset never reached is still refused, as the service does.
    expect(await failure(s.list(phone, 'game', now + 5))).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('tells a device of the deletion while the dataset is gone, and not a device that never synced it', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(d, 'gone', [put('k', 'v')]);
    await d.sync.send(new DeleteDatasetCommand(s.at(d, 'gone')));
    expect(await s.list(d, 'gone', 1)).toMatchObject({
      DatasetDeletedAfterRequestedSyncCount: true,
      DatasetExists: false,
    });
    expect(await s.list(d, 'gone', 0)).toMatchObject({ DatasetDeletedAfterRequestedSyncCount: false });
  });
});

/** A pool of developer-authenticated identities, and a device acting for one of them. */
async function developerPool(name: string) {
  const made = await ids.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: name,
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: 'login.example',
    }),
  );
  const poolId = made.IdentityPoolId ?? '';
  const kit = poolKit(aws, poolId);
  const user = async (u: string, IdentityId?: string, extra: Record<string, string> = {}) =>
    (
      await ids.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          ...(IdentityId ? { IdentityId } : {}),
          Logins: { 'login.example': u, ...extra },
        }),
      )
    ).IdentityId ?? '';
  const deviceOf = async (identityId: string): Promise<Device> => {
    const { Credentials: c } = await ids.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
    const credentials = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    const sync = new CognitoSyncClient({ ...clientConfig(aws), credentials });
    return { sync, identityId, accessKeyId: credentials.accessKeyId, credentials };
  };
  return { poolId, kit, user, deviceOf };
}

describe('merged identities', () => {
  it('MergeDeveloperIdentities moves the source datasets under the destination and ListRecords names them', async () => {
    const p = await developerPool('merging');
    const a = await p.user('ann');
    expect(await p.user('ann')).toBe(a); // the same developer user, the same identity
    const b = await p.user('bob');
    const ann = await p.deviceOf(a);
    const bob = await p.deviceOf(b);
    await p.kit.update(ann, 'game', [put('level', '3')]);
    await p.kit.update(bob, 'game', [put('level', '7')]);
    const merged = await ids.send(
      new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: p.poolId,
        DeveloperProviderName: 'login.example',
        SourceUserIdentifier: 'ann',
        DestinationUserIdentifier: 'bob',
      }),
    );
    expect(merged.IdentityId).toBe(b);
    expect(await p.user('ann')).toBe(b); // ann's login now stands for bob's identity
    const listed = await p.kit.list(bob, 'game');
    const name = `game.${a}`;
    expect(listed.MergedDatasetNames).toStrictEqual([name]);
    expect(await p.kit.values(bob, name)).toStrictEqual({ level: '3' });
    // What onDatasetsMerged does: fold the merged dataset in, delete it; the merge is then no longer reported.
    await bob.sync.send(new DeleteDatasetCommand(p.kit.at(bob, name)));
    expect((await p.kit.list(bob, 'game')).MergedDatasetNames).toBeUndefined();
    expect(await failure(p.kit.list(ann, 'game'))).toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('merges an identity into the one that holds a login linked to it, and refuses a developer user held elsewhere', async () => {
    const p = await developerPool('linking');
    const holder = await p.user('carl', undefined, { 'graph.example.com': 'carl-social' });
    const { IdentityId: guest = '' } = await ids.send(new GetIdCommand({ IdentityPoolId: p.poolId }));
    const guestDevice = await p.deviceOf(guest);
    await p.kit.update(guestDevice, 'prefs', [put('theme', 'dark')]);
    // The guest signs in with carl's social login: the guest's identity is merged into carl's.
    const linked = await p.user('dora', guest, { 'graph.example.com': 'carl-social' });
    expect(linked).toBe(holder);
    const carl = await p.deviceOf(holder);
    expect((await p.kit.list(carl, 'prefs')).MergedDatasetNames).toStrictEqual([`prefs.${guest}`]);
    const other = (await ids.send(new GetIdCommand({ IdentityPoolId: p.poolId }))).IdentityId ?? '';
    expect(await failure(p.user('carl', other))).toMatchObject({ name: 'DeveloperUserAlreadyRegisteredException' });
    // Developer credentials only.
    const asIdentity = new CognitoIdentityClient({ ...clientConfig(aws), credentials: carl.credentials });
    try {
      expect(
        await failure(
          asIdentity.send(
            new GetOpenIdTokenForDeveloperIdentityCommand({
              IdentityPoolId: p.poolId,
              Logins: { 'login.example': 'x' },
            }),
          ),
        ),
      ).toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      asIdentity.destroy();
    }
  });
});

describe('push sync', () => {
  it('records devices and subscriptions of identities once the pool is configured, and refuses developers', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const register = new RegisterDeviceCommand({
      IdentityPoolId: s.poolId,
      IdentityId: d.identityId,
      Platform: 'GCM',
      Token: 'push-token',
    });
    expect(await failure(d.sync.send(register))).toMatchObject({ name: 'InvalidConfigurationException' });
    await s.admin.send(
      new SetIdentityPoolConfigurationCommand({
        IdentityPoolId: s.poolId,
        PushSync: {
          ApplicationArns: ['arn:aws:sns:us-east-1:123456789012:app/GCM/game'],
          RoleArn: 'arn:aws:iam::123456789012:role/push',
        },
      }),
    );
    expect(await failure(s.admin.send(register))).toMatchObject({ name: 'NotAuthorizedException' });
    const { DeviceId = '' } = await d.sync.send(register);
    expect(DeviceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await d.sync.send(register)).DeviceId).toBe(DeviceId);
    const at = { ...s.at(d, 'game'), DeviceId };
    const before = aws.stats().subscriptions;
    await d.sync.send(new SubscribeToDatasetCommand(at));
    expect(aws.stats().subscriptions).toBe(before + 1);
    await d.sync.send(new UnsubscribeFromDatasetCommand(at));
    expect(aws.stats().subscriptions).toBe(before);
    expect(await failure(d.sync.send(new SubscribeToDatasetCommand({ ...at, DeviceId: 'nope' })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
