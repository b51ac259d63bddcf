/**
 * The part after the colon of identity pool ids and identity ids (CONTRACT.md §3: `REGION:GUID`, 1–55 characters,
 * `^[\w-]+:[0-9a-f-]+$`), and the constraints the three id arbitraries share. Internal: the public arbitraries are
 * `identityPoolId`, `identityId` and `identity`.
 */
import fc from 'fast-check';
import { MAX_ID_LENGTH, SYNC_REGIONS } from '../../model/index.ts';
import { constraintsObject, enumField } from './constraints.ts';
import { clampUnits } from './strings.ts';
import type { SyncRegion } from '../region.ts';

/** How the part after the colon looks. */
export type IdShape = 'guid' | 'pattern';

/** Constraints of the `REGION:GUID` arbitraries. */
export interface RegionScopedIdConstraints {
  /**
   * Pin the region prefix.
   * @defaultValue drawn from `SYNC_REGIONS`
   */
  readonly region?: SyncRegion;
  /**
   * `'guid'`: a lowercase GUID, as Cognito issues. `'pattern'`: anything the model's pattern allows, up to the
   * 55-character maximum (a lone `-`, a short hex run), for handlers that parse ids.
   * @defaultValue 'guid'
   */
  readonly shape?: IdShape;
}

/** Reads and checks the constraints; `name` is the public arbitrary's, for messages. */
export function readIdConstraints(name: string, constraints: unknown): { region?: SyncRegion; shape: IdShape } {
  const c = constraintsObject(name, constraints);
  const shape = enumField<IdShape>(name, 'shape', c.shape, 'guid', ['guid', 'pattern']);
  if (c.region === undefined) return { shape };
  return { region: enumField(name, 'region', c.region, SYNC_REGIONS[0], SYNC_REGIONS), shape };
}

/**
 * The part after the colon, before {@link joinId} fits it to the region's share of the 55 characters.
 * @param shape - `'guid'` or `'pattern'`
 */
export function idTail(shape: IdShape): fc.Arbitrary<string> {
  if (shape === 'guid') return fc.uuid();
  const hexOrDash = fc.constantFrom(...Array.from('0123456789abcdef-'));
  // A full-length tail: joinId cuts it to exactly what the region leaves of the 55 characters.
  return fc.oneof(
    { withCrossShrink: true },
    fc.uuid(),
    fc.string({ unit: hexOrDash, minLength: 1, maxLength: 8 }),
    fc.string({ unit: hexOrDash, minLength: 54, maxLength: 54 }),
  );
}

/** Joins a region and a tail, cutting the tail so the id fits 55 characters. */
export const joinId = (r: string, tail: string): string => `${r}:${clampUnits(tail, MAX_ID_LENGTH - r.length - 1)}`;
