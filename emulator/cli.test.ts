/**
 * `cognito-sync-conformance emulate` as a user runs it: the real bin in a child process prints a ready pool and the
 * exact setup, applies its fault flags, finds its pool again from a state file, and stops cleanly on a signal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoSyncClient, GetCognitoEventsCommand } from '@aws-sdk/client-cognito-sync';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerEmulate } from '../cli/commands/emulate.ts';
import { developer, emulateChild, errorName, poolKit, put, sampleHandler } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-emulate-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const emulate = (args: readonly string[]) => emulateChild(args, tmp);

describe('emulate', () => {
  it('serves a ready pool, prints the setup, applies its faults, and keeps its pool across a restart', async () => {
    const state = join(tmp, 'state.json');
    const first = await emulate(['--handler', sampleHandler, '--state', state, '--throttle-trigger', '1']);
    let poolId = '';
    try {
      poolId = first.pool;
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      expect(first.out).toContain(`export AWS_ENDPOINT_URL=${first.url} AWS_REGION=us-east-1`);
      expect(first.out).toContain(`export CSC_IDENTITY_POOL_ID=${poolId}`);
      expect(first.out).toContain(`run ${sampleHandler} --cognito-sync --endpoint-url ${first.url}`);
      expect(first.out).toContain('faults: throttleTrigger=1');
      const admin = new CognitoSyncClient({ endpoint: first.url, region: 'us-east-1', credentials: developer });
      const events = await admin.send(new GetCognitoEventsCommand({ IdentityPoolId: poolId }));
      admin.destroy();
      expect(events.Events?.SyncTrigger).toBe('arn:aws:lambda:us-east-1:123456789012:function:sync-trigger');
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);

    const second = await emulate(['--handler', sampleHandler, '--state', state, '--throttle-trigger', '1']);
    try {
      expect(second.pool).toBe(poolId);
      // A device of the ready pool: the first trigger is throttled, the next runs the handler.
      const k = poolKit({ url: second.url, region: 'us-east-1' }, poolId);
      const d = await k.device();
      expect(await errorName(k.update(d, 'game', [put('SampleKey1', 'x')]))).toBe('LambdaThrottledException');
      await k.update(d, 'game', [put('SampleKey1', 'x')]);
      expect(await k.values(d, 'game')).toStrictEqual({ SampleKey1: 'ModifyValue1', SampleKey3: 'ModifyValue3' });
    } finally {
      second.child.kill('SIGINT');
    }
    expect(await second.exited).toBe(0);
  });

  it('refuses bad flags with a harness error naming the problem (the CLI exits 2 on those)', async () => {
    for (const [args, expected] of [
      [['--deviant', 'sideways'], { code: 'E_OPTION', message: /unknown deviant mode sideways/ }],
      [['--function', 'nameonly'], { code: 'E_OPTION', message: /--function takes name=path/ }],
      [['--runtime', 'nodejs8.10'], { code: 'E_OPTION', message: /unknown runtime nodejs8\.10/ }],
      [['--handler', join(tmp, 'missing.js')], { code: 'E_HANDLER_LOAD' }],
      [['--deviant', 'reply.nullEntry=maybe'], { code: 'E_READING', message: /has no reading "maybe"/ }],
    ] as const) {
      const program = new Command().exitOverride();
      registerEmulate(program);
      await expect(program.parseAsync(['emulate', '--port', '0', ...args], { from: 'user' })).rejects.toMatchObject(
        expected,
      );
    }
  });
});
