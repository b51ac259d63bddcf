/** UpdateRecords patches over a stored dataset (CONTRACT.md §4), with the right SyncCounts or stale ones. */
import fc from 'fast-check';
import type { DatasetState, RecordPatch } from '../model/index.ts';
import { boolField, constraintsObject, enumField, intField } from './_internal/constraints.ts';
import { fitPatches, staleCount, type Staleness } from './_internal/patchFit.ts';
import { recordKey } from './recordKey.ts';
import { recordValue } from './recordValue.ts';
import { distinct } from './_internal/rows.ts';

/** Constraints of {@link patchMix}. */
export interface PatchMixConstraints {
  /** The stored dataset the patches apply to (only its `records` are read). Required. */
  readonly dataset: Pick<DatasetState, 'records'>;
  /**
   * Most patches in one request.
   * @defaultValue 8
   */
  readonly maxPatches?: number;
  /**
   * `'none'`: every patch carries its record's stored SyncCount (0 for a new key), as an up-to-date device sends.
   * `'some'`: some patches carry a stale count (0 for an existing record, one behind, one ahead). `'always'`: at
   * least one does, so the whole request conflicts (HTTP 409).
   * @defaultValue 'none'
   */
  readonly conflicts?: 'none' | 'some' | 'always';
  /**
   * Drop patches that would take the dataset past 1,024 live records or 1 MB, so a request fails only by conflict.
   * @defaultValue true
   */
  readonly withinLimits?: boolean;
  /** Only keys the JS SDK can send, for new keys. @defaultValue false */
  readonly sdkSafeKeys?: boolean;
  /** Longest new value, in code units. @defaultValue 1024 */
  readonly maxValueLength?: number;
}

/** What a patch does to an existing record: write a new value, write the same value, or remove it. */
type Action = 'write' | 'same' | 'remove';

/**
 * Patches over `dataset`: replaces of existing records (with a new or the same value), removes, new keys, re-adds
 * over tombstones and removes of tombstones, one patch per key. Shrinks toward fewer patches and exact counts.
 * @param constraints - see {@link PatchMixConstraints}
 * @example
 * fc.assert(fc.property(storedDataset().chain((d) => patchMix({ dataset: d }).map((p) => [d, p] as const)),
 *   ([d, patches]) => updateRecords(d, { patches, now: 0 }, echo).ok));
 */
export function patchMix(constraints: PatchMixConstraints): fc.Arbitrary<RecordPatch[]> {
  const c = constraintsObject('patchMix', constraints);
  if (typeof c.dataset !== 'object' || c.dataset === null || !Array.isArray((c.dataset as DatasetState).records))
    throw new TypeError('patchMix: dataset must be a stored dataset with a records array');
  const records = (c.dataset as DatasetState).records;
  const maxPatches = intField('patchMix', 'maxPatches', c.maxPatches, 8, 0, 1024);
  const conflicts = enumField('patchMix', 'conflicts', c.conflicts, 'none', ['none', 'some', 'always']);
  const withinLimits = boolField('patchMix', 'withinLimits', c.withinLimits, true);
  const key = recordKey({ sdkSafe: boolField('patchMix', 'sdkSafeKeys', c.sdkSafeKeys, false) });
  const value = recordValue({
    maxLength: intField('patchMix', 'maxValueLength', c.maxValueLength, 1024, 0, 1_048_575),
  });
  const stale: fc.Arbitrary<Staleness | undefined> =
    conflicts === 'none'
      ? fc.constant(undefined)
      : fc.option(fc.constantFrom<Staleness>('zero', 'behind', 'ahead'), { nil: undefined, freq: 2 });
  const action = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant<Action>('write'), weight: 3 },
    { arbitrary: fc.constant<Action>('remove'), weight: 2 },
    { arbitrary: fc.constant<Action>('same'), weight: 1 },
  );
  const onExisting =
    records.length === 0
      ? fc.constant([])
      : fc.uniqueArray(fc.record({ index: fc.nat({ max: records.length - 1 }), action, value, stale }), {
          selector: (p) => p.index,
          maxLength: maxPatches,
        });
  const fresh = fc.uniqueArray(fc.record({ key, value, stale }), { selector: (p) => p.key, maxLength: maxPatches });
  return fc.tuple(onExisting, fresh).map(([existing, added]) => {
    const stored = new Map(records.map((r) => [r.key, r]));
    const patches: RecordPatch[] = [];
    const stales: (Staleness | undefined)[] = [];
    for (const p of existing) {
      const r = records[p.index];
      if (r === undefined) continue;
      const op = p.action === 'remove' ? 'remove' : 'replace';
      // A write over a live record with its own value would be a no-op replace, which has its own action.
      const v = r.value === null ? p.value : p.action === 'same' ? r.value : distinct(r.value, p.value);
      patches.push(
        op === 'remove'
          ? { op, key: r.key, syncCount: r.syncCount }
          : { op, key: r.key, value: v, syncCount: r.syncCount },
      );
      stales.push(p.stale);
    }
    for (const p of added) {
      if (stored.has(p.key)) continue;
      patches.push({ op: 'replace', key: p.key, value: p.value, syncCount: 0 });
      stales.push(p.stale);
    }
    const kept = withinLimits ? fitPatches(records, patches, stales) : { patches, stales };
    const out = kept.patches.slice(0, maxPatches).map((p, i) => staleCount(p, kept.stales[i]));
    if (conflicts === 'always' && !out.some((p, i) => p.syncCount !== kept.patches[i]?.syncCount))
      return forceConflict(records, out);
    return out;
  });
}

/** Makes one patch stale (one ahead of the stored count), adding a patch when there is none. */
function forceConflict(records: PatchMixConstraints['dataset']['records'], patches: RecordPatch[]): RecordPatch[] {
  const [first, ...rest] = patches;
  if (first) return [staleCount(first, 'ahead'), ...rest];
  const r = records[0];
  // A remove never grows the dataset, so the forced patch cannot break a limit.
  return r ? [{ op: 'remove', key: r.key, syncCount: r.syncCount + 1 }] : [{ op: 'remove', key: 'k', syncCount: 1 }];
}
