/**
 * How much longer than on a quiet machine a test may wait. Every fixed limit in the tests — a test's or a hook's
 * timeout, a child process's timeout, a bound on how long something may take, the load and per-check limits a test
 * gives the tool under test — is multiplied by it, so a busy machine slows the suite down instead of failing it.
 * Limits that are the contract under test (the handler's 5 s deadline, a deadline a test sets to see it expire) are
 * never scaled.
 */
import { availableParallelism, loadavg } from 'node:os';

/** The variable that sets the factor; unset, the factor follows the machine's load. */
export const TIME_SCALE_VARIABLE = 'CSC_TEST_TIME_SCALE';

/** The largest factor derived from the load: past it a limit stops meaning anything. */
export const MAX_DERIVED_TIME_SCALE = 8;

/**
 * The factor for a setting and a machine. A set variable wins (a number of at least 1). Unset, it is
 * `1 + load / cores`: with `load` runnable processes besides this suite on `cores` cores, each of the suite's own
 * processes gets about `cores / (cores + load)` of a core, so everything it waits for takes that much longer. Capped
 * at {@link MAX_DERIVED_TIME_SCALE}.
 * @param setting - the variable's value, if set
 * @param load - the one-minute load average (`os.loadavg()[0]`), taken before the suite adds its own
 * @param cores - `os.availableParallelism()`
 * @example timeScaleFor(undefined, 2, 2) // 2: two busy processes on two cores halve the suite's share
 */
export function timeScaleFor(setting: string | undefined, load: number, cores: number): number {
  if (setting !== undefined && setting.trim() !== '') {
    const n = Number(setting);
    if (!Number.isFinite(n) || n < 1)
      throw new Error(`${TIME_SCALE_VARIABLE} must be a number of at least 1, not "${setting}"`);
    return n;
  }
  const derived = 1 + Math.max(0, load) / Math.max(1, cores);
  return Math.min(MAX_DERIVED_TIME_SCALE, Math.round(derived * 10) / 10);
}

/**
 * This process's factor. The Vitest config computes it once, when the run starts, and hands it to every test worker
 * through the variable, so all files of a run use the same factor (the load the suite itself adds is not counted).
 */
export const TIME_SCALE = timeScaleFor(process.env[TIME_SCALE_VARIABLE], loadavg()[0] ?? 0, availableParallelism());

/**
 * A limit in milliseconds, scaled by {@link TIME_SCALE}.
 * @param ms - the limit on a quiet machine
 */
export const scaled = (ms: number): number => Math.ceil(ms * TIME_SCALE);
