/**
 * The command line as a user runs it: the real bin in a child process, its exit codes, its messages, the reports it
 * writes and the replay line it prints.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../suites/catalog.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/main.js');
const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
const tmp = mkdtempSync(join(tmpdir(), 'csc-cli-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI; returns exit code and output (colour off, as in CI logs). */
function cli(args: readonly string[], cwd = tmp): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: scaled(120_000),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the CLI', () => {
  it('prints help for the program and every command', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['run', 'list', 'replay', 'init', 'report']) expect(help.out).toContain(cmd);
    const runHelp = cli(['run', '--help']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.out).toMatch(/--runtime/);
    expect(runHelp.out).toMatch(/--seed/);
  });

  it('lists the whole catalog, also as JSON', () => {
    const list = cli(['list']);
    expect(list.code).toBe(0);
    for (const c of CATALOG) expect(list.out).toContain(c.id);
    const json = JSON.parse(cli(['list', '--json']).out) as { id: string; level: string }[];
    expect(json.map((c) => c.id)).toStrictEqual(CATALOG.map((c) => c.id));
  });

  it.each([
    [['run'], /no target/],
    [['run', 'missing-handler.js'], /E_HANDLER_LOAD.*missing-handler\.js/],
    [['run', fixture('good-echo-context-done.cjs'), '--runs', 'many'], /--runs/],
    [['run', fixture('good-echo-context-done.cjs'), '--runtime', 'nodejs16.x'], /nodejs16\.x|runtime/],
    [['run', fixture('good-echo-context-done.cjs'), '--checks', 'no/such-check'], /no\/such-check/],
    [['run', `${fixture('good-echo-context-done.cjs')}#nope`], /E_HANDLER_EXPORT.*nope/],
    [['run', fixture('good-echo-context-done.cjs'), '--config', 'missing.config.ts'], /E_CONFIG.*missing\.config\.ts/],
    [['frobnicate'], /unknown command/],
    [
      ['run', fixture('good-echo-context-done.cjs'), '--readings-file', 'missing.json'],
      /E_READINGS_FILE.*missing\.json/,
    ],
    [['probe'], /--identity-pool-id/],
    [['emulate', '--deviant', 'sideways', '--port', '0'], /unknown deviant mode sideways/],
  ])('exits 2 with a specific message for bad usage: %j', (args, message) => {
    const r = cli(args);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/^\s+at /m); // no stack trace
  });

  it('exits 2 naming the file for a handler with a syntax error', () => {
    const bad = join(tmp, 'syntax-error.mjs');
    writeFileSync(bad, 'export const handler = async (event) => { return event\n');
    const r = cli(['run', bad, '--runs', '2', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_HANDLER_SYNTAX/);
    expect(r.err).toContain('syntax-error.mjs');
  });

  it('exits 0 for a conformant handler and writes report.json with the summary', () => {
    const out = join(tmp, 'good');
    const r = cli([
      'run',
      fixture('good-echo-context-done.cjs'),
      '--checks',
      'reply,robustness/null-entries',
      '--runs',
      '10',
      '--seed',
      '1',
      '--no-store',
      '--out',
      out,
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/CONFORMANT/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      schemaVersion: number;
      summary: { passed: number; failed: number };
      checks: { id: string; outcome: string }[];
    };
    expect(report.schemaVersion).toBe(2);
    expect(report.summary.failed).toBe(0);
    expect(report.checks.map((c) => c.id).sort()).toStrictEqual(
      ['reply/read-only-fields', 'reply/record-format', 'reply/shape', 'robustness/null-entries'].sort(),
    );
  });

  it('exits 1 with a minimal counterexample and a replay line that reproduces it', () => {
    const r = cli([
      'run',
      fixture('bad-rewrite-eventtype.cjs'),
      '--checks',
      'reply/read-only-fields',
      '--runs',
      '20',
      '--seed',
      '7',
      '--no-store',
    ]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/NOT CONFORMANT/);
    expect(r.out).toMatch(/eventType/);
    const line = /replay: (npx cognito-sync-conformance replay .*)$/m.exec(r.out)?.[1];
    expect(line).toBeDefined();
    const args = (line ?? '').replace(/^npx cognito-sync-conformance /, '').split(' ');
    const replay = cli(args, root);
    expect(replay.code, replay.out + replay.err).toBe(1);
    expect(replay.out).toMatch(/read-only-fields/);
    expect(replay.out).toMatch(/eventType/);
  });

  it('replays the exact failing input stored in a report with --from', () => {
    const out = join(tmp, 'bad');
    const handler = fixture('bad-delete-key.mjs');
    const run = cli([
      'run',
      handler,
      '--checks',
      'data/no-dropped-changes',
      '--runs',
      '30',
      '--seed',
      '4',
      '--no-store',
      '--out',
      out,
    ]);
    expect(run.code, run.out + run.err).toBe(0); // a should failure only
    const replay = cli(['replay', 'data/no-dropped-changes', '--from', join(out, 'report.json')]);
    expect(replay.code, replay.out + replay.err).toBe(1);
    expect(replay.out).toMatch(/changes are lost/);
    expect(replay.out).toMatch(/event: +\{"version":2/);
    const missing = cli(['replay', 'data/no-dropped-changes', '--from', join(out, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/E_REPLAY.*nope\.json/);
  });

  it('report merge builds a matrix page of several runs, and names a bad input file', () => {
    const a = join(tmp, 'merge-a');
    const b = join(tmp, 'merge-b');
    const common = ['--checks', 'reply', '--runs', '5', '--seed', '1', '--no-store', '--reporter', 'json,html'];
    expect(cli(['run', fixture('good-echo-context-done.cjs'), ...common, '--out', a]).code).toBe(0);
    expect(cli(['run', fixture('bad-rewrite-eventtype.cjs'), ...common, '--out', b]).code).toBe(1);
    const site = join(tmp, 'site');
    const merged = cli(['report', 'merge', join(a, 'report.json'), join(b, 'report.json'), '--out', site]);
    expect(merged.code, merged.err).toBe(0);
    const page = readFileSync(join(site, 'index.html'), 'utf8');
    expect(page).toContain('good-echo-context-done.cjs');
    expect(page).toContain('bad-rewrite-eventtype.cjs');
    expect(page).toContain('reply/read-only-fields');
    writeFileSync(join(tmp, 'broken.json'), '{"schemaVersion": 1, "checks": [');
    for (const [file, message] of [
      [join(tmp, 'absent.json'), /absent\.json/],
      [join(tmp, 'broken.json'), /broken\.json/],
    ] as const) {
      const r = cli(['report', 'merge', join(a, 'report.json'), file, '--out', join(tmp, 'site2')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/^\s+at /m);
    }
  });

  it(
    'emulate serves a ready pool that run --cognito-sync and run --lambda use end to end; SIGINT stops it',
    async () => {
      const emu = spawn(
        process.execPath,
        [bin, 'emulate', '--port', '0', '--handler', join(root, 'examples/sample-handler.mjs'), '--quiet'],
        {
          cwd: tmp,
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      let out = '';
      emu.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((done) =>
        emu.on('exit', (code) => {
          done(code);
        }),
      );
      try {
        await new Promise<void>((ready, fail) => {
          const timer = setTimeout(() => {
            fail(new Error(`emulate did not start: ${out}`));
          }, scaled(30_000));
          emu.stdout.on('data', () => {
            if (out.includes('Ctrl-C')) {
              clearTimeout(timer);
              ready();
            }
          });
        });
        const url = /emulator at (http:\/\/[\d.:]+)/.exec(out)?.[1] ?? '';
        const pool = /identity pool (\S+):/.exec(out)?.[1] ?? '';
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const env = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' };
        const live = (args: string[]) => {
          const r = spawnSync(process.execPath, [bin, ...args], {
            cwd: tmp,
            encoding: 'utf8',
            env: { ...process.env, ...env, NO_COLOR: '1' },
            timeout: scaled(120_000),
          });
          return { code: r.status, out: r.stdout, err: r.stderr };
        };
        const sample = join(root, 'examples/sample-handler.mjs');
        const dry = live([
          'run',
          sample,
          '--cognito-sync',
          '--identity-pool-id',
          pool,
          '--endpoint-url',
          url,
          '--dry-run',
        ]);
        expect(dry.code, dry.err).toBe(0);
        expect(dry.out).toMatch(/dry run: nothing sent/);
        const e2e = live([
          'run',
          sample,
          '--cognito-sync',
          '--identity-pool-id',
          pool,
          '--endpoint-url',
          url,
          '--runs',
          '4',
          '--seed',
          '2',
        ]);
        expect(e2e.code, e2e.out + e2e.err).toBe(0);
        expect(e2e.out).toMatch(/CONFORMANT: 1 passed/);
        const lambda = live([
          'run',
          '--lambda',
          'sync-trigger',
          '--endpoint-url',
          url,
          '--checks',
          'reply',
          '--runs',
          '5',
          '--no-store',
        ]);
        expect(lambda.code, lambda.out + lambda.err).toBe(0);
        // Without --identity-pool-id: the pool named as deploy/stack.yaml names it, exactly the command a new user types.
        const found = live(['run', sample, '--cognito-sync', '--endpoint-url', url, '--runs', '2']);
        expect(found.code, found.out + found.err).toBe(0);
        expect(found.out).toContain(pool);
        // The probe pool is there too, as the stack makes it: `probe` finds it by name and settles the readings.
        const probePool = /probe pool (\S+):/.exec(out)?.[1] ?? '';
        expect(probePool).toMatch(/^us-east-1:/);
        const probe = live(['probe', '--endpoint-url', url, '--out', 'readings.json']);
        expect(probe.code, probe.out + probe.err).toBe(0);
        const readings = JSON.parse(readFileSync(join(tmp, 'readings.json'), 'utf8')) as {
          identityPoolId?: string;
          readings?: Record<string, string>;
        };
        expect(readings.identityPoolId).toBe(probePool);
        expect(readings.readings?.['reply.nullEntry']).toBe('ignored');
        const down = live(['run', sample, '--cognito-sync', '--endpoint-url', 'http://127.0.0.1:9']);
        expect(down.code).toBe(2);
        expect(down.err).toMatch(/--identity-pool-id/);
      } finally {
        emu.kill('SIGINT');
      }
      expect(await exited).toBe(0);
    },
    scaled(180_000),
  );

  it('keeps should failures out of the exit code unless --strict', () => {
    const args = [
      'run',
      fixture('bad-timestamp.cjs'),
      '--checks',
      'idempotency/retry',
      '--runs',
      '10',
      '--seed',
      '3',
      '--no-store',
    ];
    const lenient = cli(args);
    expect(lenient.code, lenient.out + lenient.err).toBe(0);
    expect(lenient.out).toMatch(/idempotency\/retry/);
    expect(cli([...args, '--strict']).code).toBe(1);
  });

  it('init writes a starter config next to the handler, and will not overwrite it', () => {
    const handler = join(tmp, 'my-handler.mjs');
    writeFileSync(handler, 'export const handler = async (event) => event;\n');
    const first = cli(['init', handler]);
    expect(first.code, first.err).toBe(0);
    const config = join(tmp, 'cognito-sync-conformance.config.ts');
    expect(existsSync(config)).toBe(true);
    expect(readFileSync(config, 'utf8')).toContain("handler: './my-handler.mjs'");
    const again = cli(['init', handler]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists.*--force/);
    rmSync(config);
  });
});
