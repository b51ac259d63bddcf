/**
 * The renderers, on one fixed run (passing, failing with hostile content, errored, skipped and timed-out checks):
 * pinned by snapshots, the JSON valid against the shipped schema, the XML well formed with errors apart from
 * failures, and nothing a handler controls able to become markup.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkConformance, type RunResult } from '../harness/index.ts';
import { conformantRun, fixtureRun, hugeFailureRun } from './__fixtures__/run.ts';
import { HOSTILE } from './__fixtures__/hostile.ts';
import {
  badgeOf,
  failureArtifacts,
  renderBadgeJson,
  renderBadgeSvg,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderMatrix,
  renderRegressionTest,
  resolveReporters,
} from './index.ts';

const schema = JSON.parse(readFileSync(new URL('./schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
const errorsOf = (data: unknown): string[] =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

describe('report.json', () => {
  it('is the run as it is, valid against the shipped schema', () => {
    const text = renderJson(fixtureRun());
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(fixtureRun()));
    expect(errorsOf(JSON.parse(text))).toStrictEqual([]);
    expect(errorsOf(JSON.parse(renderJson(hugeFailureRun(50))))).toStrictEqual([]);
  });

  it('of a real run (a failing handler, shrunk counterexamples) is valid too', async () => {
    const run = await checkConformance({
      handler: new URL('../fixtures/handlers/conformance/bad-rebuild-records.mjs', import.meta.url).pathname,
      checks: ['reply', 'data', 'timing/margin'],
      runs: 20,
      seed: 3,
      store: false,
      isolation: 'in-process',
    });
    expect(run.summary.failed).toBeGreaterThan(0);
    expect(errorsOf(JSON.parse(renderJson(run)))).toStrictEqual([]);
  });

  it('the schema rejects what breaks the contract of the format', () => {
    const run = JSON.parse(renderJson(fixtureRun())) as RunResult & { checks: Record<string, unknown>[] };
    const failing = run.checks.findIndex((c) => c.outcome === 'fail');
    const broken = structuredClone(run) as unknown as { checks: Record<string, unknown>[]; schemaVersion: number };
    delete broken.checks[failing]?.counterexample;
    expect(errorsOf(broken).join()).toMatch(/counterexample/);
    expect(errorsOf({ ...run, schemaVersion: 2 }).join()).toMatch(/schemaVersion/);
    expect(errorsOf({ ...run, checks: [{ ...run.checks[0], outcome: 'passed' }] }).join()).toMatch(/outcome/);
  });
});

describe('the renderers', () => {
  const run = fixtureRun();

  it.each([
    ['junit.xml', renderJunit],
    ['summary.md', renderMarkdown],
    ['index.html', renderHtml],
    ['badge.svg', renderBadgeSvg],
    ['badge.json', renderBadgeJson],
  ] as const)('%s is pinned by a snapshot of the fixed run', (name, render) => {
    expect(render(run)).toMatchSnapshot(name);
  });

  it('are pure: the same run renders the same text twice', () => {
    expect(renderHtml(run)).toBe(renderHtml(fixtureRun()));
    expect(renderJunit(run)).toBe(renderJunit(fixtureRun()));
  });

  it('junit.xml: one testcase per check, failures and errors apart, skipped and timed out marked', () => {
    const xml = renderJunit(run);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const cases = xml.match(/<testcase\b/g) ?? [];
    expect(cases).toHaveLength(run.checks.length);
    const count = (outcome: string): number => run.checks.filter((c) => c.outcome === outcome).length;
    expect((xml.match(/<failure\b/g) ?? []).length).toBe(count('fail'));
    expect((xml.match(/<error\b/g) ?? []).length).toBe(count('error') + count('timeout'));
    expect((xml.match(/<skipped\b/g) ?? []).length).toBe(count('skip'));
    expect(xml).toMatch(new RegExp(`<testsuites[^>]*tests="${String(run.checks.length)}"`));
    // Well formed: no raw markup from the handler, no character XML 1.0 cannot hold.
    expect(xml).not.toContain(HOSTILE.scriptKey);
    expect(xml).not.toContain(HOSTILE.pwnImg);
    // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const open = (xml.match(/<testcase\b[^>]*[^/]>/g) ?? []).length;
    const selfClosed = (xml.match(/<testcase\b[^>]*\/>/g) ?? []).length;
    expect(open + selfClosed).toBe(run.checks.length);
    expect((xml.match(/<\/testcase>/g) ?? []).length).toBe(open);
  });

  it('summary.md: a table row per check and a section per failure, hostile text inert', () => {
    const md = renderMarkdown(run);
    const unescaped = md.replace(/\\(.)/g, '$1');
    for (const c of run.checks) expect(unescaped).toContain(c.id);
    const failures = run.checks.filter((c) => c.outcome === 'fail');
    for (const c of failures) expect(md).toContain(c.counterexample?.replay ?? '');
    // Outside fenced code blocks (where text is inert), no handler text becomes markup or a link.
    const prose = md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
    expect(prose).not.toContain(HOSTILE.scriptKey);
    expect(prose).not.toContain(HOSTILE.pwnImg);
    expect(prose).not.toContain('[x](javascript:alert(1))');
  });

  it('index.html: self-contained, and nothing a handler controls appears as markup', () => {
    const html = renderHtml(run);
    expect(html).not.toMatch(/<(link|img|iframe)\b[^>]*\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    for (const payload of Object.values(HOSTILE)) {
      if (/[<>]/.test(payload)) expect(html, payload).not.toContain(payload);
    }
    expect(html).not.toContain('window.__pwned=1"');
  });

  it('index.html of a 1,024-record counterexample stays a sane size', () => {
    const html = renderHtml(hugeFailureRun());
    const event = JSON.stringify(hugeFailureRun().checks[0]?.counterexample?.event);
    expect(event.length).toBeGreaterThan(900_000);
    // Code blocks show the first 40,000 characters and say so; the whole text stays available to copy.
    expect(html).toMatch(/Showing the first 40,000 of [\d,]+\s+characters/);
    const pres = [...html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => m[1]?.length ?? 0);
    expect(Math.max(...pres)).toBeLessThanOrEqual(40_000 * 6); // escaped text is at most 6× longer (&quot;)
    expect(html.length).toBeLessThan(event.length * 4);
  });

  it('badge: pass/fail and the count of passed must checks, as SVG and shields.io endpoint JSON', () => {
    const failing = badgeOf(run);
    const passing = badgeOf(conformantRun());
    expect(failing.message).not.toBe(passing.message);
    const endpoint = JSON.parse(renderBadgeJson(conformantRun())) as Record<string, unknown>;
    expect(endpoint.schemaVersion).toBe(1);
    expect(endpoint.message).toContain(String(conformantRun().summary.mustPassed));
    expect(renderBadgeSvg(run)).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('replay artifacts: one event file per failure, the raw event as the handler got it', () => {
    const files = failureArtifacts(run);
    const failures = run.checks.filter((c) => c.outcome === 'fail');
    const events = files.filter((f) => f.path.endsWith('.event.json'));
    expect(events).toHaveLength(failures.length);
    for (const [i, f] of events.entries()) {
      expect(JSON.stringify(JSON.parse(f.content))).toBe(JSON.stringify(failures[i]?.counterexample?.event));
    }
    expect(renderRegressionTest(run)).toMatch(/replayCase/);
    expect(renderRegressionTest(conformantRun())).toBeUndefined();
  });

  it('a matrix of several runs shows every handler and every check', () => {
    const html = renderMatrix([fixtureRun(), conformantRun()]);
    for (const c of fixtureRun().checks) expect(html).toContain(c.id);
    expect(html).not.toContain(HOSTILE.pwnSvg);
  });

  it('reporter names are checked', () => {
    expect(resolveReporters(['json', 'html', 'json'])).toStrictEqual(['json', 'html']);
    expect(() => resolveReporters(['json', 'pdf'])).toThrow(/unknown reporter "pdf".*known reporters: json/);
  });
});
