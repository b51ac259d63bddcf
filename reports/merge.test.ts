/**
 * `report merge`: several runs × checks on one page and in `matrix.json`; bad input is a usage error naming the
 * file, and the CLI prints it without a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../harness/index.ts';
import { HOSTILE } from './__fixtures__/hostile.ts';
import { conformantRun, fixtureRun } from './__fixtures__/run.ts';
import { mergeReports, renderJson, writeReports, type Matrix } from './index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-merge-'));
const at = (...p: string[]): string => join(tmp, ...p);

beforeAll(async () => {
  await writeReports(fixtureRun(), at('hostile'), ['json', 'html']);
  const node24: RunResult = { ...conformantRun(), target: { ...conformantRun().target, runtime: 'nodejs24.x' } };
  await writeReports(node24, at('node24'), ['json']);
  mkdirSync(at('bad'), { recursive: true });
  writeFileSync(at('bad/truncated.json'), renderJson(fixtureRun()).slice(0, 200));
  writeFileSync(at('bad/v99.json'), JSON.stringify({ ...fixtureRun(), schemaVersion: 99 }));
  writeFileSync(at('bad/array.json'), '[]');
  writeFileSync(at('bad/other.json'), '{"name":"some-package","version":"1.0.0"}');
  writeFileSync(
    at('bad/outcome.json'),
    JSON.stringify({ ...fixtureRun(), checks: [{ ...fixtureRun().checks[0], outcome: 'passed' }] }),
  );
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('mergeReports', () => {
  it('writes a matrix page and matrix.json: every run a column, every check a row', async () => {
    const written = await mergeReports([at('hostile/report.json'), at('node24')], at('site'));
    expect(written).toStrictEqual([at('site/index.html'), at('site/matrix.json')]);
    const matrix = JSON.parse(readFileSync(at('site/matrix.json'), 'utf8')) as Matrix;
    expect(matrix.runs.map((r) => [r.verdict, r.runtime, r.link])).toStrictEqual([
      ['not-conformant', 'nodejs22.x', '../hostile/index.html'],
      ['conformant', 'nodejs24.x', undefined],
    ]);
    expect(matrix.checks.map((c) => c.id)).toStrictEqual(fixtureRun().checks.map((c) => c.id));
    const dropped = matrix.checks.find((c) => c.id === 'data/no-dropped-changes');
    expect(dropped?.outcomes).toStrictEqual(['fail', null]);
    const page = readFileSync(at('site/index.html'), 'utf8');
    expect(page).toContain('<a href="../hostile/index.html">');
    expect(page).toContain('<span class="absent">not run</span>');
    for (const payload of Object.values(HOSTILE)) if (/[<>]/.test(payload)) expect(page).not.toContain(payload);
  });

  it.each([
    [
      'a missing file',
      'nope/report.json',
      /^report not found: .*nope\/report\.json \(give the report\.json a run wrote with --out\)$/,
    ],
    [
      'a folder without report.json',
      'bad',
      /^report not found: .*bad\/report\.json \(give the report\.json a run wrote with --out\)$/,
    ],
    ['malformed JSON', 'bad/truncated.json', /^.*bad\/truncated\.json is not valid JSON: /],
    [
      'another schema version',
      'bad/v99.json',
      /bad\/v99\.json cannot be merged: it has report schema version 99; this version of the tool reads version 2$/,
    ],
    ['a JSON array', 'bad/array.json', /bad\/array\.json cannot be merged: it is not a JSON object$/],
    ['some other JSON file', 'bad/other.json', /bad\/other\.json cannot be merged: it has no schemaVersion/],
    [
      'an unknown outcome',
      'bad/outcome.json',
      /bad\/outcome\.json cannot be merged: checks\[0\] \(runtime\/style-supported\) has outcome "passed"/,
    ],
  ])('%s is an E_REPORT_FILE error naming the file', async (_what, file, message) => {
    await expect(mergeReports([at('node24'), at(file)], at('never'))).rejects.toMatchObject({
      name: 'HarnessError',
      code: 'E_REPORT_FILE',
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('refuses no input, and an --out that would overwrite a run’s own page', async () => {
    await expect(mergeReports([], at('x'))).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(mergeReports([at('hostile')], at('hostile'))).rejects.toMatchObject({
      code: 'E_OUT',
      message: expect.stringMatching(/would overwrite that run's index\.html/) as unknown,
    });
  });
});

/** Runs the CLI; resolves with its exit code and output. */
const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), ...args], {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });

describe('report merge (CLI)', () => {
  it('merges, and answers bad input with one clear line and exit code 2, never a stack trace', async () => {
    const [ok, wrong] = await Promise.all([
      cli(['report', 'merge', 'hostile/report.json', 'node24', '--out', 'cli-site']),
      cli(['report', 'merge', 'node24/report.json', 'bad/v99.json', '--out', 'cli-never']),
    ]);
    expect(ok).toStrictEqual({
      code: 0,
      stdout: `wrote ${join('cli-site', 'index.html')}, ${join('cli-site', 'matrix.json')}\n`,
      stderr: '',
    });
    expect(wrong).toStrictEqual({
      code: 2,
      stdout: '',
      stderr:
        'error E_REPORT_FILE: bad/v99.json cannot be merged: it has report schema version 99; this version of the tool ' +
        'reads version 2\n',
    });
  }, 30_000);
});
