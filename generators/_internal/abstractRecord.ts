/** One individually drawn key of a scenario. Internal to the scenario arbitraries. */
import fc from 'fast-check';
import { recordVersion } from './recordVersion.ts';
import type { AbstractRecord, KeyIntent } from './types.ts';

/** The weight of each intent in a default draw: the common fates often, the odd ones regularly. */
const WEIGHTS: Readonly<Record<KeyIntent, number>> = {
  untouched: 3,
  replace: 3,
  put: 3,
  remove: 2,
  'noop-replace': 1,
  readd: 2,
  tombstone: 2,
  'remove-tombstone': 1,
};

/**
 * An abstract record: a key, its fate, its stored and new values, its version. Shrinks toward the first intent
 * allowed (`untouched` by default) and toward the simplest key and values.
 * @param key - the key arbitrary
 * @param value - the value arbitrary
 * @param intents - the fates allowed, in shrink order; must be non-empty
 */
export function abstractRecord(
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<string>,
  intents: readonly KeyIntent[],
): fc.Arbitrary<AbstractRecord> {
  const intent = fc.oneof(
    { withCrossShrink: true },
    ...intents.map((i) => ({ arbitrary: fc.constant(i), weight: WEIGHTS[i] })),
  );
  return fc.record({ key, intent, stored: value, value, version: recordVersion() });
}
