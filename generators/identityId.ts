/** Identity ids (CONTRACT.md §3). */
import fc from 'fast-check';
import { idTail, joinId, readIdConstraints, type RegionScopedIdConstraints } from './_internal/idTail.ts';
import { region } from './region.ts';

/** Constraints of {@link identityId}: the region prefix and the shape of the GUID part. */
export type IdentityIdConstraints = RegionScopedIdConstraints;

/**
 * A Cognito identity id, `REGION:GUID` (lowercase hex), at most 55 characters, matching the model's `ID_PATTERN`.
 * @param constraints - see {@link RegionScopedIdConstraints}
 */
export function identityId(constraints: IdentityIdConstraints = {}): fc.Arbitrary<string> {
  const c = readIdConstraints('identityId', constraints);
  const r = c.region === undefined ? region() : fc.constant(c.region);
  return fc.tuple(r, idTail(c.shape)).map(([reg, tail]) => joinId(reg, tail));
}
