/** Defaults of a conformance run, in one place. The targets' own defaults are in `runtime/defaults.ts`. */
import { HANDLER_DEADLINE_MS } from '../model/index.ts';
import { LOCAL_DEFAULTS } from '../runtime/defaults.ts';

export { RUNTIME_PROFILES, type RuntimeProfile } from '../runtime/defaults.ts';

/** Run option defaults. */
export const RUN_DEFAULTS = {
  /** @defaultValue 'nodejs22.x' (from `LOCAL_DEFAULTS`) */
  runtime: LOCAL_DEFAULTS.runtime,
  /** @defaultValue 'worker' (from `LOCAL_DEFAULTS`) */
  isolation: LOCAL_DEFAULTS.isolation,
  /** Generated cases per check. @defaultValue 100 */
  runs: 100,
  /** Wall-clock limit per check, shrinking included. @defaultValue 60 000 ms */
  checkTimeLimitMs: 60_000,
  /** Checks run side by side, each lane with its own isolate. @defaultValue 2 (the cores of a small CI machine) */
  concurrency: 2,
  /** The `timing/margin` check's limit. @defaultValue half the 5 s deadline */
  marginMs: HANDLER_DEADLINE_MS / 2,
  /** Look for the record keys and dataset names the handler acts on before the checks run. @defaultValue true */
  discover: true,
  /** Measure the handler's own code coverage where it can be (module targets). @defaultValue true */
  coverage: true,
  /** Where failing cases are kept and re-run first. @defaultValue '.conformance/failures.json' */
  store: '.conformance/failures.json' as string | false,
} as const;

/**
 * Limits of the failure store (`.conformance/failures.json`). Past either, the entries seen longest ago are dropped.
 * A kept case is its abstract scenario: a few kilobytes even for a 1 MB dataset.
 */
export const FAILURE_STORE_LIMITS = {
  /** @defaultValue 200 entries */
  maxEntries: 200,
  /** @defaultValue 2 MiB (room for a case with one near-1 MB value beside the rest) */
  maxBytes: 2 * 1024 * 1024,
} as const;
