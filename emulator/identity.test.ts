/** Cognito Identity through the real client: pools, unauthenticated identities, credentials the emulator knows. */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DescribeDatasetCommand,
  GetCognitoEventsCommand,
  ListDatasetsCommand,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { clientConfig, developer, errorName, failure, fixture, put, setUp } from './testkit.test-helpers.ts';

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

describe('Cognito Identity', () => {
  it('creates, describes, lists and deletes identity pools', async () => {
    const made = await ids.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'listed', AllowUnauthenticatedIdentities: false }),
    );
    expect(made.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const described = await ids.send(new DescribeIdentityPoolCommand({ IdentityPoolId: made.IdentityPoolId }));
    expect(described).toMatchObject({ IdentityPoolName: 'listed', AllowUnauthenticatedIdentities: false });
    for (let i = 0; i < 2; i++)
      await ids.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: `p${String(i)}`, AllowUnauthenticatedIdentities: true }),
      );
    const first = await ids.send(new ListIdentityPoolsCommand({ MaxResults: 2 }));
    expect(first.IdentityPools).toHaveLength(2);
    const rest = await ids.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken: first.NextToken }));
    const names = [...(first.IdentityPools ?? []), ...(rest.IdentityPools ?? [])].map((p) => p.IdentityPoolName);
    expect(names).toEqual(expect.arrayContaining(['listed', 'p0', 'p1']));
    await ids.send(new DeleteIdentityPoolCommand({ IdentityPoolId: made.IdentityPoolId }));
    expect(await errorName(ids.send(new DescribeIdentityPoolCommand({ IdentityPoolId: made.IdentityPoolId })))).toBe(
      'ResourceNotFoundException',
    );
  });

  it('refuses unauthenticated identities where the pool does not allow them', async () => {
    const { IdentityPoolId } = await ids.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'closed', AllowUnauthenticatedIdentities: false }),
    );
    const e = await failure(ids.send(new GetIdCommand({ IdentityPoolId })));
    expect(e).toMatchObject({ name: 'NotAuthorizedException', $metadata: { httpStatusCode: 403 } });
  });

  it('gives fresh identities temporary credentials it recognises as theirs, and only theirs', async () => {
    const s = await setUp(aws, 'echo');
    const a = await s.device();
    const b = await s.device();
    expect(a.identityId).not.toBe(b.identityId);
    expect(a.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const creds = await ids.send(new GetCredentialsForIdentityCommand({ IdentityId: a.identityId }));
    expect(creds.Credentials?.Expiration).toBeInstanceOf(Date);
    const ttl = (creds.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    // Recognised: the trigger fires for a's own credentials, and they cannot touch b's data.
    const before = aws.stats().triggerInvocations;
    await s.update(a, 'game', [put('k', 'v')]);
    expect(aws.stats().triggerInvocations).toBe(before + 1);
    expect(await errorName(s.list({ ...a, identityId: b.identityId }, 'game'))).toBe('NotAuthorizedException');
    expect(
      await errorName(a.sync.send(new ListDatasetsCommand({ IdentityPoolId: s.poolId, IdentityId: b.identityId }))),
    ).toBe('NotAuthorizedException');
    expect(await errorName(ids.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:0000' })))).toBe(
      'ResourceNotFoundException',
    );
  });

  it('deletes identities with their credentials and datasets', async () => {
    const s = await setUp(aws, undefined);
    const d = await s.device();
    await s.update(d, 'game', [put('k', 'v')]);
    const datasets = aws.stats().datasets;
    const out = await ids.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [d.identityId, 'us-east-1:0000'] }));
    expect(out.UnprocessedIdentityIds).toStrictEqual([{ IdentityId: 'us-east-1:0000', ErrorCode: 'IdentityNotFound' }]);
    expect(aws.stats().datasets).toBe(datasets - 1);
    // ListRecords lists no ResourceNotFoundException in the API model: an unknown identity has an empty dataset.
    expect(await s.list(s.asDeveloper(d), 'game')).toMatchObject({ DatasetExists: false, Records: [] });
    expect(await errorName(s.admin.send(new DescribeDatasetCommand(s.at(d, 'game'))))).toBe(
      'ResourceNotFoundException',
    );
    expect(await errorName(ids.send(new GetCredentialsForIdentityCommand({ IdentityId: d.identityId })))).toBe(
      'ResourceNotFoundException',
    );
  });

  it('answers an operation it does not emulate with a clean AWS error', async () => {
    const e = await failure(ids.send(new ListIdentitiesCommand({ IdentityPoolId: 'us-east-1:0000', MaxResults: 1 })));
    expect(e).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
    expect(e.message).toMatch(/ListIdentities is not emulated/);
  });
});

describe('pools ready at start', () => {
  it('makes each pool with its Sync Trigger, and refuses one whose trigger is not a function', async () => {
    const echo = { handler: fixture('good-echo-context-done.cjs') };
    const ready = await startEmulator({
      port: 0,
      functions: { echo },
      pools: [{ name: 'ready', syncTrigger: 'echo' }],
    });
    const sync = new CognitoSyncClient({ ...clientConfig(ready), credentials: developer });
    try {
      const id = ready.pools.ready ?? '';
      expect(id).toMatch(/^us-east-1:/);
      const events = await sync.send(new GetCognitoEventsCommand({ IdentityPoolId: id }));
      expect(events.Events).toStrictEqual({ SyncTrigger: ready.functionArn('echo') });
    } finally {
      sync.destroy();
      await ready.close();
    }
    const refused = startEmulator({ port: 0, functions: { echo }, pools: [{ name: 'p', syncTrigger: 'nope' }] });
    await expect(refused).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(refused).rejects.toThrow(/nope is not a registered function/);
  });
});
