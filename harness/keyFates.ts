/**
 * How the keys a handler acts on came up in the events a check sent: for each discovered key, the fates it had
 * (absent, new, replaced, untouched, removed, a null entry), so a report can show that `SampleKey1` met a null
 * entry twelve times, and a key no case ever removed; and the dataset names it routes on, by the input classes of
 * the cases that carried them.
 */

import { dict, ownEntry } from '../model/dict.ts';

/** Fate of a key in one event, as the handler sees it. */
export type KeyFate = 'absent' | 'null-entry' | 'remove' | 'new' | 'untouched' | 'replace';

/**
 * The fate of a key in an event.
 * @param event - an event (anything else: every key is absent)
 * @param key - the record key
 */
export function keyFate(event: unknown, key: string): KeyFate {
  const records = (event as { datasetRecords?: unknown } | null)?.datasetRecords;
  if (typeof records !== 'object' || records === null || !Object.prototype.hasOwnProperty.call(records, key))
    return 'absent';
  const r = (records as Record<string, unknown>)[key];
  if (r === null) return 'null-entry';
  const rec = r as { op?: unknown; oldValue?: unknown; newValue?: unknown };
  if (rec.op === 'remove') return 'remove';
  if (rec.oldValue === null || rec.oldValue === undefined) return 'new';
  return rec.oldValue === rec.newValue ? 'untouched' : 'replace';
}

/**
 * Counts the fates of `keys` in one event into `into`.
 * @param into - key → fate → count
 * @param event - the event
 * @param keys - the keys to look at
 */
export function countKeyFates(
  into: Record<string, Record<string, number>>,
  event: unknown,
  keys: readonly string[],
): void {
  for (const key of keys) {
    const fate = keyFate(event, key);
    // Keys come from the handler's source: `__proto__` must be a key of its own, not the prototype.
    const byFate = ownEntry(into, key, () => dict<number>());
    byFate[fate] = (byFate[fate] ?? 0) + 1;
  }
}

/**
 * Counts one event into `into` when it carries one of `names` as its dataset name: the cases (`events`), and each
 * of the case's input classes, so a report can show that `ShoppingList` met null entries and a full dataset.
 * @param into - dataset name → `events` or input class → count
 * @param event - the event
 * @param names - the dataset names to look for
 * @param classes - the case's input classes
 */
export function countDatasetName(
  into: Record<string, Record<string, number>>,
  event: unknown,
  names: readonly string[],
  classes: readonly string[],
): void {
  const name = (event as { datasetName?: unknown } | null)?.datasetName;
  if (typeof name !== 'string' || !names.includes(name)) return;
  const counts = ownEntry(into, name, () => dict<number>());
  for (const c of ['events', ...classes]) counts[c] = (counts[c] ?? 0) + 1;
}
