/**
 * `junit.xml` on the fixed run: pinned by a snapshot, one testcase per check with failures, errors (harness errors
 * and timeouts) and skips kept apart, and legal XML 1.0 whatever the handler wrote. The browser test parses it
 * with a real XML parser as well.
 */
import { firstCounterexample } from '../harness/result.ts';
import { describe, expect, it } from 'vitest';
import { fixtureRun, partialRun } from './__fixtures__/run.ts';
import { HOSTILE } from './__fixtures__/hostile.ts';
import { renderJunit } from './index.ts';
import { escapeXmlAttr, escapeXmlText, xmlLegal } from './xml.ts';

const run = fixtureRun();
const xml = renderJunit(run);

/** The testcase elements, each with its name and body. */
const testcases = (text: string): { name: string; body: string }[] =>
  [...text.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: m[1] ?? '',
    body: m[2] ?? '',
  }));

describe('junit.xml', () => {
  it('is pinned by a snapshot of the fixed run', () => {
    expect(xml).toMatchSnapshot();
  });

  it('has one testcase per check, in order, each holding what its outcome calls for', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const cases = testcases(xml);
    expect(cases.map((c) => c.name.split(' — ')[0])).toStrictEqual(run.checks.map((c) => c.id));
    const child = (body: string): string => /^\s*<(failure|error|skipped)\b/.exec(body)?.[1] ?? 'none';
    const expected = {
      pass: 'none',
      fail: 'failure',
      error: 'error',
      timeout: 'error',
      skip: 'skipped',
      incomplete: 'error',
    };
    expect(cases.map((c) => child(c.body))).toStrictEqual(run.checks.map((c) => expected[c.outcome]));
    const s = run.summary;
    const counts = `tests="${s.total}" failures="${s.failed}" errors="${s.errored + s.timedOut}" skipped="${s.skipped}"`;
    expect(xml).toContain(`<testsuites name="cognito-sync-conformance" ${counts}`);
    expect(xml).toMatch(new RegExp(`<testsuite name="[^"]*" ${counts}`));
  });

  it('a failure carries the counterexample and the replay command; an error says it is not a verdict', () => {
    const cases = testcases(xml);
    const failing = run.checks.findIndex((c) => c.id === 'reply/read-only-fields');
    const body = cases[failing]?.body ?? '';
    expect(body).toContain('counterexample after 4 shrinks (seed 1795104862, path 2:0:1)');
    expect(body).toContain(escapeXmlText(firstCounterexample(run.checks[failing])?.replay ?? '?'));
    expect(body).toMatch(/<failure message="read-only field datasetName changed[^"]*" type="read-only-field-changed">/);
    expect(body).toContain('<system-out>invocation 1: replied in 0 ms');
    const errored = cases[run.checks.findIndex((c) => c.outcome === 'error')]?.body ?? '';
    expect(errored).toMatch(/<error message="E_COMMAND: the handler command exited/);
    const timedOut = cases[run.checks.findIndex((c) => c.outcome === 'timeout')]?.body ?? '';
    expect(timedOut).toMatch(/<error message="timed out: time limit reached after 37 of 100 runs" type="timeout">/);
  });

  it('nothing a handler wrote becomes markup, and no character XML 1.0 forbids is left', () => {
    for (const payload of Object.values(HOSTILE)) if (/[<>]/.test(payload)) expect(xml).not.toContain(payload);
    // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).toContain('bell\\u0007 nul\\u0000 esc\\u001b[31mred');
    // Every element that opens closes, in order (a cheap well-formedness check; the browser test parses it).
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([A-Za-z-]+)\b[^>]*?(\/?)>/g)) {
      const [, close, name = '', selfClose] = m;
      if (selfClose) continue;
      if (close) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toStrictEqual([]);
  });

  it('a run with only passes, skips and timeouts has no failure', () => {
    const partial = renderJunit(partialRun());
    expect(partial).not.toContain('<failure');
    expect(partial).toContain('<skipped message="the time budget was spent before this check started"/>');
  });
});

describe('XML escaping', () => {
  it('keeps text and attributes inert and legal', () => {
    expect(escapeXmlText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
    expect(escapeXmlAttr('"x"\n\ty')).toBe('&quot;x&quot;&#10;&#9;y');
    expect(xmlLegal('\u0000\ud800x\udc00\ud83d\ude00\uffff')).toBe('\\u0000\\ud800x\\udc00\ud83d\ude00\\uffff');
  });
});
