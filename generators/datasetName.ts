/** Dataset names (CONTRACT.md §3). */
import fc from 'fast-check';
import { memoized } from './_internal/memo.ts';
import { MAX_DATASET_NAME_LENGTH } from '../model/index.ts';
import { constraintsObject, intField } from './_internal/constraints.ts';
import { padTo, SDK_KEY_CHARS } from './_internal/strings.ts';

/** Constraints of {@link datasetName}. */
export interface DatasetNameConstraints {
  /**
   * Longest name, 1–128.
   * @defaultValue 128 (`MAX_DATASET_NAME_LENGTH`)
   */
  readonly maxLength?: number;
}

/** Names a handler might route on, plus ones that look like paths or ids once in a URL. */
const NAMED = ['game_state', 'settings', 'profile', 'default', 'a', 'v1:state', 'user.prefs', '..', '.', '-', '_', ':'];

function buildDatasetName(constraints: DatasetNameConstraints = {}): fc.Arbitrary<string> {
  const c = constraintsObject('datasetName', constraints);
  const maxLength = intField('datasetName', 'maxLength', c.maxLength, MAX_DATASET_NAME_LENGTH, 1, 128);
  // The dataset name pattern has the same alphabet as the JS SDK's key pattern.
  const char = fc.constantFrom(...SDK_KEY_CHARS);
  const named = NAMED.filter((n) => n.length <= maxLength);
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constantFrom(...named), weight: 4 },
    { arbitrary: fc.string({ unit: char, minLength: 1, maxLength: Math.min(24, maxLength) }), weight: 4 },
    { arbitrary: fc.string({ unit: char, maxLength: 8 }).map((p) => padTo(p, '_', maxLength)), weight: 1 },
  );
}

/**
 * A dataset name: 1–`maxLength` characters of `[a-zA-Z0-9_.:-]` (the pattern allows `:`, the prose does not),
 * biased to common names, `:`-separated names, names that are only punctuation, and the 1- and 128-char limits.
 * @param constraints - see {@link DatasetNameConstraints}
 */
export const datasetName: (constraints?: DatasetNameConstraints) => fc.Arbitrary<string> = memoized(buildDatasetName);
