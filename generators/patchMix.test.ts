import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareUpdate, updateRecords, type DatasetState, type RecordPatch } from '../model/index.ts';
import { patchMix } from './patchMix.ts';
import { storedDataset } from './storedDataset.ts';

/** A stored dataset with patches over it (chained: patchMix takes a concrete dataset). */
const withPatches = (
  c: Omit<Parameters<typeof patchMix>[0], 'dataset'> = {},
): fc.Arbitrary<[DatasetState, RecordPatch[]]> =>
  storedDataset({ size: 'small' }).chain((d) =>
    patchMix({ ...c, dataset: d }).map((p): [DatasetState, RecordPatch[]] => [d, p]),
  );
const echo = (e: unknown) => ({ kind: 'reply' as const, json: JSON.stringify(e) });

describe('patchMix', () => {
  it('carries each record’s stored SyncCount (0 for new keys), one patch per key, so the update goes through', () => {
    fc.assert(
      fc.property(withPatches(), ([d, patches]) => {
        const stored = new Map(d.records.map((r) => [r.key, r.syncCount]));
        expect(new Set(patches.map((p) => p.key)).size).toBe(patches.length);
        for (const p of patches) expect(p.syncCount).toBe(stored.get(p.key) ?? 0);
        expect(patches.length).toBeLessThanOrEqual(8);
        expect(updateRecords(d, { patches, now: 1 }, echo).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every kind of patch', () => {
    const kinds = new Set<string>();
    for (const [d, patches] of fc.sample(withPatches(), { seed: 8, numRuns: 300 })) {
      const stored = new Map(d.records.map((r) => [r.key, r.value]));
      for (const p of patches) {
        const s = stored.get(p.key);
        if (s === undefined) kinds.add('new key');
        else if (s === null) kinds.add(p.op === 'remove' ? 'remove tombstone' : 're-add');
        else if (p.op === 'remove') kinds.add('remove');
        else kinds.add(p.value === s ? 'no-op replace' : 'replace');
      }
    }
    expect([...kinds].sort()).toStrictEqual([
      'new key',
      'no-op replace',
      're-add',
      'remove',
      'remove tombstone',
      'replace',
    ]);
  });

  it('conflicts on every request with conflicts: always, with the service’s message', () => {
    fc.assert(
      fc.property(withPatches({ conflicts: 'always' }), ([d, patches]) => {
        const res = prepareUpdate(d, { patches, now: 1 }, true);
        expect(res.step).toBe('fail');
        if (res.step === 'fail') expect(res.error.name).toBe('ResourceConflictException');
      }),
      { numRuns: 150 },
    );
  });

  it('mixes exact and stale counts with conflicts: some', () => {
    const outcomes = fc
      .sample(withPatches({ conflicts: 'some' }), { seed: 2, numRuns: 200 })
      .map(([d, patches]) => prepareUpdate(d, { patches, now: 1 }, true).step);
    expect(outcomes).toContain('fail');
    expect(outcomes).toContain('invoke');
  });

  it('keeps a full dataset within its limits', () => {
    fc.assert(
      fc.property(
        storedDataset({ size: 'max' }).chain((d) =>
          patchMix({ dataset: d, maxPatches: 32 }).map((p) => [d, p] as const),
        ),
        ([d, patches]) => updateRecords(d, { patches, now: 1 }, echo).ok,
      ),
      { numRuns: 15 },
    );
  });
});
