import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetBytes, liveValues, MAX_DATASET_BYTES, MAX_RECORDS } from '../model/index.ts';
import { storedDataset } from './storedDataset.ts';

describe('storedDataset', () => {
  it('stays within 1,024 live records and 1 MB, with SyncCounts consistent with the dataset', () => {
    fc.assert(
      fc.property(storedDataset(), (d) => {
        const live = liveValues(d);
        const tombstones = d.records.filter((r) => r.value === null).map((r) => r.key);
        expect(Object.keys(live).length).toBeLessThanOrEqual(MAX_RECORDS);
        expect(datasetBytes(live, tombstones)).toBeLessThanOrEqual(MAX_DATASET_BYTES);
        expect(new Set(d.records.map((r) => r.key)).size).toBe(d.records.length);
        expect(d.exists).toBe(d.records.length > 0);
        if (d.exists) {
          expect(d.syncCount).toBeGreaterThanOrEqual(1);
          expect(Math.max(...d.records.map((r) => r.syncCount))).toBe(d.syncCount);
        } else expect(d.syncCount).toBe(0);
        // One expectation for all records: vitest's expect costs microseconds, a dataset has up to 1,024 records.
        const badCounts = d.records.filter(
          (r) => r.syncCount < (r.value === null ? 2 : 1) || r.syncCount > d.syncCount,
        );
        expect(badCounts).toStrictEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('reaches empty, full (1,024 records) and near-1 MB datasets, and tombstones only when allowed', () => {
    const all = fc.sample(storedDataset(), { seed: 4, numRuns: 400 });
    const live = (d: (typeof all)[number]): number => d.records.filter((r) => r.value !== null).length;
    expect(all.some((d) => d.records.length === 0)).toBe(true);
    expect(all.some((d) => live(d) === MAX_RECORDS)).toBe(true);
    expect(all.some((d) => d.records.some((r) => r.value === null))).toBe(true);
    const full = fc.sample(storedDataset({ size: 'max' }), { seed: 4, numRuns: 20 });
    for (const d of full) expect(datasetBytes(liveValues(d), [])).toBeGreaterThan(900 * 1024);
    const noTombstones = fc.sample(storedDataset({ tombstones: false }), { seed: 4, numRuns: 200 });
    expect(noTombstones.every((d) => d.records.every((r) => r.value !== null))).toBe(true);
  });
});
