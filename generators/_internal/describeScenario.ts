/**
 * A one-line-per-part summary of a scenario, for counterexamples and snapshots: keys shown (cut when long), bulks
 * as counts, readings only where they differ from the defaults.
 */
import { DEFAULT_READINGS, type OpenPointId } from '../../model/index.ts';
import type { MaterializedScenario, SyncScenario } from './types.ts';

/** A key as JSON, cut to 24 characters with its length when longer. */
const showKey = (k: string): string =>
  k.length <= 24 ? JSON.stringify(k) : `${JSON.stringify(k.slice(0, 12))}…(${k.length})`;

/**
 * Describes a scenario compactly.
 * @param s - the scenario
 * @param m - its materialization, for the sizes
 */
export function describeScenario(s: SyncScenario, m: MaterializedScenario): string {
  const keys = s.records.map((r) => `${r.intent}:${showKey(r.key)}`).join(', ');
  const bulk = s.bulk
    .map((g) => `${g.intent}×${String(g.count)} key${g.keyLength} val${String(g.valueLength)}${g.char}`)
    .join(', ');
  const readings = Object.entries(s.readings)
    .filter(([id, r]) => DEFAULT_READINGS[id as OpenPointId] !== r)
    .map(([id, r]) => `${id}=${r}`)
    .join(', ');
  const { liveBefore, liveAfter, bytesBefore, bytesAfter, dropped } = m.stats;
  return [
    `SyncCase { dataset ${JSON.stringify(s.datasetName)}`,
    `keys [${keys}]`,
    `bulk [${bulk}]`,
    `readings {${readings}}`,
    `live ${liveBefore}→${liveAfter}, bytes ${bytesBefore}→${bytesAfter}, dropped ${dropped} }`,
  ].join('; ');
}
