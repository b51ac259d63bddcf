/**
 * The end of a run whose check hit a bug in the tool: the failures and reports as for any run, then the bug named
 * with where to report it, and exit 3.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUG_REPORT, internalError } from '../harness/internal.ts';
import type { CheckResult } from '../harness/result.ts';
import { fixtureRun, runOf, fixtureChecks } from '../reports/__fixtures__/run.ts';
import { finish } from './runOnce.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `finish` and keeps what it printed. */
async function finished(run: ReturnType<typeof fixtureRun>): Promise<{ out: string; err: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'csc-finish-'));
  dirs.push(dir);
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  await finish(run, { out: join(dir, 'report'), store: false, discover: true, coverage: true });
  vi.restoreAllMocks();
  return { out, err, dir };
}

describe('finish', () => {
  it('writes the reports, names the bug in the tool and where to report it, and exits 3', async () => {
    const [first, ...rest] = fixtureChecks();
    if (!first) throw new Error('the fixture run has checks');
    const bug: CheckResult = {
      ...first,
      outcome: 'error',
      error: internalError(new TypeError('judge: x is undefined')),
    };
    const { out, err, dir } = await finished(runOf([bug, ...rest]));
    expect(process.exitCode).toBe(3);
    expect(err).toContain(`internal error in ${bug.id}: ${BUG_REPORT}`);
    expect(out).toMatch(/reports: /);
    const report = JSON.parse(readFileSync(join(dir, 'report/report.json'), 'utf8')) as {
      checks: { id: string; outcome: string; error?: { code: string } }[];
    };
    expect(report.checks.find((c) => c.id === bug.id)).toMatchObject({
      outcome: 'error',
      error: { code: 'E_INTERNAL' },
    });
    expect(existsSync(join(dir, 'report/index.html'))).toBe(true);
  });

  it('a run without a bug in the tool exits with its verdict', async () => {
    const { err } = await finished(fixtureRun());
    expect(process.exitCode).toBe(1);
    expect(err).not.toContain('internal error');
  });
});
