/**
 * Lambda through the real client: RequestResponse with the log tail, function errors, DryRun, Event, names and
 * ARNs, runtime profiles, modules that do not load, and requests Lambda refuses.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.ts';
import { clientConfig, developer, errorName, failure, fixture } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-emulator-lambda-'));
const marker = join(tmp, 'event-ran');
const handlers = {
  chatty: "exports.handler = async (e) => { console.log('hello from the handler'); return e; };\n",
  noisy: "exports.handler = async (e) => { for (let i = 0; i < 200; i++) console.log('x'.repeat(60)); return e; };\n",
  thrower: "exports.handler = async () => { throw new TypeError('database down'); };\n",
  writer: `exports.handler = async () => { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); return 1; };\n`,
  cold: 'exports.handler = async (e) => e;\n',
  broken: 'exports.handler = async (e) => { return e;\n',
};
let aws: RunningEmulator;
let lambda: LambdaClient;
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const dec = (b: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(b)) as unknown;

beforeAll(async () => {
  for (const [name, code] of Object.entries(handlers)) writeFileSync(join(tmp, `${name}.cjs`), code);
  const fn = (name: string) => ({ handler: join(tmp, `${name}.cjs`) });
  aws = await startEmulator({
    port: 0,
    functions: {
      ...Object.fromEntries(Object.keys(handlers).map((n) => [n, fn(n)])),
      callback24: { handler: fixture('good-callback-award.cjs'), runtime: 'nodejs24.x' },
      callback22: { handler: fixture('good-callback-award.cjs') },
    },
  });
  lambda = new LambdaClient({ ...clientConfig(aws), credentials: developer });
});

afterAll(async () => {
  lambda.destroy();
  await aws.close();
  rmSync(tmp, { recursive: true, force: true });
});

const event = {
  version: 2,
  eventType: 'SyncTrigger',
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0000',
  identityId: 'us-east-1:1111',
  datasetName: 'd',
  datasetRecords: { a: { oldValue: '1', newValue: '2', op: 'replace' } },
};

describe('Lambda Invoke', () => {
  it('replies with the payload and the tail of the log', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'chatty', LogType: 'Tail', Payload: enc(event) }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(dec(out.Payload)).toStrictEqual(event);
    const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n[^]*hello from the handler\n[^]*END RequestId/);
    expect(log).toMatch(/REPORT RequestId: \S+\tDuration: [\d.]+ ms/);
    const quiet = await lambda.send(new InvokeCommand({ FunctionName: 'chatty', Payload: enc(event) }));
    expect(quiet.LogResult).toBeUndefined();
  });

  it('reports the init duration on the REPORT line of a cold start only', async () => {
    const tail = async () => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'cold', LogType: 'Tail', Payload: enc({}) }));
      return Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    };
    expect(await tail()).toMatch(/^REPORT .*\tInit Duration: [\d.]+ ms\t$/m);
    expect(await tail()).not.toMatch(/Init Duration/);
  });

  it('keeps only the last 4 KB of a long log', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'noisy', LogType: 'Tail', Payload: enc({}) }));
    const tail = Buffer.from(out.LogResult ?? '', 'base64');
    expect(tail.length).toBe(4096);
    expect(tail.toString('utf8')).toMatch(/REPORT RequestId: .*\n$/);
  });

  it('reports a handler error as a function error, not an SDK error', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'thrower', Payload: enc(event) }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = dec(out.Payload) as { errorType: string; errorMessage: string; trace: unknown };
    expect(payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'database down' });
    expect(Array.isArray(payload.trace)).toBe(true);
  });

  it('reports a module that does not load, and the runtime profile’s init errors, as Lambda does', async () => {
    const broken = await lambda.send(new InvokeCommand({ FunctionName: 'broken', Payload: enc({}) }));
    expect(broken.FunctionError).toBe('Unhandled');
    expect(dec(broken.Payload)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
    const on24 = await lambda.send(new InvokeCommand({ FunctionName: 'callback24', Payload: enc(event) }));
    expect(dec(on24.Payload)).toMatchObject({ errorType: 'Runtime.CallbackHandlerDeprecated' });
    const on22 = await lambda.send(new InvokeCommand({ FunctionName: 'callback22', Payload: enc(event) }));
    expect(on22.FunctionError).toBeUndefined();
  });

  it('answers DryRun with 204 without running, and Event with 202, running later', async () => {
    const ran = aws.stats().lambdaInvocations;
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'writer', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    expect(aws.stats().lambdaInvocations).toBe(ran);
    expect(existsSync(marker)).toBe(false);
    const queued = await lambda.send(
      new InvokeCommand({ FunctionName: 'writer', InvocationType: 'Event', Payload: enc({}) }),
    );
    expect(queued.StatusCode).toBe(202);
    for (let i = 0; i < 100 && !existsSync(marker); i++) await sleep(50);
    expect(existsSync(marker)).toBe(true);
  });

  it('takes a name, an ARN or a partial ARN; anything else is ResourceNotFoundException', async () => {
    const arn = aws.functionArn('chatty');
    expect(arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:chatty');
    for (const FunctionName of ['chatty', arn, '123456789012:function:chatty', `${arn}:$LATEST`]) {
      const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: enc({ n: 1 }) }));
      expect(dec(out.Payload)).toStrictEqual({ n: 1 });
    }
    const e = await failure(lambda.send(new InvokeCommand({ FunctionName: 'nope' })));
    expect(e).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
      $metadata: { httpStatusCode: 404 },
    });
    expect(await errorName(lambda.send(new InvokeCommand({ FunctionName: 'chatty', Qualifier: '7' })))).toBe(
      'ResourceNotFoundException',
    );
  });

  it('refuses a payload that is not JSON', async () => {
    const e = await failure(
      lambda.send(new InvokeCommand({ FunctionName: 'chatty', Payload: new TextEncoder().encode('{nope') })),
    );
    expect(e).toMatchObject({ name: 'InvalidRequestContentException', $metadata: { httpStatusCode: 400 } });
  });

  it('describes and lists its functions', async () => {
    const one = await lambda.send(new GetFunctionCommand({ FunctionName: 'callback24' }));
    expect(one.Configuration).toMatchObject({ FunctionName: 'callback24', Runtime: 'nodejs24.x', State: 'Active' });
    const all = await lambda.send(new ListFunctionsCommand({}));
    expect(all.Functions?.map((f) => f.FunctionName).sort()).toStrictEqual(
      [...Object.keys(handlers), 'callback22', 'callback24'].sort(),
    );
  });
});
