/**
 * The handler's coverage through the real CLI: the terminal names what no event reached, `--min-branch-coverage`
 * decides the verdict, and targets that cannot be measured say so (a threshold with them is a usage error).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from './cli.test-helpers.ts';

const dir = join(root, 'fixtures/handlers/covered');
/** One cheap check is enough: every event runs the handler's code the same way. */
const FAST = ['--checks', 'reply/shape', '--runs', '5', '--no-store', '--no-discover'];

describe('handler coverage', () => {
  it('names the branch and lines no generated event reached', () => {
    const r = cli(['run', 'unreached-branch.cjs', ...FAST], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'handler coverage: 0% of branches (0/1), 50% of lines (3/6); never reached: unreached-branch.cjs:4-6',
    );
  });

  it('maps a TypeScript handler back to its own lines through the source map tsx leaves', () => {
    const r = cli(['run', 'unreached-branch.ts', ...FAST], dir);
    expect(r.code, r.err).toBe(0);
    // The `if` body and the `?:` arm no event takes; the other `?:` arm ran.
    expect(r.out).toContain(
      'handler coverage: 33.3% of branches (1/3), 57.1% of lines (4/7); never reached: unreached-branch.ts:9-11',
    );
  });

  it('fails the run below --min-branch-coverage, and says why', () => {
    const r = cli(['run', 'unreached-branch.cjs', ...FAST, '--min-branch-coverage', '100'], dir);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('NOT CONFORMANT');
    expect(r.out).toContain("not conformant: the handler's branch coverage is 0%, below --min-branch-coverage 100");
  });

  it('passes a handler whose code all runs, in process isolation too', () => {
    for (const isolation of ['worker', 'process']) {
      const r = cli(['run', 'all-reached.cjs', ...FAST, '--isolation', isolation, '--min-branch-coverage', '100'], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('handler coverage: 100% of branches (1/1), 100% of lines (3/3)');
    }
  });

  it('is off with --no-coverage, and a threshold then is a usage error', () => {
    const off = cli(['run', 'unreached-branch.cjs', ...FAST, '--no-coverage'], dir);
    expect(off.code, off.err).toBe(0);
    expect(off.out).toContain('handler coverage: turned off (--no-coverage)');
    const both = cli(['run', 'unreached-branch.cjs', ...FAST, '--no-coverage', '--min-branch-coverage', '50'], dir);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--min-branch-coverage needs the handler');
  });

  it('is not measured end to end through Cognito Sync: a threshold there is a usage error', () => {
    const r = cli(['run', 'all-reached.cjs', '--cognito-sync', '--dry-run', '--min-branch-coverage', '50'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('which --cognito-sync does not measure');
  });

  it('is not measured for a command, and says so', () => {
    const command = `${JSON.stringify(process.execPath)} -e "process.stdin.pipe(process.stdout)"`;
    const r = cli(['run', '--command', command, ...FAST, '--min-branch-coverage', '50'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not measured for a --command target');
  });
});
