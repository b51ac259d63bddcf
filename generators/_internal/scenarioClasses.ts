/**
 * The classes of edge cases a scenario can reach, and how to tell which ones a built case reaches. The suites'
 * coverage evidence (`fc.statistics`) and the generators' tests classify through here.
 */
import { MAX_KEY_LENGTH, MAX_RECORDS, SDK_MAX_KEY_BYTES, utf8Bytes } from '../../model/index.ts';
import { hasNonAscii, isSdkSafeKey, PROTOTYPE_KEYS } from './strings.ts';
import type { MaterializedScenario } from './types.ts';

/** Classes `syncScenario` can be made to reach with its `classes` constraint. */
export const FORCEABLE_CLASSES = [
  'empty-dataset',
  'max-records',
  'near-1mb',
  'null-entries',
  'removes',
  're-adds',
  'noop-replaces',
  'prototype-keys',
  'unicode-keys',
  'long-keys',
  'no-patches',
] as const;

/** A class that can be forced (see {@link FORCEABLE_CLASSES}). */
export type ForceableClass = (typeof FORCEABLE_CLASSES)[number];

/** Further classes that are measured but not forced. */
export const OBSERVED_CLASSES = [
  /** The event lists no record at all (what a handler iterating `datasetRecords` sees as nothing to do). */
  'empty-event',
  'api-max-keys',
  'non-sdk-keys',
  'new-records',
  'untouched-tombstones',
  'entries-without-op',
] as const;

/** Every class a case can be labelled with. */
export type ScenarioClass = ForceableClass | (typeof OBSERVED_CLASSES)[number];

/** Pairs of forceable classes no scenario can reach together, with the reason. */
export const INCOMPATIBLE_CLASSES: readonly (readonly [ForceableClass, ForceableClass, string])[] = [
  ['empty-dataset', 'removes', 'nothing is stored to remove'],
  ['empty-dataset', 're-adds', 'no tombstone is stored'],
  ['empty-dataset', 'noop-replaces', 'nothing is stored to replace'],
  ['empty-dataset', 'null-entries', 'null entries stand for tombstones, and none is stored'],
  ['no-patches', 'removes', 'a remove is a patch'],
  ['no-patches', 're-adds', 'a re-add is a patch'],
  ['no-patches', 'noop-replaces', 'a replace is a patch'],
];

/** "Near 1 MB": more than 900 KiB on either side of the update. */
export const NEAR_MAX_BYTES = 900 * 1024;

/**
 * The classes a built scenario reaches. Judged on the concrete case, not on the drawn intent, so a class counts
 * only when it made it through the limits and the readings; key classes look at the keys the handler sees.
 * @param m - a materialized scenario or a `SyncCase`
 */
export function classesOf(m: MaterializedScenario): ScenarioClass[] {
  const out = new Set<ScenarioClass>();
  const stored = new Map(m.dataset.records.map((r) => [r.key, r.value]));
  const patched = new Set(m.patches.map((p) => p.key));
  if (m.dataset.records.length === 0) out.add('empty-dataset');
  if (m.patches.length === 0) out.add('no-patches');
  if (m.stats.liveBefore === MAX_RECORDS || m.stats.liveAfter === MAX_RECORDS) out.add('max-records');
  if (Math.max(m.stats.bytesBefore, m.stats.bytesAfter) > NEAR_MAX_BYTES) out.add('near-1mb');
  for (const p of m.patches) {
    const s = stored.get(p.key);
    if (s === undefined) out.add('new-records');
    else if (p.op === 'remove' && s !== null) out.add('removes');
    else if (p.op === 'replace' && s === null) out.add('re-adds');
    else if (p.op === 'replace' && s === p.value) out.add('noop-replaces');
  }
  for (const [k, v] of stored) if (v === null && !patched.has(k)) out.add('untouched-tombstones');
  if (Object.keys(m.event.datasetRecords).length === 0) out.add('empty-event');
  for (const [k, e] of Object.entries(m.event.datasetRecords)) {
    if (e === null) out.add('null-entries');
    else if (e.op === undefined) out.add('entries-without-op');
    if ((PROTOTYPE_KEYS as readonly string[]).includes(k)) out.add('prototype-keys');
    const unicode = hasNonAscii(k);
    if (unicode) out.add('unicode-keys');
    if (!isSdkSafeKey(k)) out.add('non-sdk-keys');
    if (k.length === MAX_KEY_LENGTH) out.add('api-max-keys');
    // An ASCII key's bytes are its length; only unicode keys need counting (a bulk holds 1,024 long ASCII keys).
    if ((unicode ? utf8Bytes(k) : k.length) > SDK_MAX_KEY_BYTES) out.add('long-keys');
  }
  return [...out];
}
