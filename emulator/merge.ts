/**
 * Merging identities (MergeDeveloperIdentities, or a login linked to an identity while another one holds it): the
 * source identity's datasets move to the destination under the name `<dataset>.<source identity id>`, and
 * ListRecords of the destination's `<dataset>` names them in `MergedDatasetNames`, so the AWS clients' merge path
 * (`onDatasetsMerged`) runs: the app reads the merged dataset, folds it in, and deletes it. The source identity is
 * gone; its logins, devices and credentials now stand for the destination.
 */
import { MAX_DATASET_NAME_LENGTH } from '../model/index.ts';
import { EmulatorState } from './state.ts';

/**
 * The name a merged dataset gets. The real service's naming is not documented; the AWS clients recognise merged
 * datasets by the prefix `<dataset>.`, so that is kept, and a name over the API's 128 characters is cut.
 * @param datasetName - the source dataset's name
 * @param sourceIdentityId - the identity merged away
 */
function mergedName(datasetName: string, sourceIdentityId: string): string {
  return `${datasetName}.${sourceIdentityId}`.slice(0, MAX_DATASET_NAME_LENGTH);
}

/**
 * Merges `source` into `dest` (both of `poolId`).
 * @param state - the emulator's state
 * @param poolId - the pool
 * @param source - the identity merged away
 * @param dest - the identity that stays
 */
export function mergeIdentities(state: EmulatorState, poolId: string, source: string, dest: string): void {
  if (source === dest) return;
  for (const d of state.datasetsOf(poolId, source)) {
    const name = mergedName(d.datasetName, source);
    const moved = { ...d, identity: { ...d.identity, identityId: dest }, datasetName: name };
    state.setDataset(moved);
    state.put('merged', EmulatorState.key(poolId, dest, name), d.datasetName);
    state.drop('datasets', EmulatorState.key(poolId, source, d.datasetName));
  }
  for (const [k, i] of state.logins) if (i === source) state.put('logins', k, dest);
  for (const [k, c] of state.issued) if (c.identityId === source) state.put('issued', k, { ...c, identityId: dest });
  for (const [k, d] of state.devices) if (d.identityId === source) state.put('devices', k, { ...d, identityId: dest });
  const ofSource = (key: string): boolean => key.split('|')[1] === source;
  for (const table of ['deleted', 'merged', 'subscriptions'] as const)
    for (const k of [...state[table].keys()]) if (ofSource(k)) state.drop(table, k);
  state.drop('identities', source);
}

/**
 * The datasets merged into one dataset of an identity that still exist: ListRecords' `MergedDatasetNames`.
 * @param state - the emulator's state
 * @param poolId - the pool
 * @param identityId - the identity
 * @param datasetName - the dataset listed
 */
export function mergedInto(state: EmulatorState, poolId: string, identityId: string, datasetName: string): string[] {
  const prefix = `${poolId}|${identityId}|`;
  return [...state.merged]
    .filter(([k, base]) => base === datasetName && k.startsWith(prefix) && state.datasets.has(k))
    .map(([k]) => k.slice(prefix.length))
    .sort();
}
