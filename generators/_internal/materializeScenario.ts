/**
 * The one pure function from an abstract scenario to everything concrete: the stored dataset, the user's patches,
 * the event (through the model's `buildEvent`, never by hand) and the values before and after. Every arbitrary of
 * events maps through here, so shrinking acts on the scenario.
 */
import { buildEvent, dict, type DatasetState, type RecordPatch, type StoredRecord } from '../../model/index.ts';
import type { SyncTriggerEvent } from '../../model/index.ts';
import { Budget } from './budget.ts';
import { BULK_KEY, expandBulk } from './expandBulk.ts';
import { costOf, rowOf, valueAfter, type Row } from './rows.ts';
import type { MaterializedScenario, SyncScenario } from './types.ts';

/** Epoch milliseconds of the dataset's first write; later versions are one second apart. */
const T0 = 1_700_000_000_000;
const at = (syncCount: number): number => T0 + syncCount * 1000;

/** Individually drawn rows, deduplicated (first wins) and cut to the limits, then the bulk groups. */
function rowsOf(s: SyncScenario, budget: Budget): { rows: Row[]; dropped: number } {
  const rows: Row[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const r of s.records) {
    const row = rowOf(r);
    if (seen.has(r.key) || BULK_KEY.test(r.key) || !budget.tryAdd(costOf(row))) {
      dropped++;
      continue;
    }
    seen.add(r.key);
    rows.push(row);
  }
  s.bulk.forEach((g, i) => rows.push(...expandBulk(g, i, budget)));
  return { rows, dropped };
}

/**
 * Builds the concrete side of a scenario. Pure and deterministic. The stored dataset keeps at most 1,024 live
 * records and 1 MB (keys and values, tombstones by key), and so does the dataset the user's patches leave; records
 * that would break a limit are left out (counted in `stats.dropped`), bulk groups are cut to what remains.
 * The dataset SyncCount is the highest record SyncCount; every patch carries its record's stored SyncCount (0 for
 * a new key), so the request passes the conflict check.
 * @param s - the abstract scenario
 */
export function materializeScenario(s: SyncScenario): MaterializedScenario {
  const budget = new Budget();
  const { rows, dropped } = rowsOf(s, budget);
  const who = s.identity.identityId;
  const records: StoredRecord[] = [];
  const patches: RecordPatch[] = [];
  const before = dict<string>();
  const intended = dict<string>();
  const tombstoneKeys: string[] = [];
  let syncCount = 0;
  for (const row of rows) {
    if (row.stored !== undefined) {
      records.push({
        key: row.key,
        value: row.stored,
        syncCount: row.syncCount,
        lastModifiedDate: at(row.syncCount),
        lastModifiedBy: who,
        deviceLastModifiedDate: at(row.syncCount),
      });
      syncCount = Math.max(syncCount, row.syncCount);
      if (row.stored === null) tombstoneKeys.push(row.key);
      else before[row.key] = row.stored;
    }
    if (row.patch) patches.push({ ...row.patch, key: row.key, syncCount: row.syncCount });
    const after = valueAfter(row);
    if (after !== undefined) intended[row.key] = after;
  }
  const dataset: DatasetState = {
    identity: s.identity,
    datasetName: s.datasetName,
    exists: records.length > 0,
    syncCount,
    records,
    creationDate: T0,
    lastModifiedDate: at(syncCount),
    lastModifiedBy: records.length > 0 ? who : '',
  };
  const event = buildEvent(dataset, patches, s.identity, s.readings);
  const stats = { ...budget.totals(), dropped };
  return { dataset, patches, event, before, tombstoneKeys, intended, stats };
}

/**
 * The Sync Trigger event of a scenario, as Cognito would send it under the scenario's readings.
 * @param s - the abstract scenario
 * @example fc.sample(syncScenario().map(buildScenarioEvent), 1)
 */
export function buildScenarioEvent(s: SyncScenario): SyncTriggerEvent {
  return materializeScenario(s).event;
}
