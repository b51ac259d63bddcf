/**
 * The records and bulk group a scenario carries so that each requested class is reached whatever else is drawn.
 * They go first, so the limits never cut them and a key drawn twice keeps its forced fate. Internal.
 */
import fc from 'fast-check';
import { MAX_KEY_LENGTH, SDK_MAX_KEY_BYTES } from '../../model/index.ts';
import { abstractRecord } from './abstractRecord.ts';
import { bulkGroup } from './bulkGroup.ts';
import { BULK_KEY } from './expandBulk.ts';
import { MODE_INTENTS, type Mode, type ScenarioPlan } from './scenarioPlan.ts';
import type { ForceableClass } from './scenarioClasses.ts';
import { padTo, PROTOTYPE_KEYS, UNICODE_KEYS } from './strings.ts';
import type { AbstractRecord, BulkGroup, KeyIntent } from './types.ts';

/** Keys with a character outside ASCII. */
const unicodeKey = fc.oneof(
  fc.constantFrom(...UNICODE_KEYS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((k) => /[\u0080-\u{10ffff}]/u.test(k)),
);

/** Keys over the SDKs' 128 bytes, up to the API's 1,024 code units. */
const longKey = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('k', 'é', '中', '😀'),
    fc.oneof(fc.constantFrom(SDK_MAX_KEY_BYTES + 1, MAX_KEY_LENGTH), fc.integer({ min: 129, max: MAX_KEY_LENGTH })),
  )
  .map(([head, filler, length]) => padTo(head, filler, length));

/**
 * The forced records of a plan in a mode, as one arbitrary of a list with distinct keys.
 * @param plan - the checked plan
 * @param mode - the fates allowed in this branch
 * @param key - the ordinary key arbitrary
 * @param value - the ordinary value arbitrary
 */
export function forcedRecords(
  plan: ScenarioPlan,
  mode: Mode,
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<string>,
): fc.Arbitrary<AbstractRecord[]> {
  // A key class counts the keys the handler sees; an untouched tombstone may be left out of the event.
  const any = MODE_INTENTS[mode].keys.filter((i) => i !== 'tombstone');
  const byIntent = (intent: KeyIntent): fc.Arbitrary<AbstractRecord> => abstractRecord(key, value, [intent]);
  const parts: fc.Arbitrary<AbstractRecord>[] = [];
  const want = (c: ForceableClass): boolean => plan.classes.includes(c);
  if (want('removes')) parts.push(byIntent('remove'));
  if (want('re-adds')) parts.push(byIntent('readd'));
  if (want('noop-replaces')) parts.push(byIntent('noop-replace'));
  if (plan.nullEntryVia) parts.push(byIntent(plan.nullEntryVia));
  if (want('prototype-keys')) parts.push(abstractRecord(fc.constantFrom(...PROTOTYPE_KEYS), value, any));
  if (want('unicode-keys')) parts.push(abstractRecord(unicodeKey, value, any));
  if (want('long-keys')) parts.push(abstractRecord(longKey, value, any));
  if (parts.length === 0) return fc.constant([]);
  return fc
    .tuple(...parts)
    .filter((rs) => new Set(rs.map((r) => r.key)).size === rs.length && !rs.some((r) => BULK_KEY.test(r.key)));
}

/**
 * The forced bulk group, if the plan or the size needs one: a count that fills 1,024 records and/or a value length
 * that fills 1 MB, with a fate that keeps records live.
 * @param plan - the checked plan
 * @param mode - the fates allowed in this branch
 * @param sizeFills - whether the size itself always fills (`'max'`)
 */
export function forcedBulk(plan: ScenarioPlan, mode: Mode, sizeFills: boolean): fc.Arbitrary<BulkGroup[]> {
  const count = sizeFills || plan.classes.includes('max-records');
  const value = sizeFills || plan.classes.includes('near-1mb');
  // Prefer fates that keep the bytes in the stored dataset (what a classifier of `before` sees); a first sync has
  // only new records.
  const live = MODE_INTENTS[mode].bulk.filter((i) => i !== 'tombstone');
  const stored = live.filter((i) => i !== 'put');
  const intents = stored.length > 0 ? stored : live;
  if ((!count && !value) || intents.length === 0) return fc.constant([]);
  // Keys of at most 128 bytes, and short values unless they fill: 1,024 records then fit beside the individual
  // records (at most 31 of at most ~6 KB each under the default maxValueLength), so a forced fill always reaches
  // 1,024 records.
  const group = bulkGroup({
    intents,
    maxCount: 1024,
    maxValueLength: count ? 128 : 1024,
    fillCount: count ? 'always' : 'sometimes',
    fillValue: value ? 'always' : 'sometimes',
    sdkSafeKeys: true,
  });
  return group.map((g) => [g]);
}
