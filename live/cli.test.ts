/**
 * The live commands as a user types them (the real bin in a child process) against the emulator: the dry run sends
 * nothing, `run --cognito-sync` without a pool id finds the stack's pool and writes reports and a trace with no
 * secret in them (nor on the terminal), `probe` writes a readings file `run --readings-file` takes, and a wrong
 * `--lambda` exits 2 with a message and no stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { makePool, probeTrigger, recordingProxy, root, sampleHandler } from './testkit.test-helpers.ts';

const bin = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'csc-live-cli-'));
const DEVELOPER_SECRET = 'cli-developer-secret-0123456789';
let aws: RunningEmulator;

beforeAll(async () => {
  aws = await startEmulator({
    port: 0,
    functions: { 'sync-trigger': { handler: sampleHandler }, probe: { handler: probeTrigger } },
  });
  await makePool(aws, 'sync-trigger');
  await makePool(aws, 'probe', 'sync_trigger_conformance_probe');
});

afterAll(async () => {
  await aws.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI (asynchronously: the emulator answers from this process). */
function cli(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: tmp,
    env: {
      ...process.env,
      NO_COLOR: '1',
      AWS_ACCESS_KEY_ID: 'AKIDCLIDEVELOPER',
      AWS_SECRET_ACCESS_KEY: DEVELOPER_SECRET,
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: '',
      AWS_ENDPOINT_URL: '',
      CSC_IDENTITY_POOL_ID: '',
      CSC_PROBE_POOL_ID: '',
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done) => {
    child.on('close', (code) => {
      done({ code, out, err });
    });
  });
}

const requests = (): number => Object.values(aws.stats().requests).reduce((a, b) => a + b, 0);
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

describe('the live commands', () => {
  it('--dry-run prints the plan and sends nothing', async () => {
    const before = requests();
    const dry = await cli([
      'run',
      sampleHandler,
      '--cognito-sync',
      '--endpoint-url',
      aws.url,
      '--dry-run',
      '--runs',
      '7',
    ]);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/identity pool +the one named sync_trigger_conformance/);
    expect(dry.out).toMatch(/datasets +7 named csc-<run id>-<n>/);
    expect(dry.out).toMatch(/requests +at most \d+, cleanup aside \(--max-requests 300\)/);
    expect(dry.out).toMatch(/dry run: nothing sent/);
    expect(requests()).toBe(before);
    // --checks adds the sessions/ checks end to end: their sessions are planned and counted too.
    const sessions = await cli([
      'run',
      sampleHandler,
      '--cognito-sync',
      '--endpoint-url',
      aws.url,
      '--dry-run',
      '--runs',
      '2',
      '--checks',
      'sessions/converge,sessions/retry-safe',
    ]);
    expect(sessions.code, sessions.err).toBe(0);
    expect(sessions.out).toMatch(
      /datasets +8 named csc-<run id>-<n> \(\d single syncs?, \d multi-device sessions?, 6 sessions of sessions\/converge, sessions\/retry-safe\)/,
    );
    const wrong = await cli(['run', sampleHandler, '--cognito-sync', '--endpoint-url', aws.url, '--checks', 'reply']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/E_CHECK_ID: --cognito-sync runs live\/model-agrees and, with --checks, the sessions\//);
    expect(requests()).toBe(before);
  });

  it('run --cognito-sync finds the pool, writes reports and the trace, and no secret anywhere', async () => {
    const proxy = await recordingProxy(aws.url);
    try {
      const out = join(tmp, 'report');
      const run = await cli([
        'run',
        sampleHandler,
        '--cognito-sync',
        '--endpoint-url',
        proxy.url,
        '--runs',
        '4',
        '--seed',
        '8',
        '--out',
        out,
      ]);
      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toMatch(/CONFORMANT: 1 passed/);
      expect(existsSync(join(out, 'report.json'))).toBe(true);
      const trace = JSON.parse(readFileSync(join(out, 'trace.json'), 'utf8')) as { cases: { trace: unknown[] }[] };
      expect(trace.cases).toHaveLength(4);
      expect(trace.cases.every((c) => c.trace.length > 2)).toBe(true);
      expect(aws.stats().datasets).toBe(0);
      const secrets = [...proxy.secrets(), DEVELOPER_SECRET, 'AKIDCLIDEVELOPER'];
      expect(secrets.length).toBeGreaterThan(10);
      const written = [
        ...filesUnder(out).map((f) => [f, readFileSync(f, 'utf8')] as const),
        ['terminal', run.out + run.err] as const,
      ];
      for (const [file, text] of written)
        for (const s of secrets) expect(text.includes(s), `${file} holds ${s}`).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('probe writes a readings file that run --readings-file judges under', async () => {
    const file = join(tmp, 'readings.json');
    const probe = await cli([
      'probe',
      '--endpoint-url',
      aws.url,
      '--points',
      'reply.nullEntry,service.emptyPatches',
      '--out',
      file,
    ]);
    expect(probe.code, probe.err).toBe(0);
    expect(probe.out).toMatch(/reply\.nullEntry +ignored/);
    const run = await cli([
      'run',
      sampleHandler,
      '--readings-file',
      file,
      '--checks',
      'reply/shape',
      '--runs',
      '3',
      '--no-store',
    ]);
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/CONFORMANT/);
  });

  it('a wrong --lambda exits 2 with the reason and no stack trace', async () => {
    const lambda = await cli(['run', '--lambda', 'nope', '--endpoint-url', aws.url, '--runs', '1', '--no-store']);
    expect(lambda.code).toBe(2);
    expect(lambda.err).toMatch(/error E_NOT_FOUND: cannot use the Lambda function nope: ResourceNotFoundException/);
    expect(lambda.err).not.toMatch(/^\s+at /m);
  });
});
