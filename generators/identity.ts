/** Whose dataset an event is about (CONTRACT.md §1). */
import fc from 'fast-check';
import type { Identity } from '../model/index.ts';
import { idTail, joinId, readIdConstraints, type RegionScopedIdConstraints } from './_internal/idTail.ts';
import { region } from './region.ts';

/** Constraints of {@link identity}: the region shared by the pool and the identity, and the GUID shape. */
export type IdentityConstraints = RegionScopedIdConstraints;

/**
 * A region with an identity pool id and an identity id in that region, as Cognito pairs them. Drawn without
 * `chain`, so each part shrinks on its own.
 * @param constraints - see {@link RegionScopedIdConstraints}
 */
export function identity(constraints: IdentityConstraints = {}): fc.Arbitrary<Identity> {
  const c = readIdConstraints('identity', constraints);
  const r = c.region === undefined ? region() : fc.constant(c.region);
  return fc.tuple(r, idTail(c.shape), idTail(c.shape)).map(([reg, pool, id]) => ({
    region: reg,
    identityPoolId: joinId(reg, pool),
    identityId: joinId(reg, id),
  }));
}
