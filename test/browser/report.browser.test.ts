/**
 * The HTML report in a real browser (Debian chromium through playwright-core): a failing run's details expand and
 * show the record diff, the copy button copies the whole event, markup a hostile handler put in keys, values,
 * errors and logs runs no script and makes no request, a near-1 MB counterexample stays usable, a session failure
 * draws its timeline, and junit.xml and badge.svg parse as XML. A screenshot of the page is kept under
 * test-results/ (gitignored).
 */
import { firstCounterexample } from '../../harness/result.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConformance, type RunResult } from '../../harness/index.ts';
import { RAW_CONTROL } from '../../reports/__fixtures__/hostile.ts';
import { fixtureRun, hugeFailureRun } from '../../reports/__fixtures__/run.ts';
import { renderBadgeSvg, renderHtml, renderJunit, renderMatrix } from '../../reports/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, SKIP_REASON } from './chromium.ts';
import { scaled } from '../timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
const tmp = mkdtempSync(join(tmpdir(), 'csc-browser-'));
let browser: Browser | undefined;
let context: BrowserContext | undefined;

/**
 * The page's own objects, typed just as far as the tests use them: the project compiles without the DOM library,
 * and functions handed to `evaluate` run in the page, where `globalThis` is its window.
 */
interface El {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string }>;
  readonly open?: boolean;
  readonly textContent: string | null;
  readonly firstElementChild: El | null;
  readonly clientHeight: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
}
interface Doc extends El {
  readonly documentElement: El;
  readonly body: El & { readonly innerText: string };
  readonly title: string;
}
interface PageGlobals {
  readonly document: Doc;
  readonly DOMParser: new () => { parseFromString(text: string, type: string): Doc };
  readonly navigator: { readonly clipboard: { readText(): Promise<string> } };
  readonly __pwned?: unknown;
}

/** What a page did while it was open: dialogs, requests other than the page itself, script and console errors. */
interface Watched {
  readonly page: Page;
  readonly dialogs: string[];
  readonly requests: string[];
  readonly errors: string[];
}

/** Writes a page to a file and opens it, watching everything it does. */
async function open(name: string, text: string): Promise<Watched> {
  if (!context) throw new Error('no browser');
  const file = join(tmp, name);
  writeFileSync(file, text);
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const w: Watched = { page, dialogs: [], requests: [], errors: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) w.requests.push(r.url());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  // A Content-Security-Policy violation is a console error: markup got through and was only stopped by the policy.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(m.text());
  });
  await page.goto(url);
  return w;
}

/** The page's own state after everything had its chance to run. */
async function aftermath(w: Watched): Promise<{ pwned: unknown; handlers: string[]; scripts: number }> {
  await w.page.waitForTimeout(50);
  return w.page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return {
      pwned: g.__pwned,
      // Any on* attribute on any element: markup that would run script.
      handlers: [...g.document.querySelectorAll('*')].flatMap((e) =>
        Array.from(e.attributes)
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${e.tagName} ${a.name}`),
      ),
      scripts: g.document.querySelectorAll('script').length,
    };
  });
}

// Passed to the page whole: functions given to evaluate run there, with nothing of this module in scope.
const isOpen = (d: unknown): boolean => (d as El).open === true;
const anyOpen = (ds: readonly unknown[]): boolean => ds.some((d) => (d as El).open === true);
const allOpen = (ds: readonly unknown[]): boolean => ds.every((d) => (d as El).open === true);

beforeAll(async () => {
  if (SKIP_REASON) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
}, scaled(60_000));

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(SKIP_REASON !== undefined)(
  `the HTML report in chromium${SKIP_REASON ? ` (${SKIP_REASON})` : ''}`,
  () => {
    let hostile: RunResult;

    beforeAll(async () => {
      hostile = await checkConformance({
        handler: join(root, 'fixtures/handlers/hostile.mjs'),
        checks: ['reply/shape', 'robustness/unusual-keys', 'data/no-dropped-changes'],
        runs: 30,
        seed: 9,
        store: false,
        isolation: 'in-process',
      });
    }, scaled(60_000));

    it('a hostile handler’s failing run: failures expand, the diff shows, no script runs, nothing is fetched', async () => {
      // Its source names `__proto__`, so discovery sends that key to every check, and it throws on it.
      expect(hostile.checks.filter((c) => c.outcome === 'fail').map((c) => c.id)).toStrictEqual([
        'reply/shape',
        'robustness/unusual-keys',
        'data/no-dropped-changes',
      ]);
      const w = await open('hostile.html', renderHtml(hostile));
      const { page } = w;
      const failing = page.locator('details.check.fail');
      expect(await failing.count()).toBe(3);
      expect(await failing.evaluateAll(anyOpen)).toBe(false);

      // One check opens from its summary; its diff shows the hostile keys and values as text.
      // (Its id in its own summary: the other failures' root cause names it too.)
      const dropped = page.locator('details.check.fail', {
        has: page.locator('summary > code', { hasText: /^data\/no-dropped-changes$/ }),
      });
      await dropped.locator('summary').first().click();
      expect(await dropped.evaluate(isOpen)).toBe(true);
      const diff = dropped.locator('table.diff').first();
      await diff.waitFor({ state: 'visible' });
      const diffText = await diff.innerText();
      expect(diffText).toContain('"<script>window.__pwned=5</script>"');
      expect(diffText).toContain('"<img src=x onerror=\\"window.__pwned=6\\">"');
      expect(diffText).toMatch(/✗ user \w+ it, reply left it \w+/);
      expect(await dropped.locator('table.diff tr.deviates').count()).toBeGreaterThan(0);

      // "Expand failures and errors" opens every failing check; "Collapse all" closes them.
      await page.locator('#expand-failures').click();
      expect(await failing.evaluateAll(allOpen)).toBe(true);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'report-hostile.png'), fullPage: false });
      await page.locator('#collapse-all').click();
      expect(await page.locator('details.check').evaluateAll(anyOpen)).toBe(false);

      // The copy button copies the whole event, exactly.
      await dropped.locator('summary').first().click();
      await dropped.getByRole('button', { name: 'Copy event JSON' }).first().click();
      const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
      const event = firstCounterexample(hostile.checks.find((c) => c.id === 'data/no-dropped-changes'))?.event;
      expect(JSON.parse(copied)).toStrictEqual(JSON.parse(JSON.stringify(event)));

      expect(await aftermath(w)).toStrictEqual({ pwned: undefined, handlers: [], scripts: 1 });
      expect([w.dialogs, w.requests, w.errors]).toStrictEqual([[], [], []]);
      await page.close();
    });

    it('the fixed hostile run and a merged matrix, every detail open, run nothing and fetch nothing', async () => {
      for (const [name, text] of [
        ['fixture.html', renderHtml(fixtureRun())],
        ['matrix.html', renderMatrix([fixtureRun(), hostile])],
      ] as const) {
        const w = await open(name, text);
        await w.page.locator('details').evaluateAll((ds: unknown[]) => {
          for (const d of ds) (d as { open: boolean }).open = true;
        });
        expect(await aftermath(w), name).toMatchObject({ pwned: undefined, handlers: [] });
        expect([w.dialogs, w.requests, w.errors], name).toStrictEqual([[], [], []]);
        await w.page.close();
      }
    });

    it('a spoofing handler’s strings show escaped on the page, and a subset run says so in its banner', async () => {
      const run = await checkConformance({
        handler: join(root, 'fixtures/handlers/terminal-spoof.mjs'),
        checks: ['reply/read-only-fields'],
        runs: 5,
        seed: 1,
        store: false,
        isolation: 'in-process',
      });
      const w = await open('spoof.html', renderHtml(run));
      await w.page.locator('details').evaluateAll((ds: unknown[]) => {
        for (const d of ds) (d as { open: boolean }).open = true;
      });
      const shown = await w.page.evaluate(() => {
        const { document } = globalThis as unknown as PageGlobals;
        return { text: document.body.innerText, title: document.title };
      });
      // What the page shows a person: every control and bidi character as visible text, none acting.
      expect(shown.text).not.toMatch(RAW_CONTROL);
      expect(shown.title).not.toMatch(RAW_CONTROL);
      expect(shown.text).toContain('invoice\\u202egnp.exe\\u202c');
      expect(shown.text).toContain('\\u001b]0;pwned title\\u0007');
      expect(await w.page.locator('.verdict-word').innerText()).toBe('not conformant (1 of 24 checks)');
      // The record the reply added is the diff's first row, in the column of what the reply asked for.
      const diff = w.page.locator('table.diff').first();
      expect(await diff.locator('th').allInnerTexts()).toContain('the reply asked');
      expect(await diff.locator('tbody tr').first().innerText()).toMatch(/the reply asked to add it/);
      expect([w.dialogs, w.requests, w.errors]).toStrictEqual([[], [], []]);
      await w.page.close();
    });

    it('a near-1 MB, 1,024-record counterexample: the page loads fast, cut, with the whole event one link away', async () => {
      const started = Date.now();
      const w = await open('huge.html', renderHtml(hugeFailureRun()));
      const loadMs = Date.now() - started;
      expect(loadMs).toBeLessThan(scaled(5_000));
      await w.page.locator('#expand-failures').click();
      const check = w.page.locator('details.check.fail').first();
      await expect.poll(() => check.locator('p.clipped').first().isVisible()).toBe(true);
      expect(await check.locator('p.clipped a').first().getAttribute('href')).toBe(
        'failures/robustness/max-records/1.event.json',
      );
      // Long blocks scroll inside themselves instead of stretching the page.
      const tallest = await check
        .locator('pre')
        .evaluateAll((ps: unknown[]) => Math.max(...ps.map((p) => (p as El).clientHeight)));
      expect(tallest).toBeLessThan(600);
      expect(await check.locator('table.diff tbody tr').count()).toBe(200);
      expect([w.requests, w.errors]).toStrictEqual([[], []]);
      await w.page.close();
    });

    it(
      'a session failure draws its timeline: a lane per device, the service and the trigger, a row per step',
      async () => {
        const run = await checkConformance({
          handler: join(root, 'fixtures/handlers/conformance/bad-session-stamp.mjs'),
          checks: ['sessions/no-churn-across-devices'],
          runs: 25,
          seed: 20261122,
          store: false,
          isolation: 'in-process',
        });
        const failure = firstCounterexample(run.checks[0]);
        expect(run.checks[0]?.outcome).toBe('fail');
        const timeline = failure?.timeline;
        if (!timeline) throw new Error('the failure carries no timeline');
        const w = await open('session.html', renderHtml(run));
        const { page } = w;
        await page.locator('#expand-failures').click();
        const svg = page.locator('div.timeline svg').first();
        await svg.waitFor({ state: 'visible' });
        const box = await svg.boundingBox();
        expect(box?.width).toBeGreaterThan(200);
        expect(box?.height).toBeGreaterThan(100);
        // The lanes, named in order: the devices, then the service and the Sync Trigger.
        expect(await svg.locator('text.tl-head').allTextContents()).toStrictEqual([
          ...timeline.devices,
          'Cognito Sync',
          'Sync Trigger',
        ]);
        // Every row drawn (up to the cap), each with its whole text as a tooltip, the check's note among them.
        const rows = svg.locator('g.tl-arrow, g.tl-note');
        expect(await rows.count()).toBe(Math.min(timeline.rows.length, 200));
        const tips = await svg.locator('g > title').allTextContents();
        expect(tips).toStrictEqual(timeline.rows.slice(0, 200).map((r) => r.text));
        expect(tips.some((t) => t.includes('this sync carried no change, yet the dataset changed'))).toBe(true);
        mkdirSync(shots, { recursive: true });
        await svg.screenshot({ path: join(shots, 'report-timeline.png') });
        expect([w.dialogs, w.requests, w.errors]).toStrictEqual([[], [], []]);
        await page.close();
      },
      scaled(120_000),
    );

    it('junit.xml and badge.svg parse as XML with the expected structure', async () => {
      const w = await open('blank.html', '<!doctype html><title>xml</title>');
      const run = fixtureRun();
      const parsed = await w.page.evaluate(
        ([junit, svg]) => {
          const { DOMParser } = globalThis as unknown as PageGlobals;
          const doc = new DOMParser().parseFromString(junit, 'application/xml');
          const badge = new DOMParser().parseFromString(svg, 'image/svg+xml');
          const count = (sel: string): number => doc.querySelectorAll(sel).length;
          return {
            errors: [doc, badge].map((d) => d.querySelector('parsererror')?.textContent ?? null),
            root: doc.documentElement.tagName,
            tests: doc.documentElement.getAttribute('tests'),
            names: [...doc.querySelectorAll('testsuite > testcase')].map(
              (t) => t.getAttribute('name')?.split(' — ')[0],
            ),
            children: [...doc.querySelectorAll('testcase')].map((t) => t.firstElementChild?.tagName ?? 'none'),
            failures: count('testcase > failure'),
            errorsInCases: count('testcase > error'),
            skipped: count('testcase > skipped'),
            properties: [...doc.querySelectorAll('properties > property')].map((p) => p.getAttribute('name')),
            badgeTitle: badge.querySelector('title')?.textContent,
          };
        },
        [renderJunit(run), renderBadgeSvg(run)] as const,
      );
      const expected = {
        pass: 'none',
        fail: 'failure',
        error: 'error',
        timeout: 'error',
        skip: 'skipped',
        incomplete: 'error',
      };
      expect(parsed).toStrictEqual({
        errors: [null, null],
        root: 'testsuites',
        tests: String(run.checks.length),
        names: run.checks.map((c) => c.id),
        children: run.checks.map((c) => expected[c.outcome]),
        failures: run.summary.failed,
        errorsInCases: run.summary.errored + run.summary.timedOut,
        skipped: run.summary.skipped,
        properties: [
          'tool',
          'target',
          'handler',
          'runtime',
          'seed',
          'runs',
          'strict',
          'readings',
          'conformant',
          'partial',
        ],
        badgeTitle: 'sync trigger: 4/8 must · fail',
      });
      // The parser is strict: one raw control character and the file is rejected.
      const broken = await w.page.evaluate(
        (x) => {
          const { DOMParser } = globalThis as unknown as PageGlobals;
          return new DOMParser().parseFromString(x, 'application/xml').querySelector('parsererror') !== null;
        },
        renderJunit(run).replace('</testsuites>', '\u0001</testsuites>'),
      );
      expect(broken).toBe(true);
      await w.page.close();
    });

    it('the probes work: the same markup unescaped runs script and fetches', async () => {
      const w = await open(
        'control.html',
        '<!doctype html><img src=x onerror="window.__pwned=1"><img src="http://example.invalid/x.png">',
      );
      await w.page.waitForFunction(() => (globalThis as unknown as { __pwned?: unknown }).__pwned === 1);
      expect((await aftermath(w)).handlers).toStrictEqual(['IMG onerror']);
      expect(w.requests).toContain('http://example.invalid/x.png');
      await w.page.close();
    });
  },
);
