/** Drawn cases for the suites: a scenario with its stored dataset, request, event and expected echo. */
import fc from 'fast-check';
import { materializeScenario } from './_internal/materializeScenario.ts';
import { syncScenario, type SyncScenarioConstraints } from './syncScenario.ts';
import { describeScenario } from './_internal/describeScenario.ts';
import type { SyncCase, SyncScenario } from './_internal/types.ts';

/** Constraints of {@link syncCase}: those of `syncScenario`. */
export type SyncCaseConstraints = SyncScenarioConstraints;

/**
 * Builds the case of a scenario; fast-check prints it by its scenario, not by a megabyte of event JSON. A stored
 * or reported case is rebuilt from its scenario alone, so the scenario is all that needs keeping.
 * @param scenario - the abstract scenario
 */
export function syncCaseOf(scenario: SyncScenario): SyncCase {
  const m = materializeScenario(scenario);
  return Object.defineProperty({ ...m, scenario, readings: scenario.readings }, fc.toStringMethod, {
    value: () => describeScenario(scenario, m),
    enumerable: false,
  });
}

/**
 * A case for a check: the abstract `scenario`, the `event` Cognito sends, the stored `dataset` and `patches` it came
 * from, `before` (live values) and `tombstoneKeys` for `judge`, `intended` (what an echo leaves) and `readings`.
 * @param constraints - as for `syncScenario`
 * @example
 * fc.assert(fc.property(syncCase(), (c) => {
 *   const reply = JSON.stringify(handler(structuredClone(c.event)));
 *   expect(judge(c.event, reply, { before: c.before, tombstoneKeys: c.tombstoneKeys, readings: c.readings }).status)
 *     .toBe('accepted');
 * }));
 */
export function syncCase(constraints: SyncCaseConstraints = {}): fc.Arbitrary<SyncCase> {
  return syncScenario(constraints).map(syncCaseOf);
}
