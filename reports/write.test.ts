/** Writing a run's reports: every format in one go, nothing on a bad reporter name, stale replay files cleared. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformantRun, fixtureRun } from './__fixtures__/run.ts';
import { renderReports, writeReports } from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-write-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();

describe('writeReports', () => {
  it('writes every format and the replay files, exactly as rendered', async () => {
    const out = join(tmp, 'all');
    const written = await writeReports(fixtureRun(), out);
    const rendered = renderReports(fixtureRun());
    expect(filesUnder(out)).toStrictEqual(rendered.map((f) => f.path).sort());
    expect(written.map((p) => relative(out, p).split('\\').join('/'))).toStrictEqual(rendered.map((f) => f.path));
    for (const f of rendered) expect(readFileSync(join(out, f.path), 'utf8')).toBe(f.content);
    expect(filesUnder(out)).toEqual(
      expect.arrayContaining(['report.json', 'junit.xml', 'summary.md', 'index.html', 'badge.svg', 'badge.json']),
    );
  });

  it('writes nothing when a reporter name is unknown', async () => {
    const out = join(tmp, 'bad-name');
    await expect(writeReports(fixtureRun(), out, ['json', 'pdf'])).rejects.toMatchObject({ code: 'E_REPORTER' });
    expect(existsSync(out)).toBe(false);
  });

  it('clears the replay files of an earlier run, but never a failures/ folder it did not write', async () => {
    const out = join(tmp, 'again');
    await writeReports(fixtureRun(), out, ['json']);
    expect(existsSync(join(out, 'failures/reply/read-only-fields/1.event.json'))).toBe(true);
    await writeReports(conformantRun(), out, ['json']);
    expect(existsSync(join(out, 'failures'))).toBe(false);

    const mine = join(tmp, 'user-owned');
    mkdirSync(join(mine, 'failures'), { recursive: true });
    writeFileSync(join(mine, 'failures/notes.md'), 'my own notes');
    await writeReports(conformantRun(), mine, ['json']);
    expect(readFileSync(join(mine, 'failures/notes.md'), 'utf8')).toBe('my own notes');
  });
});
