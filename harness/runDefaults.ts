/** Defaults of a conformance run, in one place. */
import { HANDLER_DEADLINE_MS } from '../model/index.ts';

/** Lambda runtime profiles the local runner emulates. */
export const RUNTIME_PROFILES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
/** A runtime profile. */
export type RuntimeProfile = (typeof RUNTIME_PROFILES)[number];

/** Run option defaults. */
export const RUN_DEFAULTS = {
  /** @defaultValue 'nodejs22.x' */
  runtime: 'nodejs22.x' as RuntimeProfile,
  /** @defaultValue 'worker' — handlers run in a worker thread with a hard deadline */
  isolation: 'worker' as 'worker' | 'process' | 'in-process',
  /** Generated cases per check. @defaultValue 100 */
  runs: 100,
  /** Wall-clock limit per check, shrinking included. @defaultValue 60 000 ms */
  checkTimeLimitMs: 60_000,
  /** Checks run side by side, each lane with its own isolate. @defaultValue 2 (the cores of a small CI machine) */
  concurrency: 2,
  /** The `timing/margin` check's limit. @defaultValue half the 5 s deadline */
  marginMs: HANDLER_DEADLINE_MS / 2,
  /** Where failing cases are kept and re-run first. @defaultValue '.conformance/failures.json' */
  store: '.conformance/failures.json' as string | false,
} as const;
