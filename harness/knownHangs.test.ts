/**
 * Known hangs: a hang one check shrank costs every other check one deadline, not a search and a shrink. In-memory
 * handlers that report `timed-out` at once stand for handlers that wait out the deadline.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, toLambdaJson } from '../model/index.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check, CheckContext } from '../suites/check.ts';
import { caseAt } from './caseAt.ts';
import { carries, KnownHangs, probeCase } from './knownHangs.ts';
import { firstCounterexample } from './result.ts';
import { runCheck } from './runCheck.ts';

type Event = Record<string, unknown> & { datasetRecords: Record<string, unknown> };

/** An echo handler that hangs (reports `timed-out`) whenever `hangs` says so; counts its invocations. */
function hangingCtx(hangs: (e: Event) => boolean): { ctx: CheckContext; calls: { n: number; hung: number } } {
  const calls = { n: 0, hung: 0 };
  const ctx: CheckContext = {
    invoke: (event) => {
      calls.n++;
      const e = structuredClone(event) as Event;
      if (hangs(e)) {
        calls.hung++;
        return Promise.resolve({ kind: 'timed-out', deadlineMs: 5000, ms: 5000, logs: '' } as InvocationOutcome);
      }
      const json = toLambdaJson(e);
      if (!json.ok) throw new Error(json.reason);
      return Promise.resolve({ kind: 'replied', json: json.json, ms: 1, logs: '' });
    },
    init: { style: 'async' },
    runtime: 'nodejs22.x',
    readings: DEFAULT_READINGS,
    marginMs: 2500,
  };
  return { ctx, calls };
}

const check = (id: string): Check => {
  const c = CATALOG.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

const gen = { readings: DEFAULT_READINGS };
const empty = (e: Event): boolean => Object.keys(e.datasetRecords).length === 0;

describe('KnownHangs', () => {
  it('keeps one entry per signature and class set', () => {
    const h = new KnownHangs();
    h.add({ key: 'k', classes: ['a', 'b'], checkId: 'x/one' });
    h.add({ key: 'k', classes: ['b', 'a'], checkId: 'x/two' });
    h.add({ key: 'k', classes: ['a'], checkId: 'x/two' });
    expect(h.size).toBe(2);
    expect(h.list().map((x) => x.checkId)).toEqual(['x/one', 'x/two']);
  });

  it('probes what the shrunk cases of one hang share first, then each', () => {
    const h = new KnownHangs();
    h.add({ key: 'k', classes: ['empty-dataset', 'no-patches'], checkId: 'x/one' });
    h.add({ key: 'k', classes: ['no-patches', 'untouched-tombstones'], checkId: 'x/two' });
    h.add({ key: 'other', classes: ['large'], checkId: 'x/three' });
    const probes = h.probes();
    expect(probes).toHaveLength(2);
    expect(probes[0]?.map((x) => x.classes)).toEqual([
      ['no-patches'],
      ['empty-dataset', 'no-patches'],
      ['no-patches', 'untouched-tombstones'],
    ]);
    expect(probes[1]?.map((x) => x.classes)).toEqual([['large']]);
  });

  it('a case carries a hang when it has every class of it', () => {
    expect(carries(['a', 'b', 'c'], ['a', 'c'])).toBe(true);
    expect(carries(['a'], ['a', 'c'])).toBe(false);
    expect(carries(['a'], [])).toBe(true);
  });
});

describe('probeCase', () => {
  const c = check('reply/shape');
  const hang = { key: 'k', classes: ['empty-event'], checkId: 'x/one' };

  it('draws a case that carries the classes, and its seed and path draw it again', () => {
    const probe = probeCase(c, c.arbitrary(gen), 42, hang);
    expect(probe).toBeDefined();
    if (!probe) return;
    expect(carries(c.classify?.(probe.input) ?? [], hang.classes)).toBe(true);
    expect(caseAt(c, gen, probe.seed, probe.path)).toEqual(probe.input);
  });

  it('finds none for classes the check never draws, or no classes', () => {
    expect(probeCase(c, c.arbitrary(gen), 42, { ...hang, classes: ['no-such-class'] })).toBeUndefined();
    expect(probeCase(c, c.arbitrary(gen), 42, { ...hang, classes: [] })).toBeUndefined();
  });
});

describe('runCheck with a handler that hangs on events without records', () => {
  const run = (id: string, ctx: CheckContext, hangs: KnownHangs) =>
    runCheck({
      check: check(id),
      ctx,
      gen,
      seed: 1234,
      runs: 100,
      stored: [],
      replayCommand: () => 'npx cognito-sync-conformance replay x',
      hangs,
    });

  it('the first check shrinks the hang; the next fails with it at once, attributed, replayable', async () => {
    const hangs = new KnownHangs();
    const first = hangingCtx(empty);
    const one = await run('reply/shape', first.ctx, hangs);
    expect(one.result.outcome).toBe('fail');
    const shrunk = firstCounterexample(one.result);
    expect(shrunk?.attributedTo).toBeUndefined();
    expect(hangs.size).toBe(1);
    expect(hangs.list()[0]?.checkId).toBe('reply/shape');
    expect(hangs.list()[0]?.classes).toContain('empty-event');

    const second = hangingCtx(empty);
    const two = await run('reply/read-only-fields', second.ctx, hangs);
    expect(two.result.outcome).toBe('fail');
    const attributed = firstCounterexample(two.result);
    expect(attributed?.attributedTo).toBe('reply/shape');
    // One deadline: the probe hung, and the check stopped there.
    expect(second.calls.hung).toBe(1);
    const c = check('reply/read-only-fields');
    const info = two.result.outcome === 'fail' ? two.result.failures[0].counterexample : undefined;
    expect(info).toBeDefined();
    if (!info) return;
    const replayed = caseAt(c, gen, info.seed, info.path);
    expect(Object.keys((c.eventOf(replayed) as Event).datasetRecords)).toHaveLength(0);
  });

  it('a handler that never hangs runs every case, with or without known hangs', async () => {
    const hangs = new KnownHangs();
    hangs.add({ key: 'reply/shape:timed-out', classes: ['empty-event'], checkId: 'reply/shape' });
    const healthy = hangingCtx(() => false);
    const out = await run('reply/read-only-fields', healthy.ctx, hangs);
    expect(out.result.outcome).toBe('pass');
    expect(out.result.runs).toBe(100);
    expect(out.result.notRun).toBeUndefined();
  });
});
