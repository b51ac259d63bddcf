/** The RecordPatches of an UpdateRecords as the service reads and checks them (CONTRACT.md §4). */
import { MAX_KEY_LENGTH } from './limits.ts';
import type { Readings } from './registry.ts';
import { conflictMessage, serviceError, type ServiceError } from './serviceErrors.ts';
import type { DatasetState, RecordPatch } from './types.ts';

/**
 * The patches as the service reads them: a `replace` without a value becomes what `service.replacePatchWithoutValue`
 * says (the empty string, or a removal); under `invalid-parameter` it is left for `validatePatches` to refuse.
 */
export function readPatches(patches: readonly RecordPatch[], readings: Readings): readonly RecordPatch[] {
  const reading = readings['service.replacePatchWithoutValue'];
  if (reading === 'invalid-parameter' || patches.every((p) => p.op !== 'replace' || p.value !== undefined))
    return patches;
  return patches.map((p) =>
    p.op !== 'replace' || p.value !== undefined
      ? p
      : reading === 'remove'
        ? { ...p, op: 'remove' as const }
        : { ...p, value: '' },
  );
}

/**
 * The first problem of the request's patches (key length, op, value length, SyncCount), as the service reports it.
 * @param patches - the patches as read by {@link readPatches}
 * @param readings - the readings (value limit)
 */
export function validatePatches(patches: readonly RecordPatch[], readings: Readings): ServiceError | undefined {
  const valueMax = Number(readings['service.valueMaxLength']);
  for (const p of patches) {
    if (p.key.length < 1 || p.key.length > MAX_KEY_LENGTH)
      return serviceError('InvalidParameterException', `Invalid record key length: ${p.key.length}`);
    // Requests come off the wire: the type says replace|remove, the bytes may say anything.
    const op: string = p.op;
    if (op !== 'replace' && op !== 'remove') return serviceError('InvalidParameterException', `Invalid op: ${op}`);
    if (p.op === 'replace' && p.value === undefined)
      return serviceError('InvalidParameterException', `A replace needs a Value: ${p.key}`);
    if (p.op === 'replace' && (p.value ?? '').length > valueMax)
      return serviceError('InvalidParameterException', `Value too long for key: ${p.key}`);
    if (!Number.isInteger(p.syncCount) || p.syncCount < 0)
      return serviceError('InvalidParameterException', `Invalid SyncCount for: ${p.key}`);
  }
  return undefined;
}

/**
 * The first stale SyncCount of the request, as a 409 with the real message.
 * @param state - the dataset
 * @param patches - the patches
 */
export function findConflict(state: DatasetState, patches: readonly RecordPatch[]): ServiceError | undefined {
  const stored = new Map(state.records.map((r) => [r.key, r]));
  for (const p of patches) {
    const server = stored.get(p.key)?.syncCount ?? 0;
    if (p.syncCount !== server)
      return serviceError('ResourceConflictException', conflictMessage(p.key, server, p.syncCount));
  }
  return undefined;
}
