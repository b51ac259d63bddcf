/**
 * Shared by the emulator's tests: fixture paths, developer credentials, and a pool with its Sync Trigger plus
 * helpers that act as a device of a fresh identity, all through the real AWS SDK v3 clients over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  ListRecordsCommand,
  SetCognitoEventsCommand,
  UpdateRecordsCommand,
  type RecordPatch,
} from '@aws-sdk/client-cognito-sync';
import type { RunningEmulator } from './index.ts';
import { scaled } from '../test/timeScale.test-helpers.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const root = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
export const sampleHandler = join(root, 'examples/sample-handler.mjs');

/** Developer (IAM account) credentials: any key the emulator did not issue. */
export const developer = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };

/** Client options for an emulator; one attempt, so that a fault is seen as it is. */
export const clientConfig = (aws: Endpoint) => ({ endpoint: aws.url, region: aws.region, maxAttempts: 1 });

/** Where an emulator answers (a `RunningEmulator`, or one in another process). */
export type Endpoint = Pick<RunningEmulator, 'url' | 'region'>;

/** A client (Cognito Sync) acting for one identity. */
export interface Device {
  readonly sync: CognitoSyncClient;
  readonly identityId: string;
  readonly accessKeyId: string;
  /** The identity's temporary credentials, to make another client with. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The error name a promise rejects with, or `'no error'`. */
export const errorName = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => (e as Error).name,
  );

/**
 * A pool whose Sync Trigger is `fn` (none when undefined), made through the wire, and helpers to sync through it.
 * @param name - the pool's name @defaultValue 'conformance'
 */
export async function setUp(aws: RunningEmulator, fn: string | undefined, name = 'conformance') {
  const identity = new CognitoIdentityClient({ ...clientConfig(aws), credentials: developer });
  const { IdentityPoolId: poolId = '' } = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }),
  );
  identity.destroy();
  const k = poolKit(aws, poolId);
  if (fn)
    await k.admin.send(
      new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: aws.functionArn(fn) } }),
    );
  return k;
}

/** Helpers to act as devices of fresh identities of an existing pool. */
export function poolKit(aws: Endpoint, poolId: string) {
  const config = clientConfig(aws);
  const identity = new CognitoIdentityClient({ ...config, credentials: developer });
  const admin = new CognitoSyncClient({ ...config, credentials: developer });
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
      credentials,
    };
  };
  /** The same identity, with developer credentials: the trigger does not fire. */
  const asDeveloper = (d: Device): Device => ({
    ...d,
    sync: admin,
    accessKeyId: developer.accessKeyId,
    credentials: developer,
  });
  const at = (d: Device, name: string) => ({ IdentityPoolId: poolId, IdentityId: d.identityId, DatasetName: name });
  const list = (d: Device, name: string, lastSyncCount = 0) =>
    d.sync.send(new ListRecordsCommand({ ...at(d, name), LastSyncCount: lastSyncCount }));
  const update = async (d: Device, name: string, patches: RecordPatch[]) => {
    const { SyncSessionToken } = await list(d, name);
    return d.sync.send(new UpdateRecordsCommand({ ...at(d, name), SyncSessionToken, RecordPatches: patches }));
  };
  /** Live values of a dataset, as a device reads them. */
  const values = async (d: Device, name: string): Promise<Record<string, string>> => {
    const { Records = [] } = await list(d, name);
    return Object.fromEntries(Records.filter((r) => r.Value !== undefined).map((r) => [r.Key ?? '', r.Value ?? '']));
  };
  /** SyncCount of each record (tombstones included). */
  const counts = async (d: Device, name: string): Promise<Record<string, number>> => {
    const { Records = [] } = await list(d, name);
    return Object.fromEntries(Records.map((r) => [r.Key ?? '', r.SyncCount ?? -1]));
  };
  return { poolId, identity, admin, device, asDeveloper, at, list, update, values, counts, config };
}

/** A replace patch. */
export const put = (Key: string, Value: string, SyncCount = 0): RecordPatch => ({
  Op: 'replace',
  Key,
  Value,
  SyncCount,
});

/** The error a promise rejects with; fails the test when it fulfils. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

/**
 * Starts `cognito-sync-conformance emulate` (the real bin) in a child process and waits until it is ready.
 * @param args - flags after `emulate --port 0 --quiet`
 * @param cwd - the child's working directory
 * @returns the child, its output so far, its URL, the ready pool's id, and its exit
 */
export async function emulateChild(args: readonly string[], cwd: string) {
  const bin = join(root, 'dist/cli/main.js');
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const child: ChildProcess = spawn(process.execPath, [bin, 'emulate', '--port', '0', '--quiet', ...args], {
    cwd,
    env,
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      done(code);
    }),
  );
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`emulate did not start:\n${out}`));
    }, scaled(30_000));
    const check = () => {
      if (out.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`emulate exited:\n${out}`));
    });
  });
  const url = /emulator at (http:\/\/[\d.:]+) /.exec(out)?.[1] ?? '';
  const pool = /identity pool (\S+): /.exec(out)?.[1] ?? '';
  return { child, out, url, pool, exited };
}
