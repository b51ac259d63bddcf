/** Abstract Sync Trigger scenarios (CONTRACT.md §1, §3, §4): the root arbitrary of every event the suites send. */
import fc from 'fast-check';
import { MODE_WEIGHTS, scenarioBranch, SIZE_WEIGHTS } from './_internal/scenarioBranch.ts';
import { planScenario, type SyncScenarioConstraints } from './_internal/scenarioPlan.ts';
import type { SyncScenario } from './_internal/types.ts';

export type { ScenarioSize, SyncScenarioConstraints } from './_internal/scenarioPlan.ts';

/**
 * An abstract scenario: identity, dataset name, individually drawn keys with their fates, bulk groups, and the
 * event-shape readings. Turn it into an event with `buildScenarioEvent` or use `syncTriggerEvent` /
 * `syncCase`. At default settings it reaches every class of `FORCEABLE_CLASSES` regularly (empty dataset, 1,024
 * records, near 1 MB, null entries, removes, re-adds, prototype-named, unicode and over-128-byte keys). Shrinks
 * toward a small, ordinary scenario: fewer keys, no bulk, untouched records, default readings.
 * @param constraints - see {@link SyncScenarioConstraints}
 * @example
 * fc.assert(fc.property(syncScenario({ classes: ['null-entries'] }), (s) => handlerSurvives(buildScenarioEvent(s))));
 */
export function syncScenario(constraints: SyncScenarioConstraints = {}): fc.Arbitrary<SyncScenario> {
  const plan = planScenario('syncScenario', constraints);
  const branches = plan.sizes.flatMap((size) =>
    plan.modes.map((mode) => ({
      arbitrary: scenarioBranch(plan, size, mode),
      weight: SIZE_WEIGHTS[size] * MODE_WEIGHTS[mode],
    })),
  );
  return fc.oneof({ withCrossShrink: true }, ...branches);
}
