/**
 * `index.html` on the fixed run: pinned by a snapshot, self-contained under a strict Content-Security-Policy, built
 * only from the elements and attributes the renderers write (so no handler text became markup), and bounded in size
 * when a counterexample is huge. The browser test runs the page for real.
 */
import { firstCounterexample } from '../../harness/result.ts';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/index.ts';
import { droppedFailure } from '../__fixtures__/failures.ts';
import { HOSTILE } from '../__fixtures__/hostile.ts';
import { FOREIGN, HANDLER_AT, HANDLER_FRAME, stackRun } from '../__fixtures__/stack.ts';
import { conformantRun, fixtureChecks, fixtureRun, hugeFailureRun, runOf } from '../__fixtures__/run.ts';
import { failureCases } from '../replay/paths.ts';
import { CODE_BLOCK_CHARS } from './counterexample.ts';
import { renderHtml } from './report.ts';

const run = fixtureRun();
const page = renderHtml(run);

/** Every element of a page outside its style and script blocks, with its attribute names. */
function elements(text: string): { tag: string; attrs: string[] }[] {
  const markup = text.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>');
  // Any `<` followed by a letter opens an element for the HTML parser, whatever follows; attribute values may be
  // quoted either way or not at all.
  return [...markup.matchAll(/<([a-zA-Z][^\s/>]*)([^>]*)>/g)].map((m) => ({
    tag: (m[1] ?? '').toLowerCase(),
    attrs: [...(m[2] ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g)].map((a) => a[1] ?? ''),
  }));
}

const TAGS = new Set(
  (
    'html head meta title style body main header footer section h1 h2 h3 h4 p div span strong code pre a ul li dl dt ' +
    'dd table thead tbody tr th td details summary button svg g rect line text script'
  ).split(' '),
);
const ATTRS = new Set(
  (
    'lang charset http-equiv content name class id href type hidden data-js data-copy-text title role aria-label ' +
    'aria-hidden open width height viewBox x y x1 x2 y1 y2 rx text-anchor'
  ).split(' '),
);
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

describe('index.html', () => {
  it('is pinned by a snapshot of the fixed run', () => {
    expect(page).toMatchSnapshot();
  });

  it('is built only from the renderers’ own elements and attributes: no handler text became markup', () => {
    const found = elements(page);
    expect(found.length).toBeGreaterThan(500);
    expect(found.filter((e) => !TAGS.has(e.tag)).map((e) => e.tag)).toStrictEqual([]);
    expect(found.flatMap((e) => e.attrs.filter((a) => !ATTRS.has(a)))).toStrictEqual([]);
    for (const payload of Object.values(HOSTILE)) if (/[<>]/.test(payload)) expect(page).not.toContain(payload);
    // The checker sees injected markup: the same page with one payload unescaped fails it.
    const broken = elements(page.replace('</main>', `${HOSTILE.pwnImg}</main>`));
    expect(broken.some((e) => e.attrs.includes('onerror'))).toBe(true);
  });

  it('is self-contained: one script and one stylesheet, both allowed by hash, nothing loaded', () => {
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const csp = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '').replaceAll(
      '&#39;',
      "'",
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256(scripts[0]?.[2] ?? '')}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256(style)}'`);
    expect(page).not.toMatch(/\b(src|href)="(?!#|failures\/)/);
    expect(page).not.toMatch(/\bstyle="/);
    expect(page).not.toMatch(/url\((?!#)/);
  });

  it('links every check of the table to its details, and every failure to its replay files', () => {
    const ids = new Set([...page.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    const anchors = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    // Every check's row, and every root cause's links to the checks it showed in.
    expect(new Set(anchors).size).toBeGreaterThanOrEqual(run.checks.length);
    for (const a of anchors) expect(ids.has(a)).toBe(true);
    for (const f of failureCases(run)) {
      expect(page).toContain(`href="${f.eventPath ?? '?'}"`);
      expect(page).toContain(`sam local invoke -e ${f.eventPath ?? '?'} YourFunctionLogicalId`);
      expect(page).toContain(`href="${f.inputPath}"`);
    }
    expect(page).toContain('<code>failures/regression.test.ts</code> re-runs this exact input');
  });

  it('keeps outcomes apart and says when should failures did not decide the verdict', () => {
    for (const o of ['pass', 'fail', 'error', 'timeout', 'skip']) expect(page).toContain(`<details class="check ${o}"`);
    expect(page).toContain('The harness could not finish this check');
    const checks: CheckResult[] = [...fixtureChecks().filter((c) => c.outcome === 'pass'), droppedFailure];
    const mixed = renderHtml(runOf(checks));
    expect(mixed).toContain('<div class="verdict-word">conformant</div>');
    expect(mixed).toContain('1 should check failed: it does not decide the verdict (--strict makes it count).');
    expect(renderHtml(conformantRun())).not.toContain('id="expand-failures"');
  });

  it('counts, in the verdict header, failures that hold under every reading apart from those resting on one', () => {
    const header = /<header class="verdict[\s\S]*?<\/header>/.exec(page)?.[0] ?? '';
    // The fixed run: three failures hold under every reading, one rests on reply.nonStringValue=invalid.
    expect(header).toContain(
      '<p class="note rests-on">Failures that hold under every reading: 3; that rest on an undocumented reading: 1 (<code>reply.nonStringValue=invalid</code>).</p>',
    );
    const holding = fixtureChecks().filter((c) => c.id !== 'semantics/undocumented-reading');
    expect(renderHtml(runOf(holding))).not.toContain('that rest on an undocumented reading');
  });

  it('stays usable with a 1,024-record, near-1 MB counterexample: cut in the page, whole in the event file', () => {
    const huge = hugeFailureRun();
    const text = renderHtml(huge);
    const event = JSON.stringify(firstCounterexample(huge.checks[0])?.event, null, 2);
    expect(event.length).toBeGreaterThan(1_000_000);
    expect(text.length).toBeLessThan(600_000);
    const pres = [...text.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => m[1] ?? '');
    // Escaping makes a cut block at most 6× longer (&quot;).
    expect(Math.max(...pres.map((p) => p.length))).toBeLessThanOrEqual(CODE_BLOCK_CHARS * 6);
    expect(text).toMatch(
      /Showing the first 40,000 of [\d,]+\s+characters\.\s+The whole text: <a href="failures\/robustness\/max-records\/1\.event\.json">/,
    );
    // The copy button copies what the block shows, so a cut block has none.
    expect(text).not.toContain('data-copy-text="check-robustness-max-records-event"');
    expect(text).toMatch(/\d+ more differing records not shown\./);
  });

  it('names the handler’s own frame first in a thrown failure, the tool’s and Node’s frames left out', () => {
    const text = renderHtml(stackRun());
    expect(text).toContain(`<li>Thrown at <code>${HANDLER_AT}</code> (the handler’s own code)</li>`);
    const trace = [...text.matchAll(/<pre\b[^>]*>([^<]*)<\/pre>/g)]
      .map((m) => m[1] ?? '')
      .find((t) => t.startsWith('TypeError: '));
    expect(trace?.split('\n')).toStrictEqual([
      'TypeError: Cannot read properties of null (reading level)',
      HANDLER_FRAME,
      '    (7 frames of the tool and of Node internals not shown)',
    ]);
    expect(text).not.toMatch(FOREIGN);
  });

  it('is pure: the same run renders the same text', () => {
    expect(renderHtml(fixtureRun())).toBe(page);
  });
});

describe('the discovery section', () => {
  it('lists each key by fate and each dataset name by the input classes of the cases that carried it', () => {
    const [pass] = conformantRun().checks;
    if (!pass) throw new Error('no passing check in the fixture');
    const check = {
      ...pass,
      keysExercised: { Lives: { new: 2, 'null-entry': 1 } },
      datasetNamesExercised: { ShoppingList: { events: 3, 'null-entries': 2, 'max-records': 1 } },
    } as CheckResult;
    const run = {
      ...runOf([check]),
      discovery: {
        keys: [{ value: 'Lives', source: 'source' as const, at: 'h.js:3' }],
        datasetNames: [
          { value: 'ShoppingList', source: 'source' as const, at: 'h.js:5', nearUnreached: true },
          { value: 'Profile', source: 'config' as const },
        ],
      },
    };
    const page = renderHtml(run);
    const section = page.slice(
      page.indexOf('<section id="discovery">'),
      page.indexOf('</section>', page.indexOf('<section id="discovery">')),
    );
    expect(section).toContain('<code>ShoppingList</code>');
    expect(section).toMatch(
      /<code>ShoppingList<\/code><\/td>\s*<td>its source \(<code>h\.js:5<\/code>\)<\/td>\s*<td class="num">3<\/td>\s*<td>null-entries 2, max-records 1<\/td>/,
    );
    expect(section).toMatch(
      /<code>Profile<\/code><\/td>\s*<td>declared<\/td>\s*<td class="num">0<\/td>\s*<td>none<\/td>/,
    );
    expect(section).toContain('near code discovery did not reach, came up more often');
  });
});
