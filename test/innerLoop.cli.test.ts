/**
 * The inner loop through the real bin in a child process: Ctrl-C keeps what a run found (exit 130, a partial
 * report, the summary), `--bail` stops at the first failed must check, `--quick` sets its runs, and `--watch` runs
 * again when the handler or the config file changes.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK_PROFILE } from '../harness/runDefaults.ts';
import type { RunResult } from '../harness/index.ts';
import { bin, cli, fixture, root } from './cli.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const BOUND_MS = scaled(120_000);

const slow = join(root, 'fixtures/handlers/slow-echo.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'csc-inner-loop-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The CLI in a child process, with what it printed so far and a way to wait for a line. */
function start(args: readonly string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: tmp,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const seen = { out: '', err: '' };
  const waiters: (() => void)[] = [];
  const wakeAll = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', (d: Buffer) => {
    seen.out += d.toString();
    wakeAll();
  });
  child.stderr.on('data', (d: Buffer) => {
    seen.err += d.toString();
    wakeAll();
  });
  const exited = new Promise<number | null>((done) => {
    child.on('exit', (code) => {
      wakeAll();
      done(code);
    });
  });
  /** Resolves once `test` holds of what was printed; rejects when the CLI exits first. */
  const until = async (test: (s: typeof seen) => boolean): Promise<void> => {
    while (!test(seen)) {
      if (child.exitCode !== null) throw new Error(`the CLI exited first (${String(child.exitCode)}): ${seen.err}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { child, seen, exited, until };
}

/** A check-end progress line (stderr, not a terminal): `  ✓ must   reply/shape …`. */
const CHECK_END = /^ {2}[✓✗!⧗?-] (must|should)/m;
/** The closing summary line of a run. */
const SUMMARY = /^(CONFORMANT|NOT CONFORMANT|INCOMPLETE)\b.*$/gm;

/** The processes whose parent is `pid` (Linux `/proc`): a run's sandboxes, started in sessions of their own. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Whether a process is still there (a zombie, reaped by nobody yet, counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('Ctrl-C keeps what was found', () => {
  it(
    'stops after the cases under way, prints the summary, writes a partial report, leaves no sandbox, exits 130',
    async () => {
      const out = join(tmp, 'interrupted');
      const args = ['--checks', 'reply,robustness', '--runs', '20', '--seed', '1', '--no-store', '--out', out];
      const r = start(['run', slow, ...args]);
      await r.until((s) => CHECK_END.test(s.err));
      const sandboxes = childrenOf(r.child.pid ?? 0);
      expect(sandboxes.length).toBeGreaterThan(0);
      r.child.kill('SIGINT');
      expect(await r.exited, r.seen.err).toBe(130);
      expect(sandboxes.filter(alive)).toStrictEqual([]);
      expect(r.seen.err).toContain('stopping:');
      expect(r.seen.out).toMatch(/^INCOMPLETE \(10 of 24 checks\)/m);
      expect(r.seen.out).toMatch(/^stopped early \(interrupted\): \d+ checks? of 10 did not finish$/m);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      expect(report.stopped).toBe('interrupted');
      expect(report.summary).toMatchObject({ partial: true, conformant: false, total: 10 });
      // Every selected check is listed; the ones that did not finish are not passes, and say why.
      const unfinished = report.checks.filter((c) => c.outcome === 'skip' || c.outcome === 'incomplete');
      expect(unfinished.length).toBeGreaterThan(0);
      for (const c of unfinished)
        expect('reason' in c ? c.reason : '').toMatch(
          /^(the run )?stopped (after \d+ of 20 runs|before this check started) \(interrupted\)$/,
        );
      expect(report.summary.passed).toBe(10 - unfinished.length);
    },
    BOUND_MS,
  );

  it(
    'with a failure found before it: prints the shrunk counterexample and says the run was stopped, exits 130',
    async () => {
      // Replies null at once (reply/shape fails and shrinks in a moment) except to an event with a null entry, which
      // it echoes after 1.5 s: robustness/null-entries, whose every event has one, needs 75 s and is still under way
      // at Ctrl-C.
      const handler = join(tmp, 'fails-then-slow.mjs');
      writeFileSync(
        handler,
        [
          'export const handler = async (event) => {',
          '  if (!Object.values(event.datasetRecords).includes(null)) return null;',
          '  await new Promise((resolve) => setTimeout(resolve, 1500));',
          '  return event;',
          '};',
          '',
        ].join('\n'),
      );
      const out = join(tmp, 'interrupted-failing');
      const checks = 'reply/shape,robustness/null-entries';
      const args = ['--checks', checks, '--runs', '50', '--seed', '1', '--concurrency', '2', '--no-store'];
      const r = start(['run', handler, ...args, '--out', out]);
      await r.until((s) => /^ {2}✗ must +reply\/shape/m.test(s.err));
      r.child.kill('SIGINT');
      expect(await r.exited, r.seen.err).toBe(130);
      expect(r.seen.err).toContain('stopping:');
      // The failure found before the interrupt, shrunk, with its event and the line that replays it.
      const block = r.seen.out.slice(r.seen.out.indexOf('✗ R1 (must)'));
      expect(block, r.seen.out).toMatch(/^✗ R1 \(must\)/);
      expect(block).toContain('seen in reply/shape');
      const header = /^ {4}counterexample after [1-9]\d* shrinks? \(seed (\d+), path ([\d:]+)\):$/m.exec(block);
      expect(header, block).not.toBeNull();
      // Shrunk to the smallest event the handler fails on: no records at all.
      expect(block).toMatch(/^ {4}event: +\{.*"datasetRecords":\{\}\}$/m);
      expect(block).toMatch(/^ {4}reply: +null$/m);
      expect(block).toContain(
        `replay: npx cognito-sync-conformance replay reply/shape ${handler} --runtime nodejs22.x ` +
          `--seed ${header?.[1] ?? '?'} --path ${header?.[2] ?? '?'}`,
      );
      expect(r.seen.out).toMatch(/^NOT CONFORMANT \(2 of \d+ checks\): 0 passed, 1 failed, .*1 incomplete/m);
      expect(r.seen.out).toMatch(/^stopped early \(interrupted\): 1 check of 2 did not finish$/m);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      expect(report.stopped).toBe('interrupted');
      expect(report.summary).toMatchObject({ partial: true, conformant: false, total: 2, failed: 1 });
      const failed = report.checks.find((c) => c.id === 'reply/shape');
      expect(failed?.outcome).toBe('fail');
    },
    BOUND_MS,
  );
});

describe('a second Ctrl-C', () => {
  it(
    'quits at once, before the case under way ends, still ending every sandbox: exit 130',
    async () => {
      // Each case takes 4 s (under the 5 s deadline): the first Ctrl-C waits for one, the second does not.
      const args = ['--checks', 'reply/shape', '--runs', '5', '--no-store', '--env', 'SLOW_ECHO_MS=4000'];
      const r = start(['run', slow, ...args]);
      await r.until((s) => s.err.includes('cognito-sync-conformance —'));
      const sandboxes = childrenOf(r.child.pid ?? 0);
      r.child.kill('SIGINT');
      await r.until((s) => s.err.includes('stopping:'));
      r.child.kill('SIGINT');
      expect(await r.exited, r.seen.err).toBe(130);
      expect(r.seen.out).not.toMatch(SUMMARY);
      expect(sandboxes.length).toBeGreaterThan(0);
      expect(sandboxes.filter(alive)).toStrictEqual([]);
    },
    BOUND_MS,
  );
});

describe('--bail', () => {
  it(
    'stops at the first failed must check: no check starts after it, the report is partial, exit 1',
    () => {
      const out = join(tmp, 'bail');
      const args = ['--checks', 'reply,robustness', '--runs', '5', '--seed', '1', '--concurrency', '1'];
      const r = cli(['run', fixture('bad-reply-null.cjs'), ...args, '--bail', '--no-store', '--out', out], tmp);
      expect(r.code, r.err).toBe(1);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      expect(report.stopped).toBe('bail: must check reply/shape failed');
      expect(report.summary).toMatchObject({ total: 10, failed: 1, skipped: 9, partial: true });
      const ran = report.checks.filter((c) => c.outcome !== 'skip').map((c) => c.id);
      expect(ran).toStrictEqual(['reply/shape']);
      expect(r.out).toMatch(/^stopped early \(bail: must check reply\/shape failed\): 9 checks of 10 did not finish$/m);
    },
    BOUND_MS,
  );
});

describe('--quick', () => {
  it(
    'sets the runs per check of the profile; --runs given beside it wins',
    () => {
      const runsOf = (extra: readonly string[]): number => {
        const out = join(tmp, `quick${String(extra.length)}`);
        const args = ['--checks', 'reply/shape', '--seed', '1', '--no-store', '--out', out];
        const r = cli(['run', fixture('good-echo-context-done.cjs'), ...args, '--quick', ...extra], tmp);
        expect(r.code, r.err).toBe(0);
        const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
        expect(report.checks[0]?.runs).toBe(report.options.runs);
        return report.options.runs;
      };
      expect(runsOf([])).toBe(QUICK_PROFILE.runs);
      expect(runsOf(['--runs', '3'])).toBe(3);
    },
    BOUND_MS,
  );
});

describe('--watch', () => {
  it(
    'runs again when the handler changes, the checks that failed last time first; Ctrl-C ends it with 130',
    async () => {
      const handler = join(tmp, 'watched.mjs');
      copyFileSync(join(root, 'fixtures/handlers/hangs/healthy.mjs'), handler);
      const args = [
        '--checks',
        'reply/shape,reply/read-only-fields',
        '--runs',
        '3',
        '--seed',
        '1',
        '--concurrency',
        '1',
      ];
      const w = start(['run', handler, ...args, '--no-store', '--watch']);
      const summaries = (): string[] => w.seen.out.match(SUMMARY) ?? [];
      const idle = (n: number) => w.until((s) => summaries().length === n && s.err.split('watching ').length === n + 1);
      /** The checks of the last run, in the order they ended. */
      const lastOrder = (): string[] =>
        [...(w.seen.err.split('changed: run').at(-1) ?? '').matchAll(/^ {2}. (?:must|should) +(\S+)/gm)].map(
          (m) => m[1] ?? '',
        );
      await idle(1);
      expect(summaries()[0]).toMatch(/^CONFORMANT/);
      // A handler that rewrites a read-only field: the second run fails reply/read-only-fields.
      writeFileSync(handler, "export const handler = async (e) => ({ ...e, identityId: 'us-east-1:x' });\n");
      await idle(2);
      expect(w.seen.err).toContain('── watched.mjs changed: run 2 ──');
      expect(summaries()[1]).toMatch(/^NOT CONFORMANT/);
      expect(lastOrder()).toStrictEqual(['reply/shape', 'reply/read-only-fields']);
      // The third run starts with the check that failed.
      writeFileSync(handler, "export const handler = async (e) => ({ ...e, identityId: 'us-east-1:y' });\n");
      await idle(3);
      expect(lastOrder()).toStrictEqual(['reply/read-only-fields', 'reply/shape']);
      w.child.kill('SIGINT');
      expect(await w.exited, w.seen.err).toBe(130);
    },
    BOUND_MS,
  );

  it(
    'runs again when the config file changes, with the options it now gives',
    async () => {
      // A folder of its own: a config in the shared working folder would be applied to the other runs of this file.
      const dir = join(tmp, 'watch-config');
      mkdirSync(dir);
      const handler = join(dir, 'handler.mjs');
      copyFileSync(join(root, 'fixtures/handlers/hangs/healthy.mjs'), handler);
      const config = join(dir, 'watch.config.mjs');
      const configOf = (checks: readonly string[]): string =>
        `export default { checks: ${JSON.stringify(checks)}, runs: 3, seed: 1, concurrency: 1 };\n`;
      writeFileSync(config, configOf(['reply/shape']));
      const w = start(['run', handler, '--config', config, '--no-store', '--watch']);
      const summaries = (): string[] => w.seen.out.match(SUMMARY) ?? [];
      const idle = (n: number) => w.until((s) => summaries().length === n && s.err.split('watching ').length === n + 1);
      /** The checks of the last run, in the order they ended. */
      const lastChecks = (): string[] =>
        [...(w.seen.err.split('changed: run').at(-1) ?? '').matchAll(/^ {2}. (?:must|should) +(\S+)/gm)]
          .map((m) => m[1] ?? '')
          .sort();
      await idle(1);
      expect(w.seen.err).toContain('watching handler.mjs, watch.config.mjs for changes');
      expect(lastChecks()).toStrictEqual(['reply/shape']);
      writeFileSync(config, configOf(['reply/shape', 'reply/read-only-fields']));
      await idle(2);
      expect(w.seen.err).toContain('── watch.config.mjs changed: run 2 ──');
      expect(summaries()[1]).toMatch(/^CONFORMANT/);
      expect(lastChecks()).toStrictEqual(['reply/read-only-fields', 'reply/shape']);
      w.child.kill('SIGINT');
      expect(await w.exited, w.seen.err).toBe(130);
    },
    BOUND_MS,
  );

  it('is refused with in-process isolation, which would never see a change', () => {
    const r = cli(['run', slow, '--watch', '--isolation', 'in-process'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error E_USAGE: --watch cannot see a changed handler with --isolation in-process/m);
  });
});
