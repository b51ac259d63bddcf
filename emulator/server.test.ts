/**
 * The server itself: anything unknown or malformed gets a clean AWS-style error, bad options a clear harness error,
 * the log holds no secret, and close really closes.
 */
import { CognitoSyncClient, BulkPublishCommand } from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { developer, failure, fixture, put, setUp } from './testkit.test-helpers.ts';

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

/** Sends a raw request; returns the status, the error type header, the content type and the parsed body. */
async function raw(path: string, init: RequestInit = {}) {
  const res = await fetch(`${aws.url}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    contentType: res.headers.get('content-type'),
    body: JSON.parse(text) as { __type?: string; message?: string },
  };
}

const signed = {
  authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-sync/aws4_request',
};

describe('the server', () => {
  it('answers unknown routes, targets and methods with AWS errors in both protocols', async () => {
    const route = await raw('/nothing/here');
    expect(route).toMatchObject({ status: 404, type: 'UnknownOperationException', contentType: 'application/json' });
    expect(route.body).toMatchObject({
      __type: 'UnknownOperationException',
      message: /No operation at \/nothing\/here/,
    });
    const target = await raw('/', {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(target).toMatchObject({ status: 404, body: { __type: 'UnknownOperationException' } });
    const method = await raw('/identitypools/us-east-1:0000/identities/us-east-1:1111/datasets/game', {
      method: 'PUT',
      headers: signed,
    });
    expect(method).toMatchObject({ status: 404, body: { message: /No operation for PUT/ } });
  });

  it('answers malformed requests with 400s, not crashes', async () => {
    const body = await raw('/', {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSCognitoIdentityService.CreateIdentityPool' },
      body: 'not json',
    });
    expect(body).toMatchObject({
      status: 400,
      type: 'SerializationException',
      contentType: 'application/x-amz-json-1.1',
      body: { __type: 'SerializationException' },
    });
    const encoding = await raw('/identitypools/us-east-1%3A%E0%A4%A/events', { headers: signed });
    expect(encoding).toMatchObject({ status: 400, type: 'InvalidParameterException' });
    const id = await raw('/identitypools/not-an-id/events', { headers: signed });
    expect(id).toMatchObject({ status: 400, type: 'InvalidParameterException' });
    const missingPool = await raw('/identitypools/us-east-1:0000', { headers: signed });
    expect(missingPool).toMatchObject({ status: 404, type: 'ResourceNotFoundException' });
    // Still serving.
    expect((await raw('/nothing')).status).toBe(404);
  });

  it('names a Cognito Sync operation it does not emulate', async () => {
    const sync = new CognitoSyncClient({
      endpoint: aws.url,
      region: aws.region,
      credentials: developer,
      maxAttempts: 1,
    });
    try {
      const e = await failure(sync.send(new BulkPublishCommand({ IdentityPoolId: 'us-east-1:0000' })));
      expect(e).toMatchObject({ name: 'UnknownOperationException', message: /BulkPublish is not emulated/ });
    } finally {
      sync.destroy();
    }
  });

  it('logs operations and outcomes, never credentials, session tokens or signatures', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(d, 'game', [put('k', 'v')]);
    const { SyncSessionToken } = await s.list(d, 'game');
    await failure(s.update(d, 'game', [put('k', 'v', 0)]));
    const text = log.join('\n');
    expect(text).toMatch(/cognito-sync:UpdateRecords → 200/);
    expect(text).toMatch(/trigger echo: replied in/);
    expect(text).toMatch(
      /cognito-sync:UpdateRecords → 409 ResourceConflictException: Current SyncCount for: k is: 1 not: 0/,
    );
    for (const secret of [
      d.accessKeyId,
      d.credentials.secretAccessKey,
      d.credentials.sessionToken ?? '-',
      SyncSessionToken ?? '-',
      developer.accessKeyId,
      'Signature=',
    ])
      expect(text).not.toContain(secret);
  });

  it('refuses bad options with a clear harness error', async () => {
    await expect(startEmulator({ port: aws.port })).rejects.toMatchObject({ code: 'E_PORT', message: /is in use/ });
    await expect(
      startEmulator({ port: 0, functions: { f: { handler: './no/such/handler.js' } } }),
    ).rejects.toMatchObject({ code: 'E_HANDLER_LOAD' });
    await expect(
      startEmulator({ port: 0, functions: { 'bad name': { handler: fixture('good-echo-context-done.cjs') } } }),
    ).rejects.toMatchObject({ code: 'E_OPTION', message: /function name/ });
    await expect(
      startEmulator({
        port: 0,
        functions: { f: { handler: fixture('good-echo-context-done.cjs'), runtime: 'nodejs8.10' as 'nodejs22.x' } },
      }),
    ).rejects.toMatchObject({ code: 'E_OPTION', message: /unknown runtime/ });
    await expect(startEmulator({ port: 0, region: 'moon' })).rejects.toMatchObject({ code: 'E_OPTION' });
  });

  it('closes for good: open connections end, a second close is harmless', async () => {
    const other = await startEmulator({ port: 0 });
    const keepAlive = await fetch(`${other.url}/x`, { headers: { connection: 'keep-alive' } });
    expect(keepAlive.status).toBe(404);
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/x`)).rejects.toThrow();
  });
});
