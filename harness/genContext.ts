/** What the checks' generators learn of a run: the readings, pinned event-shape readings, the user's domain values. */
import type fc from 'fast-check';
import type { GenContext } from '../suites/check.ts';
import type { ResolvedOptions } from './options.ts';

/**
 * The generator context of a run.
 * @param o - the resolved options (`values` were checked to be arbitraries when the config was loaded)
 */
export function genContextOf(o: ResolvedOptions): GenContext {
  const values = o.values as Readonly<Record<string, fc.Arbitrary<string>>>;
  return {
    readings: o.readings,
    ...(o.eventReadings ? { eventReadings: o.eventReadings } : {}),
    ...(Object.keys(values).length ? { values } : {}),
  };
}
