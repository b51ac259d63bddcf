/**
 * fast-check arbitraries for Cognito Sync Sync Trigger handlers: valid events biased to the documented limits and
 * the corners real handlers trip on, multi-device sessions, and adversarial replies for testing the model. Every
 * event is drawn as an abstract scenario first and built through the model's `buildEvent`, so shrinking shrinks
 * intent.
 */
export { recordKey, type RecordKeyConstraints } from './recordKey.ts';
export { recordValue, type RecordValueConstraints } from './recordValue.ts';
export { region, type RegionConstraints, type SyncRegion } from './region.ts';
export { identityPoolId, type IdentityPoolIdConstraints } from './identityPoolId.ts';
export { identityId, type IdentityIdConstraints } from './identityId.ts';
export { identity, type IdentityConstraints } from './identity.ts';
export type { IdShape, RegionScopedIdConstraints } from './_internal/idTail.ts';
export { datasetName, type DatasetNameConstraints } from './datasetName.ts';
export { eventReadings, EVENT_POINTS, type EventReadingsConstraints } from './eventReadings.ts';
export { syncScenario, type ScenarioSize, type SyncScenarioConstraints } from './syncScenario.ts';
export { syncTriggerEvent } from './syncTriggerEvent.ts';
export { syncCase, syncCaseOf, type SyncCaseConstraints } from './syncCase.ts';
export { storedDataset, type StoredDatasetConstraints } from './storedDataset.ts';
export { patchMix, type PatchMixConstraints } from './patchMix.ts';
export { buildScenarioEvent, materializeScenario } from './_internal/materializeScenario.ts';
export {
  syncSession,
  type SessionPatch,
  type SessionRetry,
  type SessionStep,
  type SyncSession,
  type SyncSessionConstraints,
} from './syncSession.ts';
export { clientSession, type ClientSessionConstraints } from './clientSession.ts';
export { adversarialReply, type AdversarialReply, type AdversarialReplyConstraints } from './adversarialReply.ts';
export {
  REPLY_MUTATION_LABELS,
  REPLY_MUTATIONS,
  type FieldMutation,
  type FieldMutationKind,
  type ReplyMutation,
} from './_internal/replyMutations.ts';
export { describeScenario } from './_internal/describeScenario.ts';
export {
  classesOf,
  FORCEABLE_CLASSES,
  INCOMPATIBLE_CLASSES,
  NEAR_MAX_BYTES,
  OBSERVED_CLASSES,
  type ForceableClass,
  type ScenarioClass,
} from './_internal/scenarioClasses.ts';
export { PROTOTYPE_KEYS } from './_internal/strings.ts';
export {
  KEY_INTENTS,
  type AbstractRecord,
  type BulkChar,
  type BulkGroup,
  type KeyIntent,
  type MaterializedScenario,
  type ScenarioStats,
  type SyncCase,
  type SyncScenario,
} from './_internal/types.ts';
