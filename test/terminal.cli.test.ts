/**
 * The terminal as a user meets it, through the real bin in a child process: no handler text reaches stdout or stderr
 * raw (OSC titles and links, `CR ESC[2K` and a fake verdict, conceal, C1, bidi), `list | head` ends quietly, bad
 * usage is refused before the run in plain words with a suggestion, plurals and subsets read right, `run --help`
 * groups its options, and a failure names the handler's own file and line first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/main.js');
const spoof = join(root, 'fixtures/handlers/terminal-spoof.mjs');
const good = join(root, 'fixtures/handlers/conformance/good-echo-context-done.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'csc-terminal-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI; colour off unless asked, as in a CI log. */
function cli(args: readonly string[], env: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '0' }) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: scaled(120_000),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Any character that acts on a terminal instead of showing: all C0 but LF, DEL, C1, bidi controls, U+2028/U+2029. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** The colour codes the tool writes itself. */
// eslint-disable-next-line no-control-regex -- the ESC of SGR sequences
const SGR = /\u001b\[[0-9;]*m/g;

/** Every file under a folder. */
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe('no handler text acts on the terminal', () => {
  it('logs, error messages, keys, values and a read-only field of a spoofing handler all show escaped', () => {
    const out = join(tmp, 'spoof-report');
    const args = ['--runs', '3', '--seed', '1', '--no-store'];
    const replied = cli(['run', spoof, '--checks', 'reply/read-only-fields', ...args, '--out', out]);
    const threw = cli(['run', `${spoof}#throws`, '--checks', 'robustness/empty-dataset', ...args]);
    for (const r of [replied, threw]) {
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.out + r.err).not.toMatch(RAW);
      // What it tried is there to read: the title sequence, the erased line with its fake verdict, the override.
      expect(r.out).toContain('\\u001b]0;pwned title\\u0007');
      expect(r.out).toContain('\\r\\u001b[2K\\u001b[32mCONFORMANT');
      expect(r.out).toContain('\\u202egnp.exe');
      expect(r.out).toMatch(/^NOT CONFORMANT \(1 of 24 checks\)/m);
    }
    // The human-readable reports too (report.json keeps the values, written as escapes).
    for (const f of files(out))
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('with colour on, the only escape sequences are the tool’s own colours', () => {
    const r = cli(['run', spoof, '--checks', 'reply/read-only-fields', '--runs', '3', '--seed', '1', '--no-store'], {
      FORCE_COLOR: '1',
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(SGR);
    expect((r.out + r.err).replace(SGR, '')).not.toMatch(RAW);
  });

  it('a handler that fails to load cannot forge the error line either', () => {
    const bad = join(tmp, 'load-spoof.mjs');
    writeFileSync(
      bad,
      `throw new Error('\\r\\u001b[2K\\u001b[32mCONFORMANT\\u001b[0m \\u202eevil\\u0007');\nexport const handler = () => null;\n`,
    );
    const r = cli(['run', bad, '--runs', '1', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error E_HANDLER_LOAD/m);
    expect(r.err).toContain('\\r\\u001b[2K\\u001b[32mCONFORMANT');
    expect(r.out + r.err).not.toMatch(RAW);
  });
});

describe('the failure names the handler’s own file and line first', () => {
  it('“thrown at” its frame, and the trace without the tool’s frames', () => {
    const r = cli(['run', `${spoof}#throws`, '--checks', 'robustness/empty-dataset', '--runs', '2', '--no-store']);
    const block = r.out.slice(r.out.indexOf('✗ R1 (must)'));
    const lines = block.split('\n');
    expect(lines[1]).toBe('    seen in robustness/empty-dataset');
    expect(lines[2]).toMatch(new RegExp(`^ {4}thrown at ${spoof.replaceAll('/', '\\/')}:\\d+:\\d+$`));
    expect(block).toMatch(/at throws \(file:\/\/.*terminal-spoof\.mjs:\d+:\d+\)/);
    expect(block).toMatch(/\(\d+ frames of the tool and of Node internals not shown\)/);
    expect(block).not.toMatch(/runtime\/node\/|node:internal/);
  });
});

describe('list | head', () => {
  it('ends quietly when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [bin, 'list'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the first line is written: every write of `list` meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('bad usage is refused before the run, in plain words', () => {
  it('an unknown --reporter, with a suggestion, before any check starts', () => {
    const r = cli(['run', good, '--reporter', 'jsn', '--out', join(tmp, 'never')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'error E_REPORTER: unknown reporter "jsn" (did you mean json?); known reporters: json, junit, markdown, html, badge, sarif\n',
    );
  });

  it('--reporter without --out', () => {
    const r = cli(['run', good, '--reporter', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error E_USAGE: --reporter chooses the reports --out writes: add --out <dir>\n');
  });

  it('a check id that names no check, for run and for replay, with the closest ids', () => {
    const run = cli(['run', good, '--checks', 'reply/shap', '--runs', '1']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no check matches "reply\/shap" \(did you mean reply\/shape\?\)/);
    const exclude = cli(['run', good, '--exclude', 'timing/deadlin', '--runs', '1']);
    expect(exclude.err).toMatch(/did you mean timing\/deadline\?/);
    const replay = cli(['replay', 'reply/shap', good, '--seed', '1', '--path', '0']);
    expect(replay.code).toBe(2);
    expect(replay.err).toMatch(/did you mean reply\/shape\?/);
  });

  it('an invalid option value names the flag, the choices and what was given', () => {
    const r = cli(['run', good, '--runtime', 'nodejs16.x']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'error E_OPTION: --runtime must be one of nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x; got "nodejs16.x"\n',
    );
  });
});

describe('what the run prints reads right', () => {
  it('plurals, and a subset run marked as one', () => {
    const r = cli(['run', good, '--checks', 'reply/shape', '--runs', '1', '--seed', '3', '--no-store']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toMatch(/ — 1 check, seed 3$/m);
    expect(r.err).toMatch(/reply\/shape +1 run /);
    expect(r.out).toMatch(/^CONFORMANT \(1 of 24 checks\): 1 passed, .* — 1\/1 must check passed$/m);
    expect(r.out).toMatch(/^seed 3, 1 run per check, /m);
    const full = cli(['run', good, '--runs', '2', '--seed', '3', '--no-store', '--exclude', 'timing']);
    expect(full.out).toMatch(/^CONFORMANT \(22 of 24 checks\): 22 passed/m);
    expect(full.out).toMatch(/must checks passed/);
  });

  it('run --help groups the options and gives examples', () => {
    const r = cli(['run', '--help']);
    expect(r.code).toBe(0);
    const headings = r.out.split('\n').filter((l) => /^\S.*:$/.test(l));
    expect(headings).toStrictEqual([
      'Arguments:',
      'Target:',
      'Selection:',
      'Generation:',
      'Inner loop:',
      'Output:',
      'Live (end to end through Cognito Sync):',
      'Options:',
      'Examples:',
    ]);
    const group = (name: string): string => r.out.split(`\n${name}:\n`)[1]?.split('\n\n')[0] ?? '';
    expect(group('Output')).toMatch(/--out <dir>[\s\S]*--reporter <names>/);
    expect(group('Selection')).toMatch(/--checks <ids>[\s\S]*--exclude <ids>/);
    expect(group('Inner loop')).toMatch(/--bail/);
    expect(r.out).toMatch(/\$ cognito-sync-conformance run \.\/handler\.js --out report --reporter junit,markdown/);
  });
});
