/**
 * The live targets' entry: end to end through Cognito Sync (`live/model-agrees`), its plan and replay, and the
 * probes of the undocumented points. Importing it loads the AWS SDK clients.
 */
export { runCognitoSync, type LiveRun } from './cognitoSync.ts';
export { drawCases, caseCost, type LiveCaseInput, type SingleInput, type SessionInput } from './cases.ts';
export { LIVE_DEFAULTS } from './liveDefaults.ts';
export { livePlan, resolveLiveOptions, type LiveOptions, type ResolvedLiveOptions } from './options.ts';
export { LIVE_CHECK_ID, type LiveCaseRecord, type LiveCounterexampleInput, type LiveEnd } from './liveResult.ts';
export { replayLiveCase, isLiveInput } from './replay.ts';
export { runProbes, UNPROBED, type ProbeOptions } from './probes.ts';
export { loadReadingsFile, type ReadingsFile } from '../harness/readingsFile.ts';
export type { TraceEntry } from './wire.ts';
