/**
 * The deviant service: one that applies a reading the model does not, so that a differential check (the harness's
 * `run --cognito-sync`) can be shown to catch a service that disagrees with the model.
 */
import { DEFAULT_READINGS, has, isJsonObject, OPEN_POINTS, resolveReadings } from '../model/index.ts';
import type { LambdaResult, SyncTriggerEvent } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import type { DeviantOptions } from './types.ts';

/** Named deviant modes (the CLI's `--deviant <name>`). Any `point=reading` of the model's registry works too. */
export const DEVIANT_MODES: Readonly<Record<string, DeviantOptions>> = {
  /** Records the handler omits are removed; the documentation says they are ignored. */
  'omitted-removed': { omittedRecords: 'removed' },
  /** A `null` record entry in the reply removes the record (model default: ignored). */
  'null-entry-removes': { readings: { 'reply.nullEntry': 'remove' } },
  /** A `replace` with the stored value is written, its SyncCount bumped (model default: not written). */
  'same-value-written': { readings: { 'reply.replaceSameValue': 'written' } },
  /** The conflict check runs after the trigger (model default: before; a 409 means no invocation). */
  'conflict-after-trigger': { readings: { 'service.conflictCheck': 'after-trigger' } },
};

/** Every name `--deviant` accepts: the named modes, then each non-default reading as `point=reading`. */
export function deviantNames(): string[] {
  const readings = OPEN_POINTS.flatMap((p) =>
    p.readings.filter((r) => r.id !== DEFAULT_READINGS[p.id]).map((r) => `${p.id}=${r.id}`),
  );
  return [...Object.keys(DEVIANT_MODES), ...readings];
}

/**
 * Combines deviant modes given by name or as `point=reading`.
 * @param names - e.g. `['omitted-removed', 'reply.nullEntry=ignored']`
 * @throws HarnessError `E_OPTION` for an unknown mode, `E_READING` for an unknown reading
 */
export function parseDeviant(names: readonly string[]): DeviantOptions {
  let out: DeviantOptions = {};
  for (const name of names) {
    const named = has(DEVIANT_MODES, name) ? DEVIANT_MODES[name] : undefined;
    const i = name.indexOf('=');
    let mode: DeviantOptions;
    if (named) mode = named;
    else if (i > 0) {
      // A deviant service may break the constraints between readings: disagreeing with the model is its purpose.
      const resolved = resolveReadings({ [name.slice(0, i)]: name.slice(i + 1) }, { constraints: false });
      if (!resolved.ok) throw new HarnessError('E_READING', `--deviant ${name}: ${resolved.problems.join('; ')}`);
      mode = { readings: { [name.slice(0, i)]: name.slice(i + 1) } };
    } else
      throw new HarnessError(
        'E_OPTION',
        `unknown deviant mode ${name}; known: ${Object.keys(DEVIANT_MODES).join(', ')}, or point=reading (docs/semantics.md)`,
      );
    out = { ...out, ...mode, readings: { ...out.readings, ...mode.readings } };
  }
  return out;
}

/**
 * The `omittedRecords: 'removed'` reading, applied to a reply before the model judges it: every event record the
 * reply leaves out becomes a `remove`. Replies the model rejects anyway (not JSON, no `datasetRecords` object)
 * are left alone.
 * @param event - the event the handler received
 * @param result - what the Lambda call came to
 */
export function removeOmitted(event: SyncTriggerEvent, result: LambdaResult): LambdaResult {
  if (result.kind !== 'reply') return result;
  let reply: unknown;
  try {
    reply = JSON.parse(result.json);
  } catch {
    return result;
  }
  if (!isJsonObject(reply) || !isJsonObject(reply.datasetRecords)) return result;
  const records: Record<string, unknown> = reply.datasetRecords;
  let changed = false;
  for (const key of Object.keys(event.datasetRecords)) {
    if (has(records, key)) continue;
    // defineProperty: a `__proto__` record key must stay an own key, not reach the prototype.
    Object.defineProperty(records, key, {
      value: { oldValue: null, newValue: null, op: 'remove' },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    changed = true;
  }
  return changed ? { ...result, json: JSON.stringify(reply) } : result;
}
