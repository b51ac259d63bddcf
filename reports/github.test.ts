/**
 * GitHub Actions output of a run: one annotation per failure at the handler's own frame, escaped as the Actions
 * toolkit escapes (handler text can neither end an annotation nor start a workflow command), and step outputs in
 * the `$GITHUB_OUTPUT` delimiter format.
 */
import { describe, expect, it } from 'vitest';
import { conformantRun, fixtureRun, partialRun } from './__fixtures__/run.ts';
import { RAW_CONTROL } from './__fixtures__/hostile.ts';
import { spoofRun } from './__fixtures__/spoof.ts';
import { escapeData, escapeProperty, githubAnnotations, githubOutputs, outputFileText } from './github.ts';

describe('GitHub annotations', () => {
  it('escape as the Actions toolkit does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('put each failure at the handler’s own frame, or on its module when it replied wrongly', () => {
    const lines = githubAnnotations(fixtureRun(), '/var/task');
    const nullEntry = lines.find((l) => l.includes(' robustness/null-entries '));
    // The fixture's trace: `at Runtime.handler (file:///var/task/handlers/game-sync.mjs:7:31)`.
    expect(nullEntry).toMatch(
      /^::error file=handlers\/game-sync\.mjs,line=7,col=31,title=R\d robustness\/null-entries /,
    );
    const dropped = githubAnnotations(fixtureRun(), process.cwd()).find((l) => l.includes(' data/no-dropped-changes '));
    // A should failure is a warning; no line of its own, so the file alone.
    expect(dropped).toMatch(/^::warning file=handlers\/game-sync\.mjs,title=R\d data\/no-dropped-changes \(should\)/);
    expect(dropped).toContain('replay: npx cognito-sync-conformance replay data/no-dropped-changes');
  });

  it('name the undocumented readings a failure rests on, and none for one that holds under every reading', () => {
    const lines = githubAnnotations(fixtureRun(), '/var/task');
    const resting = lines.find((l) => l.includes(' semantics/undocumented-reading '));
    // `%0A` is the escaped line break: the readings are a line of the message of their own, before the replay line.
    expect(resting).toContain('%0Arests on undocumented readings: reply.nonStringValue=invalid%0Areplay: ');
    const thrown = lines.find((l) => l.includes(' robustness/null-entries '));
    expect(thrown).toBeDefined();
    expect(thrown).not.toContain('rests on');
  });

  it('one per root cause, then per error, timeout and skip; none for a pass', () => {
    const run = fixtureRun();
    const troubled = run.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'fail');
    const lines = githubAnnotations(run);
    expect(lines).toHaveLength(run.rootCauses.length + troubled.length);
    const kinds = lines.map((l) => /^::(\w+)/.exec(l)?.[1]);
    expect(kinds).toStrictEqual([
      ...run.rootCauses.map((c) => (c.level === 'should' ? 'warning' : 'error')),
      ...troubled.map((c) => (c.outcome === 'skip' ? 'warning' : 'error')),
    ]);
    for (const [i, cause] of run.rootCauses.entries()) expect(lines[i]).toContain(`title=${cause.id} ${cause.home}`);
    expect(githubAnnotations(conformantRun())).toStrictEqual([]);
  });

  it('keep handler text on its one line and inert', () => {
    for (const line of githubAnnotations(spoofRun())) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).not.toMatch(RAW_CONTROL);
      // Only the command's own two `::` pairs: the property list and the message start.
      expect(line.startsWith('::')).toBe(true);
      const props = line.slice(2, line.indexOf('::', 2));
      expect(props).not.toMatch(/[\r\n]/);
    }
  });
});

describe('GitHub step outputs', () => {
  it('name the verdict and the report paths', () => {
    expect(githubOutputs(fixtureRun(), 'out/report/')).toMatchObject({
      verdict: 'not-conformant',
      conformant: 'false',
      'report-dir': 'out/report',
      'report-json': 'out/report/report.json',
      sarif: 'out/report/report.sarif',
    });
    expect(githubOutputs(conformantRun(), 'r').verdict).toBe('conformant');
    expect(githubOutputs(partialRun(), 'r').verdict).toBe('partial');
  });

  it('are written in the delimiter format, which no value can break out of', () => {
    const text = outputFileText({ verdict: 'partial', 'report-dir': 'a\nverdict=conformant' }, 'D1');
    expect(text).toBe('verdict<<D1\npartial\nD1\nreport-dir<<D1\na\nverdict=conformant\nD1\n');
    expect(() => outputFileText({ x: 'D1' }, 'D1')).toThrow(/delimiter/);
  });
});
