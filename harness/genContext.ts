/**
 * What the checks' generators learn of a run: the readings, pinned event-shape readings, the user's domain values,
 * and the record keys and dataset names the handler acts on (discovered or declared).
 */
import type fc from 'fast-check';
import type { GenContext } from '../suites/check.ts';
import type { Discovery } from './discovery/index.ts';
import type { ResolvedOptions } from './options.ts';
import { guardedValues } from './userValues.ts';

/**
 * The generator context of a run.
 * @param o - the resolved options (`values` were checked to be arbitraries when the config was loaded)
 * @param discovery - what discovery found (declared names included)
 */
export function genContextOf(o: ResolvedOptions, discovery?: Discovery): GenContext {
  const values = o.values as Readonly<Record<string, fc.Arbitrary<string>>>;
  const keys = discovery?.keys.map((k) => k.value) ?? o.discovery.keys;
  const pinned = o.discovery.datasetName;
  const datasetNames =
    pinned !== undefined ? [pinned] : (discovery?.datasetNames.map((n) => n.value) ?? o.discovery.datasetNames);
  // Steering: names near code discovery never reached (none when the handler's coverage is not measured).
  const focusKeys = discovery?.keys.filter((k) => k.nearUnreached).map((k) => k.value) ?? [];
  const focusDatasetNames =
    pinned !== undefined ? [] : (discovery?.datasetNames.filter((n) => n.nearUnreached).map((n) => n.value) ?? []);
  return {
    readings: o.readings,
    ...(o.eventReadings ? { eventReadings: o.eventReadings } : {}),
    ...(Object.keys(values).length ? { values: guardedValues(values) } : {}),
    ...(keys.length ? { keys } : {}),
    ...(datasetNames.length ? { datasetNames } : {}),
    ...(pinned !== undefined ? { datasetName: pinned } : {}),
    ...(focusKeys.length ? { focusKeys } : {}),
    ...(focusDatasetNames.length ? { focusDatasetNames } : {}),
  };
}
