import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS } from '../model/index.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check } from '../suites/check.ts';
import { FAILURE_STORE_LIMITS } from './runDefaults.ts';
import { FAILURE_STORE_VERSION, FailureStore, type StoredFailure } from './failureStore.ts';
import { eventHash } from './seeds.ts';

const checkOf = (id: string): Check => {
  const c = CATALOG.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
const shape = checkOf('reply/shape');
const nearLimit = checkOf('robustness/near-size-limit');

/** Failures of a check with real drawn inputs, as `runCheck` hands them to the store. */
function failures(check: Check, n: number, seed = 1): StoredFailure[] {
  return fc.sample(check.arbitrary({ readings: DEFAULT_READINGS }), { seed, numRuns: n }).map((input, i) => ({
    checkId: check.id,
    eventHash: eventHash(check.eventOf(input)),
    handler: 'h.js',
    input,
    seed,
    path: String(i),
    firstSeen: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  }));
}

const dir = (): Promise<string> => mkdtemp(join(tmpdir(), 'csc-store-'));
const collect = (): { warn: (m: string) => void; warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
};
const events = (fs: readonly StoredFailure[], check: Check): string[] =>
  fs.map((f) => JSON.stringify(check.eventOf(f.input)));

describe('FailureStore', () => {
  it('keeps failures across runs as their scenario alone, rebuilds them, and clears the ones that pass', async () => {
    const path = join(await dir(), 'deep', 'failures.json');
    const [big] = failures(nearLimit, 1);
    if (!big) throw new Error('drew no case');
    const a = await FailureStore.open(path);
    a.add(big);
    a.add(big);
    await a.save();
    const text = await readFile(path, 'utf8');
    // A near-1 MB event is kept in a few kilobytes, and rebuilt exactly.
    expect(JSON.stringify(nearLimit.eventOf(big.input)).length).toBeGreaterThan(900_000);
    expect(text.length).toBeLessThan(20_000);
    expect(JSON.parse(text)).toMatchObject({ version: FAILURE_STORE_VERSION, failures: [{ checkId: nearLimit.id }] });
    const b = await FailureStore.open(path);
    const back = b.forCheck(nearLimit, 'h.js');
    expect(events(back, nearLimit)).toStrictEqual(events([big], nearLimit));
    expect(b.forCheck(nearLimit, 'other.js')).toStrictEqual([]);
    b.clear(nearLimit.id, big.eventHash, 'h.js');
    await b.save();
    expect(JSON.parse(await readFile(path, 'utf8'))).toStrictEqual({ version: FAILURE_STORE_VERSION, failures: [] });
  });

  it.each([
    ['not JSON', '{not json', 'corrupt', /is not valid JSON/],
    ['written by a newer version', JSON.stringify({ version: 9, failures: [{ future: true }] }), 'v9', /newer version/],
    ['not a store', JSON.stringify([1, 2]), 'unknown', /is not a failure store/],
  ])('keeps a store that is %s: renamed aside with a warning, never overwritten', async (_what, content, tag, why) => {
    const folder = await dir();
    const path = join(folder, 'failures.json');
    await writeFile(path, content);
    const { warn, warnings } = collect();
    const store = await FailureStore.open(path, warn);
    expect(store.forCheck(shape, 'h.js')).toStrictEqual([]);
    expect(warnings).toStrictEqual([expect.stringMatching(why)]);
    const aside = (await readdir(folder)).find((f) => f.startsWith(`failures.json.${tag}-`));
    expect(aside, String(await readdir(folder))).toBeDefined();
    expect(warnings[0]).toContain(aside);
    expect(await readFile(join(folder, aside ?? ''), 'utf8')).toBe(content);
    const [f] = failures(shape, 1);
    if (f) store.add(f);
    await store.save();
    expect(await readFile(join(folder, aside ?? ''), 'utf8')).toBe(content);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: FAILURE_STORE_VERSION });
  });

  it('drops invalid entries on load and entries that no longer build their event on use, with a warning', async () => {
    const path = join(await dir(), 'failures.json');
    const [good, tampered] = failures(shape, 2);
    if (!good || !tampered) throw new Error('drew no case');
    const poisoned = [
      { ...good, eventHash: 'not-a-hash' },
      { ...good, eventHash: 'aaaaaaaaaaaa', input: { scenario: { identity: 'x' } } },
      { ...good, eventHash: 'bbbbbbbbbbbb', input: 42 },
      null,
    ];
    // Version 1 stores held whole inputs, indented: still read.
    const file = { version: 1, failures: [good, ...poisoned, { ...tampered, eventHash: 'cccccccccccc' }] };
    await writeFile(path, JSON.stringify(file, null, 2));
    const { warn, warnings } = collect();
    const store = await FailureStore.open(path, warn);
    expect(warnings).toStrictEqual([expect.stringMatching(/^dropped 4 invalid entries of .*failures\.json: /)]);
    // The tampered entry is a valid case under the wrong key: dropped once its check rebuilds it.
    expect(events(store.forCheck(shape, 'h.js'), shape)).toStrictEqual(events([good], shape));
    expect(warnings[1]).toMatch(/does not build the event it failed with/);
    await store.save();
    const saved = JSON.parse(await readFile(path, 'utf8')) as { failures: StoredFailure[] };
    expect(saved.failures.map((f) => f.eventHash)).toStrictEqual([good.eventHash]);
  });

  it(`holds at most ${FAILURE_STORE_LIMITS.maxEntries} entries, keeping this run's and the most recently seen`, async () => {
    const path = join(await dir(), 'failures.json');
    const all = failures(shape, FAILURE_STORE_LIMITS.maxEntries + 5);
    await writeFile(
      path,
      JSON.stringify({
        version: 2,
        failures: all.map((f) => ({
          ...f,
          input: { scenario: (f.input as { scenario: unknown }).scenario },
          lastSeen: f.firstSeen,
        })),
      }),
    );
    const store = await FailureStore.open(path);
    const oldest = all[0];
    if (!oldest) throw new Error('drew no case');
    store.add(oldest); // seen again in this run: kept although it is the oldest
    store.clear(shape.id, 'none', 'h.js');
    await store.save();
    const kept = (JSON.parse(await readFile(path, 'utf8')) as { failures: StoredFailure[] }).failures;
    expect(kept).toHaveLength(FAILURE_STORE_LIMITS.maxEntries);
    const hashes = new Set(kept.map((f) => f.eventHash));
    expect(hashes.has(oldest.eventHash)).toBe(true);
    // The ones dropped are the longest unseen: entries 1–5.
    expect(all.slice(1, 6).filter((f) => hashes.has(f.eventHash))).toStrictEqual([]);
    expect((await readFile(path, 'utf8')).length).toBeLessThan(FAILURE_STORE_LIMITS.maxBytes);
  });
});
