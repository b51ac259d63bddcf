/**
 * Errors of the harness itself: it could not do its job. Never mixed with a handler's violations (data) or with
 * bugs of the tool (internal errors).
 */

/** Stable codes of harness errors, shown to users and used by the CLI for exit code 2. */
export type HarnessErrorCode =
  | 'E_HANDLER_LOAD'
  | 'E_HANDLER_EXPORT'
  | 'E_HANDLER_SYNTAX'
  | 'E_COMMAND'
  | 'E_ENV_FILE'
  | 'E_SANDBOX'
  | 'E_CONFIG'
  /** An arbitrary of the config's `values` threw while the run drew a case. */
  | 'E_CONFIG_VALUES'
  | 'E_USAGE'
  | 'E_REPLAY'
  /** A `replay --from` file is not a report or failure store this version reads. */
  | 'E_REPLAY_FILE'
  /** A replayed case input is not an input of its check (malformed, or it no longer builds the event it holds). */
  | 'E_REPLAY_INPUT'
  /** The report folder (`--out`) is not a folder that can be written. */
  | 'E_OUT'
  /** `--shard` is not a shard of the run, or `report merge` was given shards that are not every shard of one run. */
  | 'E_SHARD'
  | 'E_AWS'
  | 'E_ENDPOINT';

/** A failure of the harness to do its job, with a stable code and the cause. */
export class HarnessError extends Error {
  /** Stable code, e.g. `E_HANDLER_LOAD`. */
  readonly code: HarnessErrorCode;

  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}

/** True when `e` is a `HarnessError` (also across module copies, by shape). */
export function isHarnessError(e: unknown): e is HarnessError {
  return e instanceof HarnessError || (e instanceof Error && e.name === 'HarnessError' && 'code' in e);
}
