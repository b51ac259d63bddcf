/** Cognito Sync regions (CONTRACT.md §3). */
import fc from 'fast-check';
import { SYNC_REGIONS } from '../model/index.ts';
import { constraintsObject, enumListField } from './_internal/constraints.ts';

/** A region that offers Cognito Sync. */
export type SyncRegion = (typeof SYNC_REGIONS)[number];

/** Constraints of {@link region}. */
export interface RegionConstraints {
  /**
   * The regions to draw from; must be non-empty.
   * @defaultValue every region of `SYNC_REGIONS`
   */
  readonly only?: readonly SyncRegion[];
}

/**
 * A Cognito Sync region. Shrinks toward the first region of `only`.
 * @param constraints - see {@link RegionConstraints}
 */
export function region(constraints: RegionConstraints = {}): fc.Arbitrary<SyncRegion> {
  const c = constraintsObject('region', constraints);
  const only = c.only === undefined ? SYNC_REGIONS : enumListField('region', 'only', c.only, SYNC_REGIONS);
  if (only.length === 0) throw new RangeError('region: only must name at least one region');
  return fc.constantFrom(...only);
}
