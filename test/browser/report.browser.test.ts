/**
 * The HTML report in a real browser (Debian chromium through playwright-core): a failing run's details expand and
 * show the record diff, and markup a hostile handler put in keys, values, errors and logs runs no script and makes
 * no request. A screenshot of the page is kept under test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConformance, type RunResult } from '../../harness/index.ts';
import { fixtureRun } from '../../reports/__fixtures__/run.ts';
import { renderHtml, renderMatrix } from '../../reports/index.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
const tmp = mkdtempSync(join(tmpdir(), 'csc-browser-'));
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** What a page did while it was open: dialogs, requests other than the page itself, script errors. */
interface Watched {
  page: Page;
  dialogs: string[];
  requests: string[];
  errors: string[];
}

async function open(name: string, htmlText: string): Promise<Watched> {
  if (!browser) throw new Error('no browser');
  const file = join(tmp, name);
  writeFileSync(file, htmlText);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const w: Watched = { page, dialogs: [], requests: [], errors: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) w.requests.push(r.url());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return w;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);
}

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in chromium', () => {
  let real: RunResult;

  beforeAll(async () => {
    real = await checkConformance({
      handler: join(root, 'fixtures/handlers/hostile.mjs'),
      checks: ['reply/shape', 'robustness/unusual-keys', 'data/no-dropped-changes'],
      runs: 30,
      seed: 9,
      store: false,
      isolation: 'in-process',
    });
  }, 120_000);

  it('a hostile handler’s run: failures expand, the diff shows, and no script runs', async () => {
    expect(
      real.checks
        .filter((c) => c.outcome === 'fail')
        .map((c) => c.id)
        .sort(),
    ).toStrictEqual(['data/no-dropped-changes', 'robustness/unusual-keys']);
    const w = await open('hostile.html', renderHtml(real));
    const { page } = w;
    const failing = page.locator('details.check.fail');
    expect(await failing.count()).toBe(2);
    const dropped = page.locator('details.check.fail', { hasText: 'data/no-dropped-changes' });
    await dropped.locator('summary').first().click();
    expect(await dropped.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    const diff = dropped.locator('table.diff').first();
    await diff.waitFor({ state: 'visible' });
    // The hostile keys are in the diff as text, not as elements.
    expect(await diff.innerText()).toContain('<script>window.__pwned=5</script>');
    expect(await page.locator('script:not([nonce]):not([type])').count()).toBeLessThanOrEqual(1);
    expect(await page.locator('svg[onload], img[onerror]').count()).toBe(0);
    await page.locator('#expand-failures').click();
    expect(await failing.evaluateAll((ds) => ds.every((d) => (d as unknown as { open: boolean }).open))).toBe(true);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report-hostile.png'), fullPage: false });
    expect(await pwned(page)).toBeUndefined();
    expect(w.dialogs).toStrictEqual([]);
    expect(w.requests).toStrictEqual([]);
    expect(w.errors).toStrictEqual([]);
    await page.close();
  });

  it('the fixed hostile fixture run and a merged matrix run no script either', async () => {
    for (const [name, text] of [
      ['fixture.html', renderHtml(fixtureRun())],
      ['matrix.html', renderMatrix([fixtureRun(), real])],
    ] as const) {
      const w = await open(name, text);
      for (const d of await w.page.locator('details').all())
        await d.evaluate((e) => ((e as unknown as { open: boolean }).open = true));
      expect(await pwned(w.page), name).toBeUndefined();
      expect(w.dialogs, name).toStrictEqual([]);
      expect(w.requests, name).toStrictEqual([]);
      expect(w.errors, name).toStrictEqual([]);
      await w.page.close();
    }
  });

  it('proves the probe works: the same markup unescaped would run', async () => {
    const w = await open('control.html', '<!doctype html><img src=x onerror="window.__pwned=1">');
    await w.page.waitForFunction(() => (globalThis as unknown as { __pwned?: unknown }).__pwned === 1);
    expect(await pwned(w.page)).toBe(1);
    await w.page.close();
  });
});
