/**
 * Who may call what, and what the answers hold, through the real v3 clients: developer-only pool operations refuse
 * an identity's credentials, each operation answers only the errors its API model lists, a developer's write is
 * recorded under the account, fields the API shows as null are null, and the list operations page.
 */
import {
  DescribeIdentityPoolUsageCommand,
  GetCognitoEventsCommand,
  GetIdentityPoolConfigurationCommand,
  ListDatasetsCommand,
  ListIdentityPoolUsageCommand,
  ListRecordsCommand,
  SetCognitoEventsCommand,
  SetIdentityPoolConfigurationCommand,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID } from './functions.ts';
import { startEmulator, type RunningEmulator } from './index.ts';
import { failure, fixture, put, setUp } from './testkit.test-helpers.ts';

let aws: RunningEmulator;

beforeAll(async () => {
  aws = await startEmulator({ port: 0, functions: { echo: { handler: fixture('good-echo-context-done.cjs') } } });
});

afterAll(async () => {
  await aws.close();
});

describe('who may call what', () => {
  it("refuses an identity's credentials for the pool operations, which take developer credentials only", async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const pool = { IdentityPoolId: s.poolId };
    const calls = [
      new GetCognitoEventsCommand(pool),
      new SetCognitoEventsCommand({ ...pool, Events: { SyncTrigger: '' } }),
      new DescribeIdentityPoolUsageCommand(pool),
      new ListIdentityPoolUsageCommand({}),
      new GetIdentityPoolConfigurationCommand(pool),
      new SetIdentityPoolConfigurationCommand({ ...pool, PushSync: { ApplicationArns: ['arn:aws:sns:x'] } }),
    ];
    for (const call of calls) {
      const e = await failure(d.sync.send(call as never));
      expect(e, call.constructor.name).toMatchObject({
        name: 'NotAuthorizedException',
        $metadata: { httpStatusCode: 403 },
        message: /developer credentials/,
      });
    }
    // The identity could not remove its pool's Sync Trigger: its updates still run it.
    const events = await s.admin.send(new GetCognitoEventsCommand(pool));
    expect(events.Events?.SyncTrigger).toBe(aws.functionArn('echo'));
    const before = aws.stats().triggerInvocations;
    await s.update(d, 'game', [put('k', 'v')]);
    expect(aws.stats().triggerInvocations).toBe(before + 1);
  });

  it('answers ListRecords and ListDatasets without ResourceNotFoundException, which their API model does not list', async () => {
    const s = await setUp(aws, undefined);
    const unknownPool = { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' };
    const stranger = { IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000001' };
    const onUnknownPool = await failure(
      s.admin.send(new ListRecordsCommand({ ...unknownPool, ...stranger, DatasetName: 'd' })),
    );
    expect(onUnknownPool).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(s.admin.send(new ListDatasetsCommand({ ...unknownPool, ...stranger })))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    // An identity the pool does not know has nothing, as a new one.
    const listed = await s.admin.send(new ListDatasetsCommand({ IdentityPoolId: s.poolId, ...stranger }));
    expect(listed).toMatchObject({ Datasets: [], Count: 0 });
    const records = await s.admin.send(
      new ListRecordsCommand({ IdentityPoolId: s.poolId, ...stranger, DatasetName: 'd' }),
    );
    expect(records).toMatchObject({ Records: [], DatasetExists: false, DatasetSyncCount: 0 });
  });
});

describe('what the answers hold', () => {
  it("records a developer's write under the account and an identity's under the identity", async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(s.asDeveloper(d), 'game', [put('seeded', '1')]);
    const first = await s.list(d, 'game');
    expect(first.LastModifiedBy).toBe(ACCOUNT_ID);
    expect(first.Records?.[0]?.LastModifiedBy).toBe(ACCOUNT_ID);
    await s.update(d, 'game', [put('mine', '2')]);
    const second = await s.list(d, 'game');
    expect(second.LastModifiedBy).toBe(d.identityId);
    expect(second.Records?.find((r) => r.Key === 'mine')?.LastModifiedBy).toBe(d.identityId);
  });

  it('sends null, not "" or [], where the API shows null: no modifier, no merged datasets, no next page', async () => {
    const s = await setUp(aws, undefined);
    const d = await s.device();
    const res = await fetch(
      `${aws.url}/identitypools/${encodeURIComponent(s.poolId)}/identities/${encodeURIComponent(d.identityId)}/datasets/none/records`,
      {
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${d.accessKeyId}/20300101/us-east-1/cognito-sync/aws4_request`,
        },
      },
    );
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      LastModifiedBy: null,
      MergedDatasetNames: null,
      NextToken: null,
      DatasetExists: false,
    });
    const listed = await s.list(d, 'none');
    expect(listed.LastModifiedBy).toBeUndefined();
    expect(listed.MergedDatasetNames).toBeUndefined();
  });

  it('pages ListDatasets and ListIdentityPoolUsage with MaxResults and NextToken', async () => {
    const s = await setUp(aws, undefined);
    const d = await s.device();
    for (const name of ['c', 'a', 'b']) await s.update(d, name, [put('k', name)]);
    const ids = { IdentityPoolId: s.poolId, IdentityId: d.identityId };
    const one = await d.sync.send(new ListDatasetsCommand({ ...ids, MaxResults: 2 }));
    expect(one.Datasets?.map((x) => x.DatasetName)).toStrictEqual(['a', 'b']);
    expect(one.Count).toBe(2);
    expect(one.NextToken).toBeDefined();
    const two = await d.sync.send(new ListDatasetsCommand({ ...ids, MaxResults: 2, NextToken: one.NextToken }));
    expect(two.Datasets?.map((x) => x.DatasetName)).toStrictEqual(['c']);
    expect(two.NextToken).toBeUndefined();
    const all: string[] = [];
    let token: string | undefined;
    do {
      const p = await s.admin.send(new ListIdentityPoolUsageCommand({ MaxResults: 1, NextToken: token }));
      expect(p.IdentityPoolUsages?.length).toBeLessThanOrEqual(1);
      all.push(...(p.IdentityPoolUsages ?? []).map((u) => u.IdentityPoolId ?? ''));
      token = p.NextToken;
    } while (token);
    expect(all).toContain(s.poolId);
    expect(new Set(all).size).toBe(all.length);
  });
});
