/**
 * Datasets and pools through the real client: list, describe, delete (and a device learning of it), the limit of
 * 20 datasets per identity, the pool's Sync Trigger in its CognitoEvents, and signed requests only.
 */
import {
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  DescribeIdentityUsageCommand,
  GetCognitoEventsCommand,
  ListDatasetsCommand,
  SetCognitoEventsCommand,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { errorName, failure, fixture, put, setUp } from './testkit.test-helpers.ts';

let aws: RunningEmulator;
const log: string[] = [];

beforeAll(async () => {
  aws = await startEmulator({
    port: 0,
    functions: { echo: { handler: fixture('good-echo-context-done.cjs') } },
    log: (line) => log.push(line),
  });
});

afterAll(async () => {
  await aws.close();
});

describe('datasets and pools', () => {
  it('lists, describes and deletes datasets; a device learns of the deletion', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(d, 'one', [put('k', 'v')]);
    await s.update(d, 'two', [put('k', 'vv')]);
    const ids = { IdentityPoolId: s.poolId, IdentityId: d.identityId };
    const listed = await d.sync.send(new ListDatasetsCommand(ids));
    expect(listed.Datasets?.map((x) => [x.DatasetName, x.NumRecords, x.DataStorage])).toStrictEqual([
      ['one', 1, 2],
      ['two', 1, 3],
    ]);
    const usage = await d.sync.send(new DescribeIdentityUsageCommand(ids));
    expect(usage.IdentityUsage).toMatchObject({ DatasetCount: 2, DataStorage: 5 });
    await d.sync.send(new DeleteDatasetCommand(s.at(d, 'one')));
    expect(await errorName(d.sync.send(new DescribeDatasetCommand(s.at(d, 'one'))))).toBe('ResourceNotFoundException');
    expect(await errorName(d.sync.send(new DeleteDatasetCommand(s.at(d, 'one'))))).toBe('ResourceNotFoundException');
    const after = await s.list(d, 'one', 1);
    expect(after).toMatchObject({ DatasetExists: false, DatasetDeletedAfterRequestedSyncCount: true, Count: 0 });
    expect((await d.sync.send(new ListDatasetsCommand(ids))).Count).toBe(1);
  });

  it('limits an identity to 20 datasets', async () => {
    const s = await setUp(aws, undefined);
    const d = await s.device();
    for (let i = 0; i < 20; i++) await s.update(d, `ds${String(i)}`, [put('k', 'v')]);
    const e = await failure(s.update(d, 'ds20', [put('k', 'v')]));
    expect(e).toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
    await s.update(d, 'ds3', [put('k', 'w', 1)]); // an existing dataset still takes updates
  });

  it('keeps the pool’s Sync Trigger in its CognitoEvents, and checks the ARN', async () => {
    const s = await setUp(aws, 'echo');
    const events = await s.admin.send(new GetCognitoEventsCommand({ IdentityPoolId: s.poolId }));
    expect(events.Events).toStrictEqual({ SyncTrigger: `arn:aws:lambda:us-east-1:123456789012:function:echo` });
    const set = (arn: string) =>
      s.admin.send(new SetCognitoEventsCommand({ IdentityPoolId: s.poolId, Events: { SyncTrigger: arn } }));
    expect(await errorName(set('echo'))).toBe('InvalidParameterException');
    expect(await errorName(set('arn:aws:lambda:eu-west-1:123456789012:function:echo'))).toBe(
      'InvalidParameterException',
    );
    // An ARN of a function the emulator does not have: accepted, and every triggered update fails.
    await set('arn:aws:lambda:us-east-1:123456789012:function:missing');
    const d = await s.device();
    expect(await errorName(s.update(d, 'game', [put('k', 'v')]))).toBe('InvalidLambdaFunctionOutputException');
    expect(log.some((l) => l.includes('function:missing is not a registered function'))).toBe(true);
    await set(''); // an empty value removes the trigger
    expect((await s.admin.send(new GetCognitoEventsCommand({ IdentityPoolId: s.poolId }))).Events).toStrictEqual({});
    await s.update(d, 'game', [put('k', 'v')]);
  });

  it('refuses an unsigned request, as AWS does', async () => {
    const res = await fetch(`${aws.url}/identitypools`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await res.json()).toMatchObject({ message: 'Missing Authentication Token' });
  });
});
