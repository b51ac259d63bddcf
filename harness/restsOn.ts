/**
 * The readings a failure rests on, for its counterexample: the model's `readingsRestedOn` over the case the check
 * drew (its event, how it was built, the first reply) under the run's readings.
 */
import {
  isJsonObject,
  readingsRestedOn,
  toLambdaResult,
  type DatasetState,
  type Readings,
  type RecordPatch,
  type RestingReading,
  type SyncTriggerEvent,
} from '../model/index.ts';
import type { CaseEvidence } from '../suites/check.ts';

/** The parts of a generated case (`syncCase()`) the model needs; any other input has none. */
interface CaseParts {
  readonly event: SyncTriggerEvent;
  readonly dataset: DatasetState;
  readonly patches: readonly RecordPatch[];
  readonly readings: Readings;
  readonly tombstoneKeys: readonly string[];
}

function caseParts(input: unknown): CaseParts | undefined {
  if (!isJsonObject(input)) return undefined;
  const { event, dataset, patches, readings, tombstoneKeys } = input;
  const ok =
    isJsonObject(event) &&
    isJsonObject(event.datasetRecords) &&
    isJsonObject(dataset) &&
    Array.isArray(dataset.records) &&
    isJsonObject(dataset.identity) &&
    Array.isArray(patches) &&
    isJsonObject(readings) &&
    Array.isArray(tombstoneKeys);
  return ok ? (input as unknown as CaseParts) : undefined;
}

/**
 * The readings of undocumented points a failing case rests on; empty when it holds under every reading (or when the
 * check's input is not a generated case, e.g. a check of init).
 * @param input - the check's input for the case
 * @param evidence - what the case showed
 * @param readings - the readings the run judges under
 */
export function restsOnOf(input: unknown, evidence: CaseEvidence, readings: Readings): RestingReading[] {
  const c = caseParts(input);
  const first = evidence.invocations[0];
  if (!c || !first) return [];
  return readingsRestedOn(
    c.event,
    toLambdaResult(first),
    { readings, before: evidence.stored, tombstoneKeys: c.tombstoneKeys },
    { dataset: c.dataset, patches: c.patches, identity: c.dataset.identity, readings: c.readings },
  );
}
