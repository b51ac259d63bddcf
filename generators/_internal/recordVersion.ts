/** Record SyncCounts in a stored dataset (CONTRACT.md §4). Internal to the scenario arbitraries. */
import fc from 'fast-check';

/** The largest version drawn: a tombstone is one later, so no SyncCount passes 2^31 - 1 (a Java `int`). */
const MAX_VERSION = 2 ** 31 - 2;

/**
 * The dataset SyncCount at which a stored record was last written: mostly small, sometimes near 2^31, where a
 * service or device storing counts in 32 bits would overflow on the next write. Shrinks toward 1.
 */
export function recordVersion(): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 8 },
    { arbitrary: fc.integer({ min: 7, max: MAX_VERSION }), weight: 1 },
    { arbitrary: fc.constant(MAX_VERSION), weight: 1 },
  );
}
