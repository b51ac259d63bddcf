/**
 * The registry of undocumented points. Every [OPEN] item of CONTRACT.md is an entry: the question, each plausible
 * reading (one marked default, with the reason), and the sources; `readingConstraints.ts` states which readings
 * cannot go together. The model computes under any allowed choice; `docs/semantics.md` is generated from this table.
 */
import { EVENT_SHAPE_POINTS } from './pointsEvent.ts';
import { REPLY_POINTS } from './pointsReply.ts';
import { SERVICE_POINTS } from './pointsService.ts';
import type { OpenPoint } from './pointTypes.ts';

export type { OpenPoint, Reading } from './pointTypes.ts';

/** Every undocumented point, in CONTRACT.md order. The first reading of each is the default. */
export const OPEN_POINTS = [...EVENT_SHAPE_POINTS, ...REPLY_POINTS, ...SERVICE_POINTS] as const;

/** The id of an undocumented point. */
export type OpenPointId = (typeof OPEN_POINTS)[number]['id'];

/** The reading ids of one point. */
export type ReadingOf<P extends OpenPointId> = Extract<
  (typeof OPEN_POINTS)[number],
  { id: P }
>['readings'][number]['id'];

/** A full choice of readings, one per undocumented point. */
export type Readings = { readonly [P in OpenPointId]: ReadingOf<P> };

/** The default readings (the first of each point). */
export const DEFAULT_READINGS: Readings = Object.fromEntries(
  OPEN_POINTS.map((p) => [p.id, p.readings[0].id]),
) as unknown as Readings;

/**
 * The points a choice of readings sets away from their default, in registry order.
 * @param readings - a full or partial choice
 * @example nonDefaultPoints({ ...DEFAULT_READINGS, 'reply.nullEntry': 'remove' }) // ['reply.nullEntry']
 */
export function nonDefaultPoints(readings: Partial<Readings>): OpenPointId[] {
  return OPEN_POINTS.map((p) => p.id).filter(
    (id) => readings[id] !== undefined && readings[id] !== DEFAULT_READINGS[id],
  );
}

/** Looks up a point by id. */
export function openPoint(id: OpenPointId): OpenPoint {
  const p = OPEN_POINTS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown open point ${id}`);
  return p;
}

/** True when `id` names a point of the registry. */
export function isOpenPointId(id: string): id is OpenPointId {
  return OPEN_POINTS.some((p) => p.id === id);
}
