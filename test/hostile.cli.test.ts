/**
 * The handler is the thing being judged, so it is hostile: each test runs an attack as a real handler or command
 * through the real CLI and checks the true verdict and exit code, that the tool's secrets appear in no output, and
 * that nothing the handler started outlives the run. The attacks themselves are proven real first, against a
 * stand-in judge that does not defend itself (`fixtures/handlers/hostile/victim.cjs`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/main.js');
const hostile = (f: string): string => join(root, 'fixtures/handlers/hostile', f);
const tmp = mkdtempSync(join(tmpdir(), 'csc-hostile-'));
const BOUND_MS = scaled(120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly pid: number;
  /** The largest resident set seen while it ran, in MB (Linux `/proc`). */
  readonly peakRssMb: number;
}

/** Runs a command to its end, watching its memory; its environment is the test's plus `env`. */
function run(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    });
    let out = '';
    let err = '';
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const watch = setInterval(() => {
      try {
        const m = /VmRSS:\s*(\d+) kB/.exec(readFileSync(`/proc/${String(child.pid)}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // gone
      }
    }, 50);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${String(BOUND_MS)} ms: ${argv.join(' ')}\n${out}\n${err}`));
    }, BOUND_MS);
    child.on('close', (code) => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve({ code, out, err, pid: child.pid ?? -1, peakRssMb: peak });
    });
  });
}

const cli = (args: readonly string[], env?: Record<string, string>): Promise<CliRun> =>
  run([process.execPath, bin, ...args], env);

let n = 0;
const fresh = (name: string): string => join(tmp, `${name}-${String(++n)}`);

/** The attack log a hostile fixture writes (one JSON object per line). */
const attacks = (file: string): Record<string, unknown>[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

/** Every file under a folder, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [{ file: p, text: readFileSync(p, 'utf8') }];
  });
}

/** Processes whose command line is exactly `sleep <tag>`. */
function sleepers(tag: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8') === `sleep\0${tag}\0`;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const reportOf = (dir: string): { summary: { conformant: boolean } } =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { conformant: boolean } };

describe.runIf(process.platform === 'linux')('attacks on the verdict', () => {
  it.each(['worker', 'process'])(
    'are real: against a judge that does not defend itself, a %s forges CONFORMANT and exit 0',
    async (mode) => {
      let log = fresh('victim.log');
      // Node itself sometimes crashes (a signal, nothing printed) tearing down a worker that used
      // `connectToMainThread` (nodejs/node#31226): that is the stand-in's runtime failing, not the attack, so a crash
      // is tried again, twice at most. Anything else is asserted as it came.
      let r = await run([process.execPath, hostile('victim.cjs'), mode], { CSC_ATTACK_LOG: log });
      for (let again = 0; again < 2 && r.out === '' && r.code === null; again++) {
        log = fresh('victim.log');
        r = await run([process.execPath, hostile('victim.cjs'), mode], { CSC_ATTACK_LOG: log });
      }
      expect(r.out).toContain('CONFORMANT');
      expect(r.out).not.toContain('NOT CONFORMANT');
      expect(r.code).toBe(0);
      expect(attacks(log)[0]).toMatchObject({ reached: expect.any(Number) as number });
    },
  );

  it.each(['worker', 'process'] as const)(
    'fail against the tool: a wrong handler in %s isolation stays NOT CONFORMANT, exit 1',
    async (isolation) => {
      const log = fresh('forge.log');
      const out = fresh('forge-report');
      const r = await cli([
        'run',
        hostile('forge.cjs'),
        '--isolation',
        isolation,
        '--checks',
        'reply/shape',
        '--runs',
        '3',
        '--no-store',
        '--out',
        out,
        '--env',
        `CSC_ATTACK_LOG=${log}`,
      ]);
      expect(r.code).toBe(1);
      expect(r.out).toContain('NOT CONFORMANT');
      expect(reportOf(out).summary.conformant).toBe(false);
      const tried = attacks(log);
      // The inspector of its own main thread: the sandbox's (worker), or none (process); never the tool's.
      const main = tried.find((a) => a.technique === 'connectToMainThread');
      expect(main).toBeDefined();
      if (main && 'reached' in main) expect(main.reached).not.toBe(r.pid);
      // SIGUSR1 reached the tool, and opened nothing.
      expect(tried.find((a) => a.technique === 'sigusr1')).toMatchObject({
        target: r.pid,
        error: 'no inspector listening on 9229',
      });
      // The tool's line to a worker's host admits the host once: the handler, with the host's nonce, is shut out.
      expect(tried.find((a) => a.technique === 'hostLink')).toMatchObject(
        isolation === 'worker' ? { refused: true } : { error: 'no link' },
      );
    },
  );

  it('fail from a command target too', async () => {
    const log = fresh('forge-command.log');
    const out = fresh('forge-command-report');
    const r = await cli([
      'run',
      '--command',
      `node ${hostile('forge-command.cjs')}`,
      '--checks',
      'reply/shape',
      '--runs',
      '3',
      '--no-store',
      '--out',
      out,
      '--env',
      `CSC_ATTACK_LOG=${log}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT CONFORMANT');
    expect(reportOf(out).summary.conformant).toBe(false);
    expect(attacks(log)).toContainEqual(
      expect.objectContaining({ technique: 'sigusr1', target: r.pid, error: 'no inspector listening on 9229' }),
    );
  });
});

describe.runIf(process.platform === 'linux')("the tool's secrets", () => {
  const targets: [string, string[]][] = [
    ['a module in worker isolation', [hostile('secrets.cjs')]],
    ['a module in process isolation', [hostile('secrets.cjs'), '--isolation', 'process']],
    ['a command', ['--command', `node ${hostile('secrets.cjs')}`]],
  ];
  it.each(targets)('are not in the environment of %s, and what it steals appears in no output', async (_, target) => {
    const secret = `csc-secret-${String(process.pid)}-abcdefgh`;
    const token = `csc-token-${String(process.pid)}-ijklmnop`;
    const log = fresh('secrets.log');
    const out = fresh('secrets-report');
    const r = await cli(
      [
        'run',
        ...target,
        '--checks',
        'robustness/any-event',
        '--runs',
        '2',
        '--no-store',
        '--out',
        out,
        '--env',
        `CSC_ATTACK_LOG=${log}`,
      ],
      { AWS_SECRET_ACCESS_KEY: secret, CSC_TEST_TOKEN: token },
    );
    expect(r.code).toBe(1);
    const [seen] = attacks(log);
    // The handler got the placeholder, not the tool's credentials...
    expect(seen).toMatchObject({ own: { secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
    expect(JSON.stringify(seen?.own)).not.toContain(token);
    // ...stole them from /proc all the same (the redaction below is really exercised)...
    expect(JSON.stringify(seen?.stolen)).toContain(secret);
    // ...and printed and threw them: nowhere to be seen.
    for (const { file, text } of [
      ...filesUnder(out),
      { file: 'stdout', text: r.out },
      { file: 'stderr', text: r.err },
    ]) {
      expect(text.includes(secret) || text.includes(token), file).toBe(false);
    }
    expect(r.out).toContain('[redacted]');
  });
});

describe.runIf(process.platform === 'linux')('what a handler leaves behind', () => {
  it.each(['worker', 'process'] as const)(
    'children and a setsid daemon started in %s isolation are gone when the run ends',
    async (isolation) => {
      const tag = `${String(900 + n)}.${String(process.pid % 1000)}`;
      const r = await cli(
        [
          'run',
          hostile('orphans.cjs'),
          '--isolation',
          isolation,
          '--checks',
          'reply/shape',
          '--runs',
          '2',
          '--no-store',
          '--env',
          `CSC_ORPHAN_TAG=${tag}`,
        ],
        {},
      );
      expect(r.out).toMatch(/CONFORMANT/);
      expect(sleepers(tag)).toStrictEqual([]);
    },
  );

  it('a command whose setsid daemon holds stdout does not keep the tool alive, and is gone after the run', async () => {
    const tag = `${String(800 + n)}.${String(process.pid % 1000)}`;
    const r = await cli([
      'run',
      '--command',
      `cat > /dev/null; echo null; setsid sleep ${tag} &`,
      '--checks',
      'reply/shape',
      '--runs',
      '3',
      '--no-store',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT CONFORMANT');
    expect(sleepers(tag)).toStrictEqual([]);
  });

  it("a handler that lies about its coverage gets no other file into the report, nor the tool's", async () => {
    const out = fresh('forge-coverage');
    const r = await cli([
      'run',
      hostile('forge-coverage.cjs'),
      '--checks',
      'reply/shape',
      '--runs',
      '3',
      '--no-store',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      handlerCoverage: { files: { path: string; source?: string }[] };
    };
    // The lie about a file of its own folder gets through (the rewrite is real); nothing outside it does.
    const files = report.handlerCoverage.files;
    expect(files.map((f) => f.path)).toStrictEqual([hostile('attack.cjs'), hostile('forge-coverage.cjs')]);
    expect(files[1]?.source).toBe(readFileSync(hostile('forge-coverage.cjs'), 'utf8'));
    for (const file of filesUnder(out)) expect(file.text).not.toContain('The host: the entry of a sandbox process');
  });

  it('a handler that kills its own process is a crashed invocation, not the end of the tool', async () => {
    const out = fresh('kill-report');
    const r = await cli([
      'run',
      hostile('kill-self.cjs'),
      '--checks',
      'robustness/any-event',
      '--runs',
      '2',
      '--no-store',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT CONFORMANT');
    expect(r.out).toMatch(/crashed/);
    expect(reportOf(out).summary.conformant).toBe(false);
  });

  // One check of one case, without discovery's probes: a reply or two of 200 MB each. The tool never holds one (the
  // sandbox answers the payload error, and a frame over its cap is refused from its length), so more replies would
  // measure the same thing: a shrink of about 35 of them took 15 s of CPU, discovery's probes 3.5 s a run.
  const ONE = ['--checks', 'runtime/style-supported', '--no-discover'];
  it.each([
    ['a module in worker isolation', [hostile('huge-reply.cjs'), ...ONE]],
    ['a module in process isolation', [hostile('huge-reply.cjs'), '--isolation', 'process', ...ONE]],
    ['a command', ['--command', `node ${hostile('huge-reply.cjs')}`, ...ONE]],
  ])(
    "a 200 MB reply from %s is Lambda's payload error, and the tool's memory does not follow it",
    async (_, target) => {
      const r = await cli(['run', ...target, '--no-store']);
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.out).toContain('Function.ResponseSizeTooLarge');
      expect(r.out + r.err).not.toMatch(/did not finish loading|internal error/);
      // The tool alone: a copy of the reply would be 200 MB at least, the tool is well under that.
      expect(r.peakRssMb).toBeGreaterThan(0);
      expect(r.peakRssMb).toBeLessThan(200 + 150);
      // Each case builds and serializes 200 MB in the sandbox: slow, and slower on a busy machine.
    },
    BOUND_MS + scaled(10_000),
  );
});

describe.runIf(process.platform === 'linux')('replies the judge must survive', () => {
  // The two that wait out deadlines run side by side: most of their time is waiting.
  it.concurrent(
    'a handler that spins forever on some events fails with the timeout, and the run ends',
    async () => {
      const out = fresh('spin-report');
      const r = await cli([
        'run',
        join(root, 'fixtures/handlers/hangs/spin-on-empty.cjs'),
        '--checks',
        'reply/shape',
        '--runs',
        '20',
        // An event with no record at all is drawn now and then: some seeds' 20 cases hold none (seed 438466044
        // did, and the run rightly passed). Seed 1 draws one.
        '--seed',
        '1',
        // Discovery's probes would meet the spin too: one more deadline with a core burnt through it (5 s of CPU),
        // for a path the hang tests (hangs.e2e.test.ts) take with a handler that waits.
        '--no-discover',
        '--no-store',
        '--out',
        out,
      ]);
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.out).toContain('NOT CONFORMANT');
      expect(r.out).toMatch(/did not reply within|timed out|no reply within/);
      expect(reportOf(out).summary.conformant).toBe(false);
    },
    BOUND_MS + scaled(10_000),
  );

  it.concurrent(
    'a handler that hangs on every case fails each check with the timeout after a few cases, not its whole budget',
    async () => {
      const log = fresh('hang.log');
      const out = fresh('hang-report');
      const runs = 20;
      const r = await cli([
        'run',
        join(root, 'fixtures/handlers/hangs/hang-always.cjs'),
        '--checks',
        'reply/shape,reply/read-only-fields',
        '--runs',
        String(runs),
        // Seed 11 draws, after the hang is confirmed, two cases of its classes that are then not run (`notRun`).
        '--seed',
        '11',
        // Budget enough for every case to time out: the check must conclude on its own, not on this limit.
        '--check-timeout',
        `${String(Math.ceil(scaled(600_000) / 1000))}s`,
        '--no-store',
        '--out',
        out,
        '--env',
        `CSC_HANG_LOG=${log}`,
      ]);
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.out).toContain('NOT CONFORMANT');
      expect(r.out).toMatch(/no reply within \d+ ms/);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        summary: { failed: number; timedOut: number };
        checks: { id: string; runs: number; notRun?: number; outcome: string; failures?: { signature: string }[] }[];
      };
      expect(report.summary).toMatchObject({ failed: 2, timedOut: 0 });
      for (const check of report.checks) {
        // Failed with the hang as counterexample, not cut off by its time limit...
        expect(check.outcome, check.id).toBe('fail');
        expect(check.failures?.map((f) => f.signature)).toStrictEqual(['timed-out']);
        // ...after a few cases run: the one that hung and the one that hung again (harness/generatedPhase.ts). Cases
        // of a hang's confirmed classes are drawn but not run (`notRun`): how many depends on the seed.
        expect(check.runs - (check.notRun ?? 0), check.id).toBeLessThanOrEqual(3);
      }
      // Each check waits out a deadline for its first hang, one shrink candidate and the hang met again; the
      // handler is invoked a few times in all, where the budget is 2 × 20 cases (and discovery's look).
      const invocations = readFileSync(log, 'utf8').trim().split('\n').length;
      expect(invocations).toBeGreaterThanOrEqual(2);
      expect(invocations).toBeLessThanOrEqual(2 * 3 + 2);
    },
    BOUND_MS + scaled(10_000),
  );

  it('5,000 levels of nesting in a read-only field are judged, not a stack overflow', async () => {
    const r = await cli([
      'run',
      hostile('deep-nesting.cjs'),
      '--checks',
      'reply/read-only-fields',
      '--runs',
      '3',
      '--no-store',
    ]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('read-only field identityId changed');
    expect(r.out + r.err).not.toMatch(/internal error|Maximum call stack/);
  });

  it('a command reply that is not UTF-8 is refused as Lambda refuses it', async () => {
    const r = await cli([
      'run',
      '--command',
      `node ${hostile('invalid-utf8.cjs')}`,
      '--checks',
      'reply/shape',
      '--runs',
      '3',
      '--no-store',
    ]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('the reply is not valid UTF-8, which Lambda refuses as a response');
  });
});
