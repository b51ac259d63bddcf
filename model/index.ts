/**
 * The reference semantics of Cognito Sync's Sync Trigger: pure, synchronous, dependency-free.
 * `judge(event, replyJson, options)` is the single oracle everything else asks.
 */
export type {
  DatasetRecords,
  DatasetState,
  DatasetValues,
  Identity,
  ReadOnlyField,
  RecordEntry,
  RecordPatch,
  StoredRecord,
  SyncTriggerEvent,
} from './types.ts';
export { READ_ONLY_FIELDS } from './types.ts';
export * from './limits.ts';
export { dict, dictFrom, has, isJsonObject, utf8Bytes } from './dict.ts';
export {
  DEFAULT_READINGS,
  isOpenPointId,
  nonDefaultPoints,
  OPEN_POINTS,
  openPoint,
  type OpenPoint,
  type OpenPointId,
  type Reading,
  type ReadingOf,
  type Readings,
} from './registry.ts';
export {
  allowedReadings,
  brokenConstraints,
  READING_CONSTRAINTS,
  resolveReadings,
  type ReadingConstraint,
  type ResolveOptions,
} from './readingConstraints.ts';
export { boundedCopy, jsonText, type BoundedCopyLimits } from './jsonWalk.ts';
export { buildEvent, storedValuesOf, type EventSource } from './buildEvent.ts';
export {
  INVALID_OUTPUT_MESSAGE,
  judge,
  judgeResult,
  type Accepted,
  type JudgeOptions,
  type LambdaResult,
  type Rejected,
  type Verdict,
} from './judge.ts';
export type { Change } from './replyRecords.ts';
export { applyChanges, isUserChange, sameValues, type Omissions } from './effects.ts';
export { checkLimits, datasetBytes } from './datasetLimits.ts';
export {
  applyUpdate,
  commitUpdate,
  judgeOnStored,
  emptyDataset,
  liveValues,
  prepareUpdate,
  updateRecords,
  type PreparedUpdate,
  type UpdateRequest,
  type UpdateResult,
} from './dataset.ts';
export { listRecords, type ListRecordsResult } from './listRecords.ts';
export { dependsOnReadings, outcomeOf, valuesOf, type Dependence } from './dependence.ts';
export { eventReadingsShaping, readingsRestedOn, type BuiltEvent, type RestingReading } from './restsOn.ts';
export { toLambdaJson, type LambdaJson } from './lambdaJson.ts';
export {
  conflictMessage,
  SERVICE_ERROR_STATUS,
  serviceError,
  type ServiceError,
  type ServiceErrorName,
} from './serviceErrors.ts';
export { describeViolation, jsonType, VIOLATION_CODES, type Violation, type ViolationCode } from './violations.ts';
export {
  describeOutcome,
  missedDeadline,
  toLambdaResult,
  type Crashed,
  type HandlerStyle,
  type InitInfo,
  type InvocationOutcome,
  type LambdaError,
  type NoReply,
  type Replied,
  type Threw,
  type TimedOut,
} from './invocation.ts';
export { driveSteps, driveStepsAsync, updateSteps, type UpdateSteps } from './updateSteps.ts';
export type {
  ConflictPolicy,
  SessionPatch,
  SessionRetry,
  SessionStep,
  SyncFault,
  SyncSession,
} from './sessionTypes.ts';
export {
  afterList,
  afterPush,
  afterUpdate,
  deviceValues,
  hasUnsynced,
  initialDevices,
  localChange,
  mergeListing,
  pushRequest,
  requestFor,
  type DeviceView,
  type LocalRecord,
  type MergeConflict,
} from './sessionDevice.ts';
export {
  modelService,
  type AsyncTrigger,
  type ServiceAnswer,
  type SessionService,
  type TriggerCall,
} from './sessionService.ts';
export {
  runSessionSteps,
  sessionRunner,
  type SessionLogEntry,
  type SessionRunner,
  type SessionRunOptions,
} from './sessionRun.ts';
export {
  rowText,
  TIMELINE_KINDS,
  TIMELINE_TEXT_MAX,
  type SessionTimeline,
  type TimelineKind,
  type TimelineRow,
} from './sessionTimeline.ts';
