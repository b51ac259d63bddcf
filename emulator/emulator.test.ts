/**
 * The emulator as the real AWS SDK v3 clients see it over HTTP: identities and credentials, a sync through the
 * trigger (the model's semantics), conflicts, the developer bypass, Lambda Invoke, every fault, the deviant mode
 * and persistence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ListDatasetsCommand,
  ListRecordsCommand,
  SetCognitoEventsCommand,
  UpdateRecordsCommand,
  type RecordPatch,
} from '@aws-sdk/client-cognito-sync';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
const developer = { accessKeyId: 'AKIDEXAMPLEDEVELOPER', secretAccessKey: 'developer-secret' };
const tmp = mkdtempSync(join(tmpdir(), 'csc-emulator-'));

const FUNCTIONS: EmulatorOptions['functions'] = {
  echo: { handler: fixture('good-echo-context-done.cjs') },
  sample: { handler: join(root, 'examples/sample-handler.mjs') },
  rebuild: { handler: fixture('bad-rebuild-records.mjs') },
  throws: { handler: fixture('bad-null-entry-unguarded.cjs') },
  invalid: { handler: fixture('bad-reply-string.mjs') },
};

interface Device {
  sync: CognitoSyncClient;
  identityId: string;
  accessKeyId: string;
}

/** A pool with its trigger, and helpers to act as a device of a fresh identity. */
async function setUp(aws: RunningEmulator, fn: string | undefined) {
  const config = { endpoint: aws.url, region: aws.region, maxAttempts: 1 };
  const identity = new CognitoIdentityClient({ ...config, credentials: developer });
  const { IdentityPoolId: poolId = '' } = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: 'conformance', AllowUnauthenticatedIdentities: true }),
  );
  const admin = new CognitoSyncClient({ ...config, credentials: developer });
  if (fn)
    await admin.send(
      new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: aws.functionArn(fn) } }),
    );
  const device = async (): Promise<Device> => {
    const { IdentityId: identityId = '' } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
    const { Credentials: c } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
    const credentials = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    return {
      sync: new CognitoSyncClient({ ...config, credentials }),
      identityId,
      accessKeyId: credentials.accessKeyId,
    };
  };
  const list = (d: { sync: CognitoSyncClient; identityId: string }, name: string, lastSyncCount = 0) =>
    d.sync.send(
      new ListRecordsCommand({
        IdentityPoolId: poolId,
        IdentityId: d.identityId,
        DatasetName: name,
        LastSyncCount: lastSyncCount,
      }),
    );
  const update = async (d: { sync: CognitoSyncClient; identityId: string }, name: string, patches: RecordPatch[]) => {
    const { SyncSessionToken } = await list(d, name);
    return d.sync.send(
      new UpdateRecordsCommand({
        IdentityPoolId: poolId,
        IdentityId: d.identityId,
        DatasetName: name,
        SyncSessionToken,
        RecordPatches: patches,
      }),
    );
  };
  const values = async (d: Device, name: string): Promise<Record<string, string>> => {
    const { Records = [] } = await list(d, name);
    return Object.fromEntries(Records.filter((r) => r.Value !== undefined).map((r) => [r.Key ?? '', r.Value ?? '']));
  };
  return { poolId, admin, device, list, update, values, config };
}

const errorName = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => (e as { name: string }).name,
  );

let aws: RunningEmulator;

beforeAll(async () => {
  aws = await startEmulator({ port: 0, functions: FUNCTIONS });
});

afterAll(async () => {
  await aws.close();
  rmSync(tmp, { recursive: true, force: true });
});

afterEach(() => {
  aws.setFaults({});
});

describe('the emulator', () => {
  it('gives fresh unauthenticated identities temporary credentials it recognises', async () => {
    const s = await setUp(aws, 'echo');
    const a = await s.device();
    const b = await s.device();
    expect(a.identityId).not.toBe(b.identityId);
    expect(a.accessKeyId).toMatch(/^ASIA/);
    // One identity's credentials cannot touch another identity's data.
    expect(await errorName(s.list({ sync: a.sync, identityId: b.identityId }, 'game'))).toBe('NotAuthorizedException');
  });

  it('syncs through the trigger with the model’s semantics: rewrite, remove, add, SyncCount', async () => {
    const s = await setUp(aws, 'sample');
    const d = await s.device();
    const first = await s.update(d, 'game', [
      { Op: 'replace', Key: 'SampleKey1', Value: 'user', SyncCount: 0 },
      { Op: 'replace', Key: 'SampleKey2', Value: 'user', SyncCount: 0 },
      { Op: 'replace', Key: 'level', Value: '3', SyncCount: 0 },
    ]);
    // The sample rewrites SampleKey1, removes SampleKey2 and adds SampleKey3; every written record gets SyncCount 1.
    expect(await s.values(d, 'game')).toStrictEqual({
      SampleKey1: 'ModifyValue1',
      SampleKey3: 'ModifyValue3',
      level: '3',
    });
    expect(new Set(first.Records?.map((r) => r.SyncCount))).toStrictEqual(new Set([1]));
    const listed = await s.list(d, 'game');
    expect(listed.DatasetSyncCount).toBe(1);
    expect(listed.Records?.find((r) => r.Key === 'SampleKey2')?.Value).toBeUndefined(); // a tombstone
    expect(aws.stats().triggerInvocations).toBeGreaterThan(0);
    const described = await d.sync.send(
      new DescribeDatasetCommand({ IdentityPoolId: s.poolId, IdentityId: d.identityId, DatasetName: 'game' }),
    );
    expect(described.Dataset?.NumRecords).toBe(3);
    expect(described.Dataset?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('rejects a stale SyncCount with 409 and the real message, and writes nothing', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(d, 'game', [{ Op: 'replace', Key: 'score', Value: '1', SyncCount: 0 }]);
    const e = await s
      .update(d, 'game', [{ Op: 'replace', Key: 'score', Value: '2', SyncCount: 0 }])
      .catch((x: unknown) => x as Error);
    expect((e as Error).name).toBe('ResourceConflictException');
    expect((e as Error).message).toBe('Current SyncCount for: score is: 1 not: 0');
    expect(await s.values(d, 'game')).toStrictEqual({ score: '1' });
  });

  it('skips the trigger for developer credentials', async () => {
    const s = await setUp(aws, 'rebuild');
    const d = await s.device();
    const before = aws.stats().triggerInvocations;
    await s.update({ sync: s.admin, identityId: d.identityId }, 'game', [
      { Op: 'replace', Key: 'kept', Value: 'v', SyncCount: 0 },
    ]);
    expect(aws.stats().triggerInvocations).toBe(before);
    expect(await s.values(d, 'game')).toStrictEqual({ kept: 'v' });
  });

  it('answers invalid handler output with InvalidLambdaFunctionOutputException, and writes nothing', async () => {
    const s = await setUp(aws, 'invalid');
    const d = await s.device();
    expect(await errorName(s.update(d, 'game', [{ Op: 'replace', Key: 'b', Value: 'v', SyncCount: 0 }]))).toBe(
      'InvalidLambdaFunctionOutputException',
    );
    expect(await s.values(d, 'game')).toStrictEqual({});
  });

  it('injects faults: throttled trigger, late trigger, Lambda 429, dropped connection', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const patch: RecordPatch[] = [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }];
    aws.setFaults({ throttleTrigger: 1 });
    expect(await errorName(s.update(d, 'game', patch))).toBe('LambdaThrottledException');
    aws.setFaults({ delayTriggerMs: 6000, delayTriggerCount: 1 });
    expect(await errorName(s.update(d, 'game', patch))).toBe('LambdaSocketTimeoutException');
    expect(await s.values(d, 'game')).toStrictEqual({});
    const lambda = new LambdaClient({ ...s.config, credentials: developer });
    aws.setFaults({ lambdaTooManyRequests: 1 });
    expect(
      await errorName(
        lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{}') })),
      ),
    ).toBe('TooManyRequestsException');
    aws.setFaults({ dropConnections: 1 });
    expect(await errorName(s.list(d, 'game'))).not.toBe('no error');
    // Faults are counted: the next call goes through.
    await s.update(d, 'game', patch);
    expect(await s.values(d, 'game')).toStrictEqual({ k: 'v' });
  });

  it('invokes functions: RequestResponse with the log tail, FunctionError, DryRun, Event, unknown function', async () => {
    const lambda = new LambdaClient({ endpoint: aws.url, region: aws.region, credentials: developer, maxAttempts: 1 });
    const event = {
      version: 2,
      eventType: 'SyncTrigger',
      region: 'us-east-1',
      identityPoolId: 'p',
      identityId: 'i',
      datasetName: 'd',
      datasetRecords: { a: null },
    };
    const ok = await lambda.send(
      new InvokeCommand({
        FunctionName: aws.functionArn('echo'),
        LogType: 'Tail',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    expect(ok.FunctionError).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(ok.Payload))).toStrictEqual(event);
    const failed = await lambda.send(
      new InvokeCommand({ FunctionName: 'throws', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    );
    expect(failed.FunctionError).toBe('Unhandled');
    expect((JSON.parse(new TextDecoder().decode(failed.Payload)) as { errorType: string }).errorType).toBe('TypeError');
    expect((await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }))).StatusCode).toBe(
      204,
    );
    expect(
      (
        await lambda.send(
          new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }),
        )
      ).StatusCode,
    ).toBe(202);
    expect(await errorName(lambda.send(new InvokeCommand({ FunctionName: 'nope' })))).toBe('ResourceNotFoundException');
  });

  it('deviant mode: the service removes omitted records, which the model says are ignored', async () => {
    const deviant = await startEmulator({ port: 0, functions: FUNCTIONS, deviant: { omittedRecords: 'removed' } });
    try {
      for (const [server, expected] of [
        [aws, { kept: 'v', score: 'x' }],
        [deviant, { score: 'x' }],
      ] as const) {
        const s = await setUp(server, 'rebuild');
        const d = await s.device();
        await s.update({ sync: s.admin, identityId: d.identityId }, 'game', [
          { Op: 'replace', Key: 'kept', Value: 'v', SyncCount: 0 },
        ]);
        // bad-rebuild-records replies with only the record "score": "kept" is omitted from its reply.
        await s.update(d, 'game', [{ Op: 'replace', Key: 'score', Value: 'x', SyncCount: 0 }]);
        expect(await s.values(d, 'game')).toStrictEqual(expected);
      }
    } finally {
      await deviant.close();
    }
  });

  it('keeps its state in a file across restarts, and deletes datasets', async () => {
    const statePath = join(tmp, 'state.json');
    const first = await startEmulator({ port: 0, functions: FUNCTIONS, statePath });
    const s = await setUp(first, 'echo');
    const d = await s.device();
    await s.update(d, 'game', [{ Op: 'replace', Key: 'saved', Value: 'yes', SyncCount: 0 }]);
    await first.close();
    const second = await startEmulator({ port: 0, functions: FUNCTIONS, statePath });
    try {
      const admin = new CognitoSyncClient({
        endpoint: second.url,
        region: second.region,
        credentials: developer,
        maxAttempts: 1,
      });
      const datasets = await admin.send(
        new ListDatasetsCommand({ IdentityPoolId: s.poolId, IdentityId: d.identityId }),
      );
      expect(datasets.Datasets?.map((x) => x.DatasetName)).toStrictEqual(['game']);
      await admin.send(
        new DeleteDatasetCommand({ IdentityPoolId: s.poolId, IdentityId: d.identityId, DatasetName: 'game' }),
      );
      expect(
        (await admin.send(new ListDatasetsCommand({ IdentityPoolId: s.poolId, IdentityId: d.identityId }))).Count,
      ).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('answers an unknown route with a clean AWS error, and a taken port with a clear message', async () => {
    const res = await fetch(`${aws.url}/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await res.json()) as { message: string }).message).toMatch(/no operation/);
    await expect(startEmulator({ port: aws.port })).rejects.toMatchObject({ code: 'E_USAGE', message: /in use/ });
  });
});
