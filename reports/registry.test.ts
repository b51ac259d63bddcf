/** Reporter names: checked up front, in one place, for the library and for `--reporter`. */
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../runtime/errors.ts';
import { fixtureRun } from './__fixtures__/run.ts';
import { collectReporters, REPORTER_NAMES, renderReports, resolveReporters } from './index.ts';

const usageError = (f: () => unknown): HarnessError => {
  try {
    f();
  } catch (e) {
    if (e instanceof HarnessError) return e;
    throw e;
  }
  throw new Error('expected a HarnessError');
};

describe('reporters', () => {
  it('are json, junit, markdown, html, badge and sarif, all by default', () => {
    expect(REPORTER_NAMES).toStrictEqual(['json', 'junit', 'markdown', 'html', 'badge', 'sarif']);
    expect(resolveReporters()).toStrictEqual([...REPORTER_NAMES]);
    expect(resolveReporters([' html', 'json', 'html'])).toStrictEqual(['html', 'json']);
  });

  it('an unknown or empty choice is a usage error naming the known reporters', () => {
    const e = usageError(() => resolveReporters(['json', 'pdf', 'xml']));
    expect(e.code).toBe('E_REPORTER');
    expect(e.message).toBe(
      'unknown reporters "pdf", "xml" (did you mean html?); known reporters: json, junit, markdown, html, badge, sarif',
    );
    expect(usageError(() => resolveReporters([])).message).toMatch(/^no reporter given/);
  });

  it('--reporter parsing: comma-separated, repeatable, checked as it is read', () => {
    expect(collectReporters('json, junit')).toStrictEqual(['json', 'junit']);
    expect(collectReporters('badge', collectReporters('json,html'))).toStrictEqual(['json', 'html', 'badge']);
    expect(usageError(() => collectReporters('json,htm')).message).toMatch(
      /unknown reporter "htm" \(did you mean html\?\)/,
    );
    expect(usageError(() => collectReporters(' , ')).message).toMatch(/^no reporter given/);
  });

  it('render each chosen reporter’s files plus the replay files of failures', () => {
    const paths = (names?: string[]): string[] => renderReports(fixtureRun(), names).map((f) => f.path);
    expect(paths().filter((p) => !p.startsWith('failures/'))).toStrictEqual([
      'report.json',
      'junit.xml',
      'summary.md',
      'index.html',
      'badge.svg',
      'badge.json',
      'report.sarif',
    ]);
    expect(paths(['badge']).filter((p) => !p.startsWith('failures/'))).toStrictEqual(['badge.svg', 'badge.json']);
    expect(paths(['badge'])).toContain('failures/regression.replay.ts');
    expect(paths(['badge'])).toContain('failures/vitest.replay.config.mjs');
  });
});
