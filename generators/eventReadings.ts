/** Readings of the undocumented event-shape points (CONTRACT.md §1 [OPEN]; `event.*` in the model's registry). */
import fc from 'fast-check';
import { allowedReadings, DEFAULT_READINGS, OPEN_POINTS, resolveReadings, type Readings } from '../model/index.ts';
import { boolField, constraintsObject } from './_internal/constraints.ts';

/** Constraints of {@link eventReadings}. */
export interface EventReadingsConstraints {
  /**
   * Readings to hold fixed, for any point (event, reply or service). Checked against the registry up front.
   * @defaultValue none
   */
  readonly pinned?: Partial<Readings>;
  /**
   * Hold every point that is not pinned at its default reading.
   * @defaultValue false
   */
  readonly defaultsOnly?: boolean;
}

/** The points that decide how Cognito builds the event. Reply and service points are the judge's business. */
export const EVENT_POINTS = OPEN_POINTS.filter((p) => p.area === 'event');

/**
 * Checks a constraints object of {@link eventReadings} and returns the pinned readings and mode.
 * @param name - the public arbitrary, for messages
 * @param constraints - the object to check
 */
export function readReadingsConstraints(
  name: string,
  constraints: unknown,
): { pinned: Readings; defaultsOnly: boolean } {
  const c = constraintsObject(name, constraints);
  const defaultsOnly = boolField(name, 'defaultsOnly', c.defaultsOnly, false);
  const pinned = constraintsObject(`${name}: pinned`, c.pinned);
  for (const [id, reading] of Object.entries(pinned))
    if (typeof reading !== 'string') throw new TypeError(`${name}: pinned reading of ${id} must be a string`);
  const resolved = resolveReadings(pinned as Record<string, string>);
  if (!resolved.ok) throw new RangeError(`${name}: ${resolved.problems.join('; ')}`);
  return { pinned: resolved.readings, defaultsOnly };
}

/**
 * A full choice of readings where the event-shape points are drawn: half the time all defaults, otherwise each
 * point on its own, its default twice as likely as each alternative. Reply and service points stay at their
 * defaults unless pinned. Only readings the model's constraints allow beside the pinned ones are drawn (records
 * without `op` only when the reply readings accept an echo of them). Shrinks toward the defaults. This is how null
 * entries (amazon-cognito-js#61) reach handlers at default settings.
 * @param constraints - see {@link EventReadingsConstraints}
 * @example
 * eventReadings({ pinned: { 'event.untouchedTombstone': 'null-entry' } })
 */
export function eventReadings(constraints: EventReadingsConstraints = {}): fc.Arbitrary<Readings> {
  const { pinned, defaultsOnly } = readReadingsConstraints('eventReadings', constraints);
  const pinnedIds = new Set(Object.keys(constraints.pinned ?? {}));
  const free = EVENT_POINTS.filter((p) => !pinnedIds.has(p.id));
  if (defaultsOnly || free.length === 0) return fc.constant(pinned);
  // The constraints tie event points to reply points only, so each event point's allowed readings are independent of
  // the other event points': drawing each from its own allowed list never forms an excluded combination.
  const drawn = free.map((p) => {
    const allowed = allowedReadings(p.id, pinned);
    const first = allowed.includes(DEFAULT_READINGS[p.id]) ? DEFAULT_READINGS[p.id] : (allowed[0] ?? pinned[p.id]);
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant(first), weight: 2 },
      ...allowed.filter((id) => id !== first).map((id) => ({ arbitrary: fc.constant(id), weight: 1 })),
    );
  });
  return fc.oneof(
    { withCrossShrink: true },
    fc.constant(pinned),
    fc.tuple(...drawn).map((ids) => {
      const out: Record<string, string> = { ...pinned };
      for (const [i, p] of free.entries()) out[p.id] = ids[i] ?? pinned[p.id];
      return out as unknown as Readings;
    }),
  );
}
