/** One branch of `syncScenario`: a fixed size and mode. Internal; `storedDataset` reuses it with its own modes. */
import fc from 'fast-check';
import { abstractRecord } from './abstractRecord.ts';
import { bulkGroup } from './bulkGroup.ts';
import { datasetName } from '../datasetName.ts';
import { eventReadings } from '../eventReadings.ts';
import { forcedBulk, forcedRecords } from './forcedParts.ts';
import { identity } from '../identity.ts';
import { recordKey } from '../recordKey.ts';
import { recordValue } from '../recordValue.ts';
import { bulkBounds, MODE_INTENTS, SIZE_PLANS, type Mode, type ScenarioPlan } from './scenarioPlan.ts';
import type { AbstractRecord, BulkGroup, SyncScenario } from './types.ts';

/**
 * How often each size and mode is drawn under `'mixed'`: mostly small and ordinary, the extremes regularly. A large
 * or full dataset is one case in 14 (large: hundreds of KB up to 1 MB; max: both limits filled): near-1 MB events
 * were one case in 4.3 (6:4:2:1), and moving them was most of a run's time (485 MB of events in one default run,
 * 185 MB now, the default suite 14 s against 7.4 s), while the checks about the limits draw only full datasets
 * (`classes`) whatever this mix says.
 */
export const SIZE_WEIGHTS = { small: 24, medium: 16, large: 2, max: 1 } as const;
export const MODE_WEIGHTS: Readonly<Record<Mode, number>> = {
  normal: 8,
  'first-sync': 1,
  'no-patches': 1,
  nothing: 1,
  'live-only': 1,
};

/**
 * Scenarios of one size and mode: forced records first (so limits never cut them), then drawn records; the forced
 * bulk group first among the bulks.
 * @param plan - the checked plan
 * @param size - the size bounds to use
 * @param mode - the fates allowed
 */
export function scenarioBranch(
  plan: ScenarioPlan,
  size: keyof typeof SIZE_PLANS,
  mode: Mode,
): fc.Arbitrary<SyncScenario> {
  const sizing = SIZE_PLANS[size];
  const ordinary = recordKey({ sdkSafe: plan.sdkSafeKeys });
  // Keys the handler is known to look at come up more often than any other kind, forced classes included; those
  // near code no case has reached yet (the focus) more often still.
  const key = plan.keys.length || plan.focusKeys.length ? known(ordinary, 2, plan.keys, plan.focusKeys) : ordinary;
  const value = recordValue({ maxLength: plan.maxValueLength });
  const intents = MODE_INTENTS[mode];
  const domainKeys = Object.keys(plan.values);
  const notDomain = (k: string): boolean => !Object.prototype.hasOwnProperty.call(plan.values, k);
  const drawn: fc.Arbitrary<AbstractRecord[]> =
    intents.keys.length === 0
      ? fc.constant([])
      : fc.uniqueArray(abstractRecord(domainKeys.length ? key.filter(notDomain) : key, value, intents.keys), {
          selector: (r) => r.key,
          maxLength: sizing.maxRecords,
        });
  // The user's domain keys: any subset, any fate, values from the user's arbitraries.
  const domain: fc.Arbitrary<AbstractRecord[]> =
    intents.keys.length === 0 || domainKeys.length === 0
      ? fc.constant([])
      : fc
          .subarray(domainKeys)
          .chain((keys) =>
            fc.tuple(...keys.map((k) => abstractRecord(fc.constant(k), plan.values[k] ?? value, intents.keys))),
          )
          // A replace that draws the stored value again would be made distinct with a value outside the user's
          // domain: it becomes the no-op replace it is instead.
          .map((rs) =>
            rs.map((r) =>
              r.intent === 'replace' && r.value === r.stored && intents.keys.includes('noop-replace')
                ? { ...r, intent: 'noop-replace' as const }
                : r,
            ),
          );
  const forced = forcedBulk(plan, mode, sizing.forceFill);
  const bulkMax = intents.bulk.length === 0 ? 0 : sizing.bulkMax;
  const bulk: fc.Arbitrary<BulkGroup[]> =
    bulkMax === 0
      ? fc.constant([])
      : fc.array(bulkGroup({ ...bulkBounds(size), intents: intents.bulk, sdkSafeKeys: plan.sdkSafeKeys }), {
          minLength: Math.min(sizing.bulkMin, bulkMax),
          maxLength: bulkMax,
        });
  return fc.record({
    identity: identity(),
    datasetName:
      plan.datasetName !== undefined
        ? fc.constant(plan.datasetName)
        : plan.datasetNames.length || plan.focusDatasetNames.length
          ? known(datasetName(), 1, plan.datasetNames, plan.focusDatasetNames)
          : datasetName(),
    records: fc.tuple(forcedRecords(plan, mode, key, value), domain, drawn).map(([f, u, d]) => {
      // Forced records come first and win a key they share with the domain.
      const taken = new Set(f.map((r) => r.key));
      return [...f, ...u.filter((r) => !taken.has(r.key)), ...d.filter((r) => !taken.has(r.key))];
    }),
    bulk: fc.tuple(forced, bulk).map(([f, b]) => [...f, ...b]),
    readings: eventReadings(plan.readings),
  });
}

/**
 * Ordinary draws beside names the handler is known to act on (weight 3) and the focus among them, names near code no
 * case has reached yet (weight 2, on top). With no focus, the same arbitrary as before steering existed, so a seed
 * draws the same cases.
 */
function known(
  ordinary: fc.Arbitrary<string>,
  weight: number,
  names: readonly string[],
  focus: readonly string[],
): fc.Arbitrary<string> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: ordinary, weight },
    ...(names.length ? [{ arbitrary: fc.constantFrom(...names), weight: 3 }] : []),
    ...(focus.length ? [{ arbitrary: fc.constantFrom(...focus), weight: 2 }] : []),
  );
}
