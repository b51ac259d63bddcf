/** `syncCase` against the model: limits on both sides, the model builds the same event, an echo is accepted. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_READINGS,
  judge,
  MAX_DATASET_BYTES,
  MAX_RECORDS,
  prepareUpdate,
  SDK_KEY_PATTERN,
} from '../model/index.ts';
import { classesOf, FORCEABLE_CLASSES, INCOMPATIBLE_CLASSES } from './_internal/scenarioClasses.ts';
import type { SyncCase } from './_internal/types.ts';
import { syncCase } from './syncCase.ts';
import { limitsOf } from './testkit.test-helpers.ts';

describe('syncCase', () => {
  it('keeps the stored dataset and the dataset after the patches within 1,024 records and 1 MB', () => {
    fc.assert(
      fc.property(syncCase(), (c) => {
        const l = limitsOf(c);
        expect(l).toStrictEqual({
          liveBefore: c.stats.liveBefore,
          liveAfter: c.stats.liveAfter,
          bytesBefore: c.stats.bytesBefore,
          bytesAfter: c.stats.bytesAfter,
        });
        expect(Math.max(l.liveBefore, l.liveAfter)).toBeLessThanOrEqual(MAX_RECORDS);
        expect(Math.max(l.bytesBefore, l.bytesAfter)).toBeLessThanOrEqual(MAX_DATASET_BYTES);
      }),
      { numRuns: 120 },
    );
  });

  it('is what the model’s own UpdateRecords would send: no conflict, the same event', () => {
    fc.assert(
      fc.property(syncCase(), (c) => {
        const prepared = prepareUpdate(c.dataset, { patches: c.patches, now: 0 }, true, c.readings);
        expect(prepared.step).toBe('invoke');
        if (prepared.step === 'invoke') expect(JSON.stringify(prepared.event)).toBe(JSON.stringify(c.event));
      }),
      { numRuns: 120 },
    );
  });

  it('has its echo accepted by the model under its own readings, leaving exactly the user’s intent', () => {
    // The generators draw only combinations the model's constraints allow: under each, AWS's echo blueprint works.
    fc.assert(
      fc.property(syncCase(), (c) => {
        const v = judge(c.event, JSON.stringify(c.event), {
          before: c.before,
          tombstoneKeys: c.tombstoneKeys,
          readings: c.readings,
        });
        expect(v.status).toBe('accepted');
        // A null entry carries no value, so an echo cannot keep a re-add it stands for.
        if (v.status === 'accepted' && !Object.values(c.event.datasetRecords).includes(null))
          expect({ ...v.after }).toStrictEqual({ ...c.intended });
      }),
      { numRuns: 120 },
    );
  });

  it('has its echo accepted at the default readings when drawn at the default readings', () => {
    fc.assert(
      fc.property(syncCase({ defaultReadings: true, size: 'small' }), (c) => {
        expect(c.readings).toStrictEqual(DEFAULT_READINGS);
        const v = judge(c.event, JSON.stringify(c.event), { before: c.before, tombstoneKeys: c.tombstoneKeys });
        expect(v.status).toBe('accepted');
      }),
      { numRuns: 200 },
    );
  });

  it('reaches each forceable class every time it is asked to', () => {
    for (const cls of FORCEABLE_CLASSES) {
      const cases = fc.sample(syncCase({ classes: [cls] }), { seed: 13, numRuns: 25 });
      const missing = cases.filter((c) => !classesOf(c).includes(cls)).length;
      expect(missing, cls).toBe(0);
    }
  });

  it('reaches forced classes together when they are compatible', () => {
    const incompatible = new Set(INCOMPATIBLE_CLASSES.map(([a, b]) => `${a}+${b}`));
    const pairs = FORCEABLE_CLASSES.flatMap((a, i) =>
      FORCEABLE_CLASSES.slice(i + 1).map((b) => [a, b] as const),
    ).filter(([a, b]) => !incompatible.has(`${a}+${b}`) && !incompatible.has(`${b}+${a}`));
    for (const [a, b] of pairs) {
      for (const c of fc.sample(syncCase({ classes: [a, b], size: 'small' }), { seed: 5, numRuns: 3 })) {
        expect(classesOf(c), `${a}+${b}`).toEqual(expect.arrayContaining([a, b]));
      }
    }
  });

  it('keeps every key to the JS SDK pattern with sdkSafeKeys', () => {
    fc.assert(
      fc.property(syncCase({ sdkSafeKeys: true }), (c) => {
        expect(Object.keys(c.event.datasetRecords).filter((k) => !SDK_KEY_PATTERN.test(k))).toStrictEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('holds pinned readings', () => {
    fc.assert(
      fc.property(
        syncCase({ readings: { 'event.untouchedRecord': 'op-absent', 'reply.opMissing': 'replace' }, size: 'small' }),
        (c) => {
          expect(c.readings['event.untouchedRecord']).toBe('op-absent');
          expect(c.readings['reply.opMissing']).toBe('replace');
        },
      ),
      { numRuns: 50 },
    );
  });

  it('draws focus names (near code no case reached) far more often than other known names', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `Key${String(i)}`);
    const share = (c: { focusKeys?: string[]; focusDatasetNames?: string[] }) => {
      const cases = fc.sample(
        syncCase({ size: 'small', keys: [...keys, 'Vault'], datasetNames: ['A', 'B', 'Vaults'], ...c }),
        { seed: 7, numRuns: 400 },
      );
      return {
        key: cases.filter((x) => 'Vault' in x.event.datasetRecords).length / cases.length,
        name: cases.filter((x) => x.event.datasetName === 'Vaults').length / cases.length,
      };
    };
    const plain = share({});
    const steered = share({ focusKeys: ['Vault'], focusDatasetNames: ['Vaults'] });
    expect(steered.key).toBeGreaterThan(0.25);
    expect(steered.key).toBeGreaterThan(3 * plain.key);
    expect(steered.name).toBeGreaterThan(0.4);
    expect(steered.name).toBeGreaterThan(1.5 * plain.name);
  });

  it('draws the same cases for a seed with no focus as with an empty one', () => {
    const a = fc.sample(syncCase({ size: 'small', keys: ['k'] }), { seed: 3, numRuns: 20 });
    const b = fc.sample(syncCase({ size: 'small', keys: ['k'], focusKeys: [] }), { seed: 3, numRuns: 20 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('syncCase with keys the handler acts on', () => {
  const KNOWN = ['SampleKey1', 'Lives'] as const;
  const N = 400;
  /** A known key's fate in a case: from the scenario's intent, or a null entry in the event. */
  const fatesOf = (c: SyncCase, key: string): string[] => {
    const fates: string[] = [];
    const entry = Object.prototype.hasOwnProperty.call(c.event.datasetRecords, key)
      ? c.event.datasetRecords[key]
      : undefined;
    if (entry === null) fates.push('null entry');
    const intent = c.scenario.records.find((r) => r.key === key)?.intent;
    if (intent === 'put') fates.push('new');
    if (intent === 'remove') fates.push('remove');
    if (intent === 'readd') fates.push('re-add');
    return fates;
  };

  it('carries them in a large share of events, each key with each fate over a sample', () => {
    const cases = fc.sample(syncCase({ keys: KNOWN }), { seed: 20261122, numRuns: N });
    const carrying = cases.filter((c) => KNOWN.some((k) => k in c.event.datasetRecords)).length;
    expect(carrying / N).toBeGreaterThan(1 / 3);
    for (const key of KNOWN) {
      const seen = new Set(cases.flatMap((c) => fatesOf(c, key)));
      expect([...seen].sort(), key).toStrictEqual(['new', 'null entry', 're-add', 'remove']);
    }
  });

  it('puts a forced class on a known key in a measurable share of cases', () => {
    const cases = fc.sample(syncCase({ keys: KNOWN, classes: ['null-entries'] }), { seed: 7, numRuns: N });
    const onKnown = cases.filter((c) => KNOWN.some((k) => c.event.datasetRecords[k] === null)).length;
    expect(onKnown / N).toBeGreaterThan(1 / 3);
  });

  it('without known keys, draws those names (almost) never: the bias comes from the keys', () => {
    const cases = fc.sample(syncCase(), { seed: 20261122, numRuns: N });
    expect(cases.filter((c) => KNOWN.some((k) => k in c.event.datasetRecords)).length / N).toBeLessThan(0.05);
  });
});
