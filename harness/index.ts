/** The harness: run checks against any target, replay cases, load configs. */
export { checkConformance, summarize, type ConformanceOptions, type RunEvent } from './run.ts';
export { selectChecks, matchesCheck } from './select.ts';
export { openSession, type Lane, type Session } from './session.ts';
export { replayCase, replaySeed, type ReplayCaseOptions, type ReplayOutcome } from './replayCase.ts';
export { defineConfig, findConfig, loadConfig, CONFIG_FILE_NAMES, type ConformanceConfig } from './config.ts';
export { resolveOptions, parseHandlerSpec, type RunOptions, type ResolvedOptions, type TargetSpec } from './options.ts';
export { RUN_DEFAULTS, RUNTIME_PROFILES, type RuntimeProfile } from './runDefaults.ts';
export { HarnessError, isHarnessError, type HarnessErrorCode } from '../runtime/errors.ts';
export type {
  Invoker,
  InvocationOutcome,
  InitInfo,
  InvokeOptions,
  LambdaError,
  HandlerStyle,
} from '../runtime/invoker.ts';
export {
  failuresOf,
  firstCounterexample,
  mapFailures,
  percentOf,
  RUN_RESULT_SCHEMA_VERSION,
  type CheckError,
  type CheckOutcome,
  type CheckResult,
  type CheckResultBase,
  type Counterexample,
  type CoverageCount,
  type FailedCheck,
  type FileCoverageReport,
  type HandlerCoverage,
  type Failure,
  type LatencyStats,
  type RootCause,
  type RunResult,
  type RunSummary,
} from './result.ts';
export { TOOL_VERSION } from './version.ts';
