/**
 * What every format says is true of the run: a subset run says it ran only some checks (badge, summary, Markdown,
 * HTML), "undocumented behaviour relied on" says only what the run found, and a rejected reply's cause (a record it
 * added to a full dataset) shows in every diff.
 */
import { CATALOG } from '../suites/catalog.ts';
import { failed, specOf } from './__fixtures__/failed.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance, type CheckResult, type RunResult } from '../harness/index.ts';
import { eventOf, recordsOf, valuesOf } from './__fixtures__/hostile.ts';
import { conformantRun, fixtureChecks, fixtureRun, runOf } from './__fixtures__/run.ts';
import { readingFailure } from './__fixtures__/failures.ts';
import { noDependenceText, selectionText, verdictTitle } from './format.ts';
import { badgeOf, failureText, renderHtml, renderJunit, renderMarkdown } from './index.ts';

/** A conformant run of 5 of the 19 checks, as `--checks` leaves it. */
const subset = (): RunResult => {
  const r = conformantRun();
  return { ...r, options: { ...r.options, checks: ['reply'], available: 19 } };
};

describe('a subset run says so', () => {
  it('in the verdict words, the badge, the Markdown heading, the HTML banner and the JUnit properties', () => {
    const r = subset();
    expect(selectionText(r)).toBe('5 of 19 checks');
    expect(verdictTitle(r)).toBe('conformant (5 of 19 checks)');
    expect(badgeOf(r)).toStrictEqual({
      label: 'sync trigger',
      message: '4/4 must · 5 of 19 checks',
      color: 'yellowgreen',
    });
    expect(renderMarkdown(r)).toMatch(/^## Sync Trigger conformance: conformant \(5 of 19 checks\)\n/);
    expect(renderHtml(r)).toContain(
      '<div class="verdict-word">conformant <span class="subset">(5 of 19 checks)</span></div>',
    );
    expect(renderHtml(r)).toContain('<title>Sync Trigger conformance: conformant (5 of 19 checks)');
    expect(renderJunit(r)).toContain('<property name="selection" value="5 of 19 checks"/>');
  });

  it('a full run, and a run that names every check, say nothing of a subset', () => {
    const full = { ...conformantRun(), options: { ...conformantRun().options, available: 5 } };
    expect(selectionText(full)).toBeUndefined();
    expect(badgeOf(full).color).toBe('brightgreen');
    expect(renderMarkdown(full)).toMatch(/^## Sync Trigger conformance: conformant\n/);
    // A report without the count still marks a run filtered by --checks.
    const old = { ...conformantRun(), options: { ...conformantRun().options, checks: ['reply'] } };
    expect(verdictTitle(old)).toBe('conformant (5 checks, a subset)');
  });
});

describe('"undocumented behaviour relied on" says only what the run found', () => {
  it('names the point when semantics/undocumented-reading failed, in HTML and Markdown', () => {
    const page = renderHtml(fixtureRun());
    const section = /<section id="undocumented">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('<code>reply.nonStringValue</code>');
    expect(section).not.toMatch(/None found|No outcome/);
    expect(renderMarkdown(fixtureRun())).toContain(
      'depends on undocumented behaviour: <code>reply\\.nonStringValue</code>',
    );
  });

  it('never says "none" unless the check ran and passed', () => {
    const withoutDeps: CheckResult = { ...readingFailure, dependsOn: [] };
    const { counterexample: _cx, ...readingBase } = specOf(readingFailure);
    const passed: CheckResult = { ...readingBase, outcome: 'pass', dependsOn: [] };
    const cases: [RunResult, RegExp][] = [
      [
        runOf(fixtureChecks().filter((c) => c.outcome === 'pass')),
        /^Not checked: semantics\/undocumented-reading was not part/,
      ],
      [runOf([withoutDeps]), /^semantics\/undocumented-reading failed/],
      [runOf([passed]), /^None found: semantics\/undocumented-reading passed/],
      [
        runOf([{ ...readingBase, outcome: 'timeout', reason: 'time limit reached', dependsOn: [] }]),
        /^Not known: .* did not run to the end \(timed out\)/,
      ],
    ];
    for (const [run, text] of cases) {
      expect(noDependenceText(run)).toMatch(text);
      const section = /<section id="undocumented">[\s\S]*?<\/section>/.exec(renderHtml(run))?.[0] ?? '';
      expect(section).toContain(noDependenceText(run));
    }
  });
});

describe('a rejected reply shows what it asked for', () => {
  // A handler that adds one record to a full dataset: the update is rejected, and the cause is that record.
  const keys = Array.from({ length: 1024 }, (_, i) => `k${String(i).padStart(4, '0')}`);
  const stored = valuesOf(keys.map((k) => [k, '']));
  const event = eventOf(recordsOf(keys.map((k) => [k, { oldValue: '', newValue: '', op: 'replace' }])));
  const reply = {
    ...event,
    datasetRecords: { ...event.datasetRecords, lastSync: { newValue: 'x'.repeat(5000), op: 'replace' } },
  };
  const limits: CheckResult = failed({
    ...specOf(readingFailure),
    id: 'limits/within-limits',
    title: 'The resulting dataset stays within the limits',
    level: 'must',
    basis: 'documented',
    clause: '§3',
    dependsOn: [],
    counterexample: {
      ...specOf(readingFailure).counterexample,
      event,
      input: event,
      invocations: [{ kind: 'replied', ms: 1, logs: '', json: JSON.stringify(reply) }],
      messages: ['the dataset would hold 1025 records, over 1024 [$.datasetRecords; CONTRACT §3]'],
      violations: [],
      stored,
      expected: stored,
      resulting: null,
    },
  });
  const run = runOf([limits]);

  it('in the terminal text, with the value elided to its size', () => {
    const text = failureText(limits, undefined, run.readings);
    expect(text).toMatch(/"lastSync": absent → absent → "x+…" \(5,002 chars\) {2}✗ the reply asked to add it/);
    expect(text).toContain('1,024 records equal in every dataset not shown');
    expect(text).not.toContain('No record differs');
  });

  it('in the HTML and Markdown diffs', () => {
    const page = renderHtml(run);
    expect(page).toContain('<th>the reply asked</th>');
    expect(page).toContain('✗ the reply asked to add it (the user has no such record)');
    expect(page).not.toContain('No record differs');
    const md = renderMarkdown(run);
    expect(md).toContain('| key | stored | expected | resulting | the reply asked | |');
    expect(md).toMatch(
      /\| <code>&quot;lastSync&quot;<\/code> \| — \| — \| — \| <code>&quot;x+…&quot; \\\(5,002 chars\\\)<\/code> \|/,
    );
  });
});

describe('of real runs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'csc-truth-'));
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });
  const fixture = (f: string): string => new URL(`../fixtures/handlers/conformance/${f}`, import.meta.url).pathname;

  it('a failing semantics/undocumented-reading records the points it found, and the reports name them', async () => {
    const run = await checkConformance({
      handler: fixture('bad-number-values.mjs'),
      checks: ['semantics/undocumented-reading'],
      runs: 30,
      seed: 1,
      store: false,
      isolation: 'in-process',
    });
    const [check] = run.checks;
    expect(check?.outcome).toBe('fail');
    expect(check?.dependsOn?.map((d) => d.point)).toContain('reply.nonStringValue');
    const section = /<section id="undocumented">[\s\S]*?<\/section>/.exec(renderHtml(run))?.[0] ?? '';
    expect(section).toContain('<code>reply.nonStringValue</code>');
    expect(renderMarkdown(run)).toMatch(/depends on undocumented behaviour: .*reply\\.nonStringValue/);
    expect(run.options.available).toBe(CATALOG.length);
    expect(verdictTitle(run)).toMatch(new RegExp(`\\(1 of ${String(CATALOG.length)} checks\\)$`));
  });

  it('limits/within-limits names the record a handler added to a full dataset', async () => {
    const handler = join(tmp, 'add-stamp.mjs');
    writeFileSync(
      handler,
      "export const handler = async (event) => {\n  event.datasetRecords.lastSync = { newValue: 'now', op: 'replace' };\n  return event;\n};\n",
    );
    const run = await checkConformance({
      handler,
      checks: ['limits/within-limits'],
      runs: 5,
      seed: 1,
      store: false,
      isolation: 'in-process',
    });
    const [check] = run.checks;
    expect(check?.outcome).toBe('fail');
    if (!check) return;
    expect(failureText(check, undefined, run.readings)).toMatch(
      /"lastSync": absent → absent → "now" {2}✗ the reply asked to add it/,
    );
    expect(renderHtml(run)).toContain('✗ the reply asked to add it (the user has no such record)');
  });
});
