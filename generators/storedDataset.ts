/** Stored datasets (CONTRACT.md §3, §4): live records and tombstones, within the limits, with consistent SyncCounts. */
import fc from 'fast-check';
import type { DatasetState } from '../model/index.ts';
import { boolField, constraintsObject } from './_internal/constraints.ts';
import { materializeScenario } from './_internal/materializeScenario.ts';
import { scenarioBranch, SIZE_WEIGHTS } from './_internal/scenarioBranch.ts';
import { planScenario, type ScenarioSize } from './_internal/scenarioPlan.ts';

/** Constraints of {@link storedDataset}. */
export interface StoredDatasetConstraints {
  /**
   * As for `syncScenario`: `'small'` up to 6 records, `'medium'` up to 24 plus 64 short ones, `'large'` up to
   * 1,024 records and 1 MB, `'max'` always 1,024 records and near 1 MB.
   * @defaultValue 'mixed'
   */
  readonly size?: ScenarioSize;
  /**
   * Include tombstones (records removed earlier, value `null`).
   * @defaultValue true
   */
  readonly tombstones?: boolean;
  /**
   * Only keys the JS SDK can send.
   * @defaultValue false
   */
  readonly sdkSafeKeys?: boolean;
  /**
   * Longest individually drawn value, in code units (bulk values fill up to 1 MB regardless).
   * @defaultValue 1024
   */
  readonly maxValueLength?: number;
}

/**
 * A stored dataset: 0 to 1,024 live records and at most 1 MB (UTF-8 of keys and values, tombstones by key), live
 * records and tombstones, every record's SyncCount between 1 and the dataset SyncCount, which is the highest of
 * them (0, with `exists: false`, when there is no record). Drawn as a scenario with no patches, so it shrinks the
 * same way.
 * @param constraints - see {@link StoredDatasetConstraints}
 * @example
 * fc.assert(fc.property(storedDataset({ size: 'max' }), (d) => listRecords(d).ok));
 */
export function storedDataset(constraints: StoredDatasetConstraints = {}): fc.Arbitrary<DatasetState> {
  const c = constraintsObject('storedDataset', constraints);
  const tombstones = boolField('storedDataset', 'tombstones', c.tombstones, true);
  const { size, sdkSafeKeys, maxValueLength } = c;
  const plan = planScenario('storedDataset', { size, sdkSafeKeys, maxValueLength, defaultReadings: true });
  const mode = tombstones ? 'no-patches' : 'live-only';
  const branches = plan.sizes.map((s) => ({ arbitrary: scenarioBranch(plan, s, mode), weight: SIZE_WEIGHTS[s] }));
  return fc.oneof({ withCrossShrink: true }, ...branches).map((s) => materializeScenario(s).dataset);
}
