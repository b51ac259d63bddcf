/** The harness: run checks against any target, replay cases, load configs. */
export { checkConformance, type ConformanceOptions, type RunEvent } from './run.ts';
export { selectChecks } from './select.ts';
export { openSession, type Session } from './session.ts';
export { replayCase, replaySeed, type ReplayCaseOptions, type ReplayOutcome } from './replayCase.ts';
export { defineConfig, loadConfig, type ConformanceConfig } from './config.ts';
export { resolveOptions, type RunOptions } from './options.ts';
export { RUN_DEFAULTS, RUNTIME_PROFILES, type RuntimeProfile } from './runDefaults.ts';
export { HarnessError, isHarnessError } from '../runtime/errors.ts';
export {
  firstCounterexample,
  mapFailures,
  percentOf,
  RUN_RESULT_SCHEMA_VERSION,
  type CheckOutcome,
  type CheckResult,
  type CheckResultBase,
  type Counterexample,
  type FailedCheck,
  type FileCoverageReport,
  type HandlerCoverage,
  type Failure,
  type RootCause,
  type RunResult,
  type RunSummary,
} from './result.ts';
