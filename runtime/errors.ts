/**
 * Errors of the harness itself: it could not do its job. Never mixed with a handler's violations (data) or with
 * bugs of the tool (internal errors). Every code is declared here once, with what it means and what to do:
 * `docs/errors.md` is generated from this table.
 */

/** What one error code means, what the user does about it, and the exit code it gives the CLI. */
export interface ErrorCodeInfo {
  readonly meaning: string;
  readonly action: string;
  /** 1: it ends a check `error` and the run goes on (a partial run); 2: nothing runs; 3: a bug in the tool. */
  readonly exit: 1 | 2 | 3;
}

/** Every error code of the tool. */
export const ERROR_CODES = {
  E_USAGE: {
    meaning: 'The command line does not make sense: options that do not go together, or a target missing.',
    action: 'Read the message and `--help`; it names the options that clash or the one missing.',
    exit: 2,
  },
  E_OPTION: {
    meaning: 'An option has a value it cannot take (a duration, a count, a seed, `--env`, a runtime, a region…).',
    action: 'Give the option a value of the form the message shows.',
    exit: 2,
  },
  E_CHECK_ID: {
    meaning: '`--checks`, `--exclude` or `replay` names a check id or topic that does not exist.',
    action: 'Use one of the closest ids the message suggests, or see `cognito-sync-conformance list`.',
    exit: 2,
  },
  E_NO_CHECKS: {
    meaning: 'The selection leaves no check to run (`--exclude` takes out everything `--checks` names).',
    action: 'Loosen `--exclude` or widen `--checks`.',
    exit: 2,
  },
  E_READING: {
    meaning: 'An undocumented point or reading that does not exist, or readings that cannot go together.',
    action: 'Pick a point and reading of docs/semantics.md, as the message lists them.',
    exit: 2,
  },
  E_READINGS_FILE: {
    meaning: '`--readings-file` cannot be read, or is not a readings file `probe` wrote.',
    action: 'Give the file `cognito-sync-conformance probe --out` wrote, or run the probe again.',
    exit: 2,
  },
  E_HANDLER_SPEC: {
    meaning: 'The handler argument has no module path (`#main` alone).',
    action: 'Give `path[#export]`, e.g. `./handler.js` or `./handler.ts#main`.',
    exit: 2,
  },
  E_HANDLER_LOAD: {
    meaning: 'The handler module cannot be found or throws while it loads.',
    action: 'Check the path (relative to the folder you run in) and run the module with node to see its error.',
    exit: 2,
  },
  E_HANDLER_EXPORT: {
    meaning: 'The module has no export of that name, or it is not a function.',
    action: 'Export the handler function, or pick the export with `path#name`.',
    exit: 2,
  },
  E_HANDLER_SYNTAX: {
    meaning: 'The handler module does not parse.',
    action: 'Fix the syntax error at the line the message names.',
    exit: 2,
  },
  E_COMMAND: {
    meaning: 'A `--command` or `--bootstrap` program cannot be started or broke its protocol.',
    action: 'Run the command by hand in the same folder; see docs/runtime-api.md for the protocol.',
    exit: 2,
  },
  E_ENV_FILE: {
    meaning: '`--env-file` cannot be read, or a line of it is not `KEY=VALUE`.',
    action: 'Fix the file at the line the message names.',
    exit: 2,
  },
  E_CONFIG: {
    meaning: 'The config file cannot be found or loaded, or a field of it is malformed.',
    action: 'Fix the field the message names; `cognito-sync-conformance init` writes a valid starter.',
    exit: 2,
  },
  E_CONFIG_VALUES: {
    meaning: "An arbitrary of the config's `values` threw while a check drew a case.",
    action: 'Fix that arbitrary so that it draws strings without throwing; the check that drew it ends `error`.',
    exit: 1,
  },
  E_OUT: {
    meaning: 'The report folder (`--out`) is a file, or cannot be created or written.',
    action: 'Name a folder you can write, or remove the file in the way.',
    exit: 2,
  },
  E_EXISTS: {
    meaning: '`init` would overwrite a file that exists.',
    action: 'Add `--force` to overwrite it, or move it away.',
    exit: 2,
  },
  E_REPORTER: {
    meaning: '`--reporter` names a report format that does not exist, or none.',
    action: 'Use the names the message lists (`json`, `html`, …).',
    exit: 2,
  },
  E_REPORT_FILE: {
    meaning:
      'A file given to `report merge` or `report github` is missing, not JSON, or not a report this version reads.',
    action: 'Give the `report.json` files a run wrote with `--out` (a newer one needs a newer version of the tool).',
    exit: 2,
  },
  E_SHARD: {
    meaning:
      '`--shard` is not a shard of the run, or `report merge` was given shards that are not every shard of one run.',
    action: 'Give `--shard i/n` with 1 ≤ i ≤ n and `--seed`; merge every shard of one run, each once.',
    exit: 2,
  },
  E_REPLAY: {
    meaning: 'A replay cannot be made: its seed and path lead to no case, or it lacks what the case depends on.',
    action: 'Paste the replay line exactly as the run printed it, from the folder the run started in.',
    exit: 2,
  },
  E_REPLAY_FILE: {
    meaning: 'A `replay --from` file is not a report or failure store this version reads.',
    action: 'Give the `report.json` or `.conformance/failures.json` a run wrote.',
    exit: 2,
  },
  E_REPLAY_INPUT: {
    meaning:
      'A replayed case input is not an input of its check (malformed, or it no longer builds the event it holds).',
    action: 'Replay from the unedited report; edit `failures/<check>/<n>.event.json` to try an event of your own.',
    exit: 2,
  },
  E_CLOSED: {
    meaning: 'An invoker (library API) was used after it was closed.',
    action: 'Open a new one for each session; close it last.',
    exit: 2,
  },
  E_AWS: {
    meaning: 'An AWS call failed: credentials refused or missing, a permission, a throttle.',
    action: 'Follow the hint in the message (profile, credentials, permissions, region).',
    exit: 2,
  },
  E_REGION: {
    meaning: 'No AWS region is set for a live command.',
    action: 'Pass `--region` or set `AWS_REGION`.',
    exit: 2,
  },
  E_NOT_FOUND: {
    meaning: 'The Lambda function or identity pool named does not exist (in that account and region).',
    action: 'Check the name, `--region` and `--profile`; deploy deploy/stack.yaml for the pools.',
    exit: 2,
  },
  E_POOL: {
    meaning: 'The identity pool cannot serve the run: no pool or several by that name, or no Sync Trigger.',
    action: "Pass `--identity-pool-id`, or set the pool's Sync Trigger (deploy/stack.yaml does).",
    exit: 2,
  },
  E_ENDPOINT: {
    meaning: 'The AWS endpoint cannot be reached.',
    action: 'Check `--endpoint-url` / `AWS_ENDPOINT_URL` and the network; for the emulator, that it runs.',
    exit: 2,
  },
  E_PORT: {
    meaning: '`emulate` cannot listen on its port.',
    action: 'Stop what runs there, or pick another `--port` (0 picks a free one).',
    exit: 2,
  },
  E_STATE_FILE: {
    meaning: "The emulator's `--state` file cannot be read or written, or is not the emulator's.",
    action: 'Give a path in a folder that exists; move away a file the emulator did not write.',
    exit: 2,
  },
  E_INTERNAL: {
    meaning: "A bug in the tool: a check's own code (its generator, its property, the judging) threw.",
    action: 'Report it: `npm bugs cognito-sync-conformance` opens the issue tracker; add the message and report.json.',
    exit: 3,
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** Stable codes of harness errors, shown to users and used by the CLI for its exit code. */
export type HarnessErrorCode = Exclude<keyof typeof ERROR_CODES, 'E_INTERNAL'>;

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
