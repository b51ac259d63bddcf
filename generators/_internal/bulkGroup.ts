/** Bulk groups: many records from a few numbers (see `BulkGroup`). Internal to the scenario arbitraries. */
import fc from 'fast-check';
import { MAX_KEY_LENGTH, MAX_RECORDS, SDK_MAX_KEY_BYTES } from '../../model/index.ts';
import { recordVersion } from './recordVersion.ts';
import type { BulkGroup } from './types.ts';

/** How a bulk group may be drawn. */
export interface BulkPlan {
  /** Fates allowed, in shrink order; non-empty. */
  readonly intents: readonly BulkGroup['intent'][];
  /** Largest explicit record count. */
  readonly maxCount: number;
  /** Largest explicit value length. */
  readonly maxValueLength: number;
  /** `'never'`, `'sometimes'` (drawn), or `'always'` for the count and for the value length. */
  readonly fillCount: 'never' | 'sometimes' | 'always';
  readonly fillValue: 'never' | 'sometimes' | 'always';
  /** Keep keys within the JS SDK's 128 bytes. */
  readonly sdkSafeKeys: boolean;
}

function sized(min: number, max: number, fill: BulkPlan['fillCount']): fc.Arbitrary<number | 'fill'> {
  const n = fc.integer({ min, max: Math.max(min, max) });
  if (fill === 'never') return n;
  // A forced fill stays a fill while shrinking: a counterexample of a class check keeps its class (a max-records
  // failure keeps its 1,024 records). A failure that does not need the class shows in a check without it, where it
  // shrinks small; the 'max' size of mixed scenarios escapes by shrinking into a smaller branch of the scenario.
  if (fill === 'always') return fc.constant('fill');
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: n, weight: 2 },
    { arbitrary: fc.constant('fill'), weight: 1 },
  );
}

/**
 * A bulk group under `plan`. Key lengths are biased to short keys, the SDKs' 128 and the API's 1,024.
 * @param plan - see {@link BulkPlan}
 */
export function bulkGroup(plan: BulkPlan): fc.Arbitrary<BulkGroup> {
  const keyMax = plan.sdkSafeKeys ? SDK_MAX_KEY_BYTES : MAX_KEY_LENGTH;
  const keyLength = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min: 7, max: 16 }), weight: 4 },
    { arbitrary: fc.constantFrom(...[SDK_MAX_KEY_BYTES, keyMax].filter((n) => n <= keyMax)), weight: 1 },
  );
  return fc.record({
    intent: fc.constantFrom(...plan.intents),
    count: sized(1, Math.min(plan.maxCount, MAX_RECORDS), plan.fillCount),
    keyLength,
    valueLength: sized(0, plan.maxValueLength, plan.fillValue),
    char: fc.constantFrom('x', 'é', '中', '😀'),
    version: recordVersion(),
  });
}
