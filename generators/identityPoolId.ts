/** Identity pool ids (CONTRACT.md §3). */
import fc from 'fast-check';
import { idTail, joinId, readIdConstraints, type RegionScopedIdConstraints } from './_internal/idTail.ts';
import { region } from './region.ts';

/** Constraints of {@link identityPoolId}: the region prefix and the shape of the GUID part. */
export type IdentityPoolIdConstraints = RegionScopedIdConstraints;

/**
 * An identity pool id, `REGION:GUID` (lowercase hex), at most 55 characters, matching the model's `ID_PATTERN`.
 * @param constraints - see {@link RegionScopedIdConstraints}
 * @example identityPoolId({ region: 'eu-west-1' }) // 'eu-west-1:0f6c…'
 */
export function identityPoolId(constraints: IdentityPoolIdConstraints = {}): fc.Arbitrary<string> {
  const c = readIdConstraints('identityPoolId', constraints);
  const r = c.region === undefined ? region() : fc.constant(c.region);
  return fc.tuple(r, idTail(c.shape)).map(([reg, tail]) => joinId(reg, tail));
}
