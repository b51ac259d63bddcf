/** Defaults of the live runs (`run --cognito-sync`, `probe`), in one place. */

/** Defaults of an end-to-end run through Cognito Sync. */
export const LIVE_DEFAULTS = {
  /** Cases synced through the service (each a handful of requests). @defaultValue 10 */
  runs: 10,
  /** The most requests a run sends, cleanup excepted; a case that could pass it is not started. @defaultValue 300 */
  maxRequests: 300,
  /** Cases synced side by side, each with its own local isolate for the prediction. @defaultValue 1 */
  concurrency: 1,
  /** The most cases side by side. @defaultValue 8 */
  maxConcurrency: 8,
  /** Attempts of the SDK clients per request (their own retries of 5xx, 429 and network errors). @defaultValue 3 */
  maxAttempts: 3,
  /**
   * Throttling answers (`LambdaThrottledException`, `TooManyRequestsException`) the run retries on top of the SDK,
   * waiting `backoffMs · 2^n` (with jitter) before retry n. @defaultValue 4 retries from 250 ms
   */
  throttleRetries: 4,
  backoffMs: 250,
  /**
   * Datasets created on one identity before the run takes a fresh one: Cognito Sync allows 20 datasets per
   * identity, and whether deleted ones still count is not documented. @defaultValue 15
   */
  datasetsPerIdentity: 15,
  /** Every dataset a run creates is named `<prefix><run id>-<case>`. @defaultValue 'csc-' */
  datasetPrefix: 'csc-',
  /**
   * The identity pool name `deploy/stack.yaml` gives by default; a run without `--identity-pool-id` looks it up.
   * @defaultValue 'sync_trigger_conformance'
   */
  poolName: 'sync_trigger_conformance',
  /**
   * The probe pool's name in `deploy/stack.yaml`; `probe` without `--identity-pool-id` looks it up.
   * @defaultValue 'sync_trigger_conformance_probe'
   */
  probePoolName: 'sync_trigger_conformance_probe',
  /** Steps of a multi-device session at most. @defaultValue 6 */
  sessionSteps: 6,
  /** Devices of a session at most. @defaultValue 3 */
  sessionDevices: 3,
  /** Keys a session's devices share; few keys make them collide. @defaultValue 3 */
  sessionKeys: 3,
  /** Sessions of each `sessions/` check `--checks` adds to an end-to-end run. @defaultValue 3 */
  sessionCheckRuns: 3,
} as const;
