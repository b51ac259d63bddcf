/** Sync Trigger events as Cognito sends them (CONTRACT.md §1). */
import type fc from 'fast-check';
import type { SyncTriggerEvent } from '../model/index.ts';
import { buildScenarioEvent } from './_internal/materializeScenario.ts';
import { syncScenario, type SyncScenarioConstraints } from './syncScenario.ts';

/**
 * A Sync Trigger event: a {@link syncScenario} built by `buildScenarioEvent` (through the model's `buildEvent`),
 * so it shrinks as the scenario does. Use `syncCase` when the check also needs the stored dataset.
 * @param constraints - as for `syncScenario`
 * @example
 * fc.assert(fc.property(syncTriggerEvent({ size: 'small' }), (event) => { handler(event); }));
 */
export function syncTriggerEvent(constraints: SyncScenarioConstraints = {}): fc.Arbitrary<SyncTriggerEvent> {
  return syncScenario(constraints).map(buildScenarioEvent);
}
