/**
 * `run`'s flags for time and scale, as a user types them: each is in `run --help`, a bad value is a usage error
 * (exit 2) that names the flag, and each reaches what it limits.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../harness/index.ts';
import { cli, fixture, root } from './cli.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-flags-'));
const echo = join(root, 'fixtures/handlers/conformance/good-echo-context-done.cjs');

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('run flags for time', () => {
  it('are in run --help with their defaults', () => {
    const help = cli(['run', '--help'], tmp);
    expect(help.code).toBe(0);
    // Commander wraps long lines to the terminal's width.
    const flat = help.out.replace(/\s+/g, ' ');
    expect(flat).toMatch(/--check-timeout <duration> [^-]*default 60s; 180s for --command and --bootstrap/);
    expect(flat).toMatch(/--init-timeout <duration> .*\(default 10s\)/);
    expect(flat).toContain('--concurrency <n> checks run side by side, 1 to 16 (default: one per core, at most 8)');
    expect(flat).toMatch(/--shard <i\/n> run shard i of n: every nth selected check, whole; needs --seed/);
    expect(flat).toContain('report merge shard-1 shard-2 --out report');
  });

  it.each([
    [['--check-timeout', 'soon'], /invalid duration "soon"/],
    [['--init-timeout', '0'], /initTimeoutMs \(--init-timeout\) must be more than 0/],
  ])('refuse a bad value: %j', (flags, message) => {
    const r = cli(['run', echo, '--no-store', ...flags], tmp);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('--init-timeout limits loading the handler module', () => {
    const r = cli(['run', join(root, 'fixtures/handlers/slow-load.mjs'), '--no-store', '--init-timeout', '500ms'], tmp);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(/E_HANDLER_LOAD.*did not finish loading within 500 ms/);
  });
});

describe('run --shard', () => {
  it.each([
    [['--seed', '1', '--shard', '0/2'], /E_SHARD.*--shard takes i\/n, shard i of n counted from 1.*got "0\/2"/],
    [['--seed', '1', '--shard', '3/2'], /E_SHARD.*got "3\/2"/],
    [['--seed', '1', '--shard', 'a/b'], /E_SHARD.*got "a\/b"/],
    [['--seed', '1', '--shard', '2'], /E_SHARD.*got "2"/],
    [['--shard', '1/2'], /E_SHARD.*--shard needs --seed/],
    [['--seed', '1', '--checks', 'reply/shape', '--shard', '1/2'], /E_SHARD.*selects 1 check, so at most 1 shard/],
  ])('refuses %j with E_SHARD, exit 2', (flags, message) => {
    const r = cli(['run', echo, '--no-store', ...flags], tmp);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('runs a share each; report merge joins the shards into the run (exit code its verdict), and refuses half of them', () => {
    const handler = fixture('bad-null-entry-unguarded.cjs');
    const args = ['run', handler, '--seed', '11', '--runs', '5', '--no-store', '--no-discover', '--concurrency', '1'];
    const checks = ['--checks', 'reply/shape,robustness/null-entries,robustness/removed-records'];
    const whole = cli([...args, ...checks, '--out', 'whole', '--reporter', 'json'], tmp);
    expect(whole.code, whole.err).toBe(1);
    for (const i of [1, 2]) {
      const shard = cli([...args, ...checks, '--shard', `${String(i)}/2`, '--out', `shard-${String(i)}`], tmp);
      // A shard never claims conformance on its own, and says how to get the verdict.
      expect(shard.code, shard.err).toBe(1);
      expect(shard.out).toMatch(/\(shard \d of 2: \d of \d+ checks\)/);
      expect(shard.out).toContain('a shard never decides the verdict');
    }
    const half = cli(['report', 'merge', 'shard-2', '--out', 'half'], tmp);
    expect(half.code).toBe(2);
    expect(half.err).toMatch(/E_SHARD.*shard 1\/2 of the run is missing/);
    const merged = cli(['report', 'merge', 'shard-1', 'shard-2', '--out', 'merged'], tmp);
    expect(merged.code, merged.err).toBe(1);
    expect(merged.out).toMatch(/NOT CONFORMANT \(3 of \d+ checks\)/);
    for (const f of ['report.json', 'index.html', 'junit.xml', 'report.sarif'])
      expect(existsSync(join(tmp, 'merged', f))).toBe(true);
    const read = (dir: string): RunResult =>
      JSON.parse(readFileSync(join(tmp, dir, 'report.json'), 'utf8')) as RunResult;
    const [a, b] = [read('whole'), read('merged')];
    expect(b.summary).toStrictEqual(a.summary);
    expect(b.rootCauses).toStrictEqual(a.rootCauses);
    expect(b.checks.map((c) => [c.id, c.outcome, c.seed, c.runs])).toStrictEqual(
      a.checks.map((c) => [c.id, c.outcome, c.seed, c.runs]),
    );
    const cx = (r: RunResult) =>
      r.checks.flatMap((c) =>
        c.outcome === 'fail'
          ? c.failures.map((f) => [f.counterexample.seed, f.counterexample.path, f.counterexample.eventHash])
          : [],
      );
    expect(cx(b)).toStrictEqual(cx(a));
    expect(cx(a).length).toBeGreaterThan(0);
  });
});
