/** Defaults of a conformance run, in one place. The targets' own defaults are in `runtime/targetDefaults.ts`. */
import { availableParallelism } from 'node:os';
import { HANDLER_DEADLINE_MS } from '../model/index.ts';
import { LOCAL_DEFAULTS, type TargetKind } from '../runtime/targetDefaults.ts';

export { RUNTIME_PROFILES, type RuntimeProfile } from '../runtime/targetDefaults.ts';

/**
 * The default `concurrency` on a machine with `cores` cores Node may use: one lane per core, at most
 * {@link MAX_DEFAULT_CONCURRENCY}.
 * @param cores - `os.availableParallelism()`
 */
export function defaultConcurrency(cores: number): number {
  return Math.max(1, Math.min(MAX_DEFAULT_CONCURRENCY, Math.floor(cores)));
}

/**
 * How many cores the default `concurrency` uses at most: each lane is a sandbox process with a worker thread (or a
 * runtime) of its own, so lanes past this cost memory and start-up time for little gain on most suites (24 checks),
 * and a large shared CI machine is not the run's alone. `--concurrency` goes up to 16.
 */
export const MAX_DEFAULT_CONCURRENCY = 8;

/** Run option defaults. */
export const RUN_DEFAULTS = {
  /** @defaultValue 'nodejs22.x' (from `LOCAL_DEFAULTS`) */
  runtime: LOCAL_DEFAULTS.runtime,
  /** @defaultValue 'worker' (from `LOCAL_DEFAULTS`) */
  isolation: LOCAL_DEFAULTS.isolation,
  /** Generated cases per check. @defaultValue 100 */
  runs: 100,
  /**
   * Wall-clock limit per check, shrinking included, for a target whose invocations are warm (a module, a deployed
   * Lambda). It starts once the check's lane is up: a lane's init (module load, a runtime's first start, up to
   * `initTimeoutMs`) is never counted. Targets that start cold inside a check get more: see
   * {@link checkTimeLimitFor}.
   * @defaultValue 60 000 ms
   */
  checkTimeLimitMs: 60_000,
  /** Stop at the first failed `must` check (`--bail`). @defaultValue false: every check runs */
  bail: false,
  /**
   * How long a lane's init may take: loading a handler module, or a `--bootstrap` runtime's start up to its first
   * request for an invocation (Lambda's init phase is capped at 10 s too). Never counted in a check's time.
   * @defaultValue 10 000 ms (from `LOCAL_DEFAULTS`)
   */
  initTimeoutMs: LOCAL_DEFAULTS.initTimeoutMs,
  /**
   * Checks run side by side, each lane with its own isolate: one per core Node may use
   * (`os.availableParallelism()`), at least 1 and at most {@link MAX_DEFAULT_CONCURRENCY}. Results do not depend on
   * it: every check draws from its own sub-seed.
   * @defaultValue `os.availableParallelism()`, between 1 and 8
   */
  concurrency: defaultConcurrency(availableParallelism()),
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
 * How much longer the default check time limit is for a target that starts cold inside a check: a `--command` starts
 * a process for every case (an interpreter's start-up, 20–100 ms for Python or Node, more for a JVM, is in every
 * invocation), and a `--bootstrap` runtime or a `--persistent` command is started again, cold, after every deadline
 * or crash, its init inside the check's time. Three times the module default keeps a 100-case check with shrinking
 * of a slow-starting command within its limit on a loaded machine.
 */
export const COLD_TARGET_TIME_FACTOR = 3;

/**
 * The default per-check time limit for a kind of target: {@link RUN_DEFAULTS}`.checkTimeLimitMs` for a module or a
 * deployed Lambda (their invocations are warm once the lane is up; the lane's init is never counted), and
 * {@link COLD_TARGET_TIME_FACTOR} times that for a `--command` or `--bootstrap`, whose cold starts happen inside the
 * check. `--check-timeout` (`checkTimeLimitMs`) overrides it for every target.
 * @param kind - the target's kind
 */
export function checkTimeLimitFor(kind: TargetKind): number {
  return kind === 'command' || kind === 'bootstrap'
    ? COLD_TARGET_TIME_FACTOR * RUN_DEFAULTS.checkTimeLimitMs
    : RUN_DEFAULTS.checkTimeLimitMs;
}

/** Which shard of how many (`--shard index/count`): `index` from 1 to `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The most shards a run is split into (`--shard`): more would leave most shards with nothing to run. */
export const MAX_SHARDS = 64;

/**
 * `run --quick`, for an inner loop: fewer cases per check and a shorter limit per check, every check still run and
 * every failure still shrunk. Flags given beside it win (`--quick --runs 50`).
 */
export const QUICK_PROFILE = {
  /** @defaultValue 20 generated cases per check (every input class a check needs is still reached) */
  runs: 20,
  /** @defaultValue 15 000 ms per check, shrinking included */
  checkTimeLimitMs: 15_000,
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
