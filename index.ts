/**
 * cognito-sync-conformance: property-based conformance checks for Amazon Cognito Sync "Sync Trigger" handlers.
 * The model and the generators have their own entry points (`/model`, `/generators`); Vitest users want `/vitest`.
 */
export {
  checkConformance,
  replayCase,
  replaySeed,
  defineConfig,
  loadConfig,
  HarnessError,
  isHarnessError,
  RUN_DEFAULTS,
  RUNTIME_PROFILES,
  type CheckResult,
  type ConformanceConfig,
  type ConformanceOptions,
  type Counterexample,
  type RunEvent,
  type RunOptions,
  type RunResult,
  type RuntimeProfile,
} from './harness/index.ts';
export { CATALOG } from './suites/catalog.ts';
/**
 * fast-check, the instance this package's generators use: a config's `values` (`fc.nat().map(String)`) need no
 * fast-check dependency of their own and draw with the same library version as the suite.
 */
export { default as fc } from 'fast-check';
// The failure text the CLI prints and a Vitest test fails with, for other test runners.
export { failureText, type TextStyle } from './reports/text.ts';
// Reads a report.json back whole: counterexample parts written once, inside their input, are put back.
export { expandReport } from './reports/json.ts';
export type { Check } from './suites/check.ts';
export type { PropertyContext, UserProperty } from './suites/user.ts';
