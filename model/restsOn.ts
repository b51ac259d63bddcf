/**
 * Which readings of undocumented points a verdict rests on. The generators draw events under every event reading (the
 * real shape is unknown) and the judge reads replies under chosen readings; a failure that needs either is not the
 * same news as one that holds under every reading, so each failure names them.
 */
import { buildEvent, type EventSource } from './buildEvent.ts';
import { dependsOnReadings, valuesOf } from './dependence.ts';
import type { JudgeOptions, LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, OPEN_POINTS, type OpenPointId, type Readings } from './registry.ts';
import type { Identity, RecordPatch, SyncTriggerEvent } from './types.ts';

/** One reading a verdict rests on. */
export interface RestingReading {
  readonly point: OpenPointId;
  readonly reading: string;
}

/** How an event was built: from this dataset and these patches, under these readings. */
export interface BuiltEvent {
  readonly dataset: EventSource;
  readonly patches: readonly RecordPatch[];
  readonly identity: Identity;
  readonly readings: Readings;
}

/**
 * The event readings away from their default that shaped this event: those whose default would have built a
 * different one.
 * @param built - how the event was built
 */
export function eventReadingsShaping(built: BuiltEvent): RestingReading[] {
  const event = JSON.stringify(buildEvent(built.dataset, built.patches, built.identity, built.readings));
  return OPEN_POINTS.filter((p) => p.area === 'event' && built.readings[p.id] !== DEFAULT_READINGS[p.id])
    .filter((p) => {
      const readings = { ...built.readings, [p.id]: DEFAULT_READINGS[p.id] } as Readings;
      return JSON.stringify(buildEvent(built.dataset, built.patches, built.identity, readings)) !== event;
    })
    .map((p) => ({ point: p.id, reading: built.readings[p.id] }));
}

/**
 * The readings a verdict rests on: the event readings away from their default that shaped the event, and every
 * undocumented point whose other readings would change the verdict on this result — whether the update fails, or
 * the values it leaves — named with the reading judged under. Empty when the verdict holds under every reading. In
 * registry order.
 * @param event - the event the handler received
 * @param result - what the Lambda call came to
 * @param options - the judge's options; `readings` are the ones judged under
 * @param built - how the event was built, when known (else only the judge's side is named)
 * @example readingsRestedOn(c.event, toLambdaResult(outcome), { readings, before: c.before }, c)
 */
export function readingsRestedOn(
  event: SyncTriggerEvent,
  result: LambdaResult,
  options: JudgeOptions = {},
  built?: BuiltEvent,
): RestingReading[] {
  const judged = options.readings ?? DEFAULT_READINGS;
  const found = new Map<OpenPointId, string>();
  for (const r of built ? eventReadingsShaping(built) : []) found.set(r.point, r.reading);
  // Whether the verdict stands or falls, or what it leaves: not which records get a new SyncCount.
  for (const d of dependsOnReadings(event, result, options, valuesOf)) found.set(d.point, judged[d.point]);
  return OPEN_POINTS.flatMap((p) => {
    const reading = found.get(p.id);
    return reading === undefined ? [] : [{ point: p.id, reading }];
  });
}
