/**
 * Defaults of the targets (the local module runner and the command runner), in one place. Run-level defaults
 * (runs, concurrency, budgets) live in `harness/runDefaults.ts` and take the runtime profile and isolation from here.
 */
import { HANDLER_DEADLINE_MS } from '../model/index.ts';

/** Lambda runtime profiles the local runner emulates. */
export const RUNTIME_PROFILES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
/** A runtime profile. */
export type RuntimeProfile = (typeof RUNTIME_PROFILES)[number];

/** The kinds of target a run can have (a module, a command, a Lambda runtime's bootstrap, a deployed Lambda). */
export type TargetKind = 'module' | 'command' | 'bootstrap' | 'lambda';

/** Where a handler module runs. */
export type Isolation = 'worker' | 'process' | 'in-process';

/**
 * How long the harness waits past the 5 s Cognito budget before it gives up on an invocation. A reply that is late
 * but arrives within the grace is still measured (and judged late by the model), which says more than a timeout.
 */
export const DEADLINE_GRACE_MS = 1000;

/** Defaults of `createLocalInvoker` (a Node handler module run in a worker thread, a child process or in-process). */
export const LOCAL_DEFAULTS = {
  /** The export that holds the handler. @defaultValue 'handler' */
  exportName: 'handler',
  /** The Lambda runtime profile emulated. @defaultValue 'nodejs22.x' */
  runtime: 'nodejs22.x' as RuntimeProfile,
  /** Where the handler runs. @defaultValue 'worker' */
  isolation: 'worker' as Isolation,
  /**
   * The hard deadline of one invocation, measured by the harness: past it the isolate is torn down.
   * @defaultValue the 5000 ms Cognito budget plus {@link DEADLINE_GRACE_MS}
   */
  deadlineMs: HANDLER_DEADLINE_MS + DEADLINE_GRACE_MS,
  /**
   * What `context.getRemainingTimeInMillis()` counts down from: the budget Cognito Sync gives the trigger.
   * @defaultValue 5000
   */
  functionTimeoutMs: HANDLER_DEADLINE_MS,
  /**
   * How long loading the module may take (Lambda's init phase is capped at 10 s too).
   * @defaultValue 10 000 ms
   */
  initTimeoutMs: 10_000,
  /**
   * The memory size the context reports (`memoryLimitInMB`) and the heap cap of a worker or child process. Larger
   * than Lambda's 128 MB default so that a handler's dependencies never make a false "out of memory".
   * @defaultValue 512
   */
  memoryLimitMb: 512,
  /** `context.functionName`. @defaultValue 'cognito-sync-trigger' */
  functionName: 'cognito-sync-trigger',
  /** The region in `context.invokedFunctionArn`. @defaultValue 'us-east-1' */
  region: 'us-east-1',
  /** The account in `context.invokedFunctionArn` (the placeholder of the AWS documentation). @defaultValue '123456789012' */
  accountId: '123456789012',
  /** Console output kept per invocation; older output is dropped first. @defaultValue 1 000 000 characters */
  maxLogChars: 1_000_000,
  /** How long `close()` waits for an isolate to exit after it was told to stop. @defaultValue 2000 ms */
  closeTimeoutMs: 2000,
} as const;

/** Defaults of `createCommandInvoker` (any language: event JSON on stdin, reply JSON on stdout). */
export const COMMAND_DEFAULTS = {
  /**
   * The hard deadline of one invocation; past it the command's process group is killed.
   * @defaultValue the 5000 ms Cognito budget plus {@link DEADLINE_GRACE_MS}
   */
  deadlineMs: HANDLER_DEADLINE_MS + DEADLINE_GRACE_MS,
  /** Run the command through the system shell (`/bin/sh -c`), so quoting and `&&` work. @defaultValue true */
  shell: true,
  /**
   * The most stdout the harness reads before it kills the command: Lambda's response payload limit, past which
   * the reply is `Function.ResponseSizeTooLarge` (and a runaway command cannot exhaust memory).
   * @defaultValue 6 291 556 bytes
   */
  maxStdoutBytes: 6_291_556,
  /** stderr kept as the invocation's logs; older output is dropped first. @defaultValue 1 000 000 characters */
  maxLogChars: 1_000_000,
  /** stderr lines quoted in the error of a command that exits non-zero. @defaultValue 20 */
  stderrTailLines: 20,
  /**
   * How long the harness keeps reading stdout and stderr after the command exited, when something it started in the
   * background still holds them open; then the reply is what was read and the leftovers are killed.
   * @defaultValue 200 ms
   */
  pipeGraceMs: 200,
  /**
   * Keep one process per invoker and send it one event per line (the persistent protocol) instead of starting the
   * command for every event.
   * @defaultValue false
   */
  persistent: false,
} as const;

/**
 * Defaults of `createRuntimeApiInvoker` (a Lambda runtime started once, fed through the Lambda Runtime API). The
 * function's name, region, account and memory size are those of {@link LOCAL_DEFAULTS}.
 */
export const RUNTIME_API_DEFAULTS = {
  /**
   * The hard deadline of one invocation; past it the runtime (its process group and marked descendants) is killed
   * and started again.
   * @defaultValue the 5000 ms Cognito budget plus {@link DEADLINE_GRACE_MS}
   */
  deadlineMs: HANDLER_DEADLINE_MS + DEADLINE_GRACE_MS,
  /** What `Lambda-Runtime-Deadline-Ms` counts from the hand-over: the budget Cognito Sync gives. @defaultValue 5000 */
  functionTimeoutMs: HANDLER_DEADLINE_MS,
  /**
   * How long a runtime may take from its start to its first `GET …/invocation/next` (Lambda's init phase is capped
   * at 10 s too). Never counted in an invocation's time.
   * @defaultValue 10 000 ms
   */
  initTimeoutMs: 10_000,
  /** Run the bootstrap command line through the system shell (`/bin/sh -c`). @defaultValue true */
  shell: true,
  /**
   * `_HANDLER`, which a custom runtime reads to find the handler. The AWS custom runtime tutorial's value; give yours
   * with `--env _HANDLER=app.handler`.
   * @defaultValue 'function.handler'
   */
  handler: 'function.handler',
  /**
   * The largest body a runtime may post (a response or an error): Lambda's response payload limit. A larger response
   * is `Function.ResponseSizeTooLarge`, answered 413 as the Runtime API does, and never read past the limit.
   * @defaultValue 6 291 556 bytes
   */
  maxBodyBytes: 6_291_556,
  /** How long one request of the runtime may take to arrive whole (headers and body). @defaultValue 30 000 ms */
  requestTimeoutMs: 30_000,
  /** Connections the Runtime API accepts at once (a runtime needs one or two). @defaultValue 16 */
  maxConnections: 16,
  /** The runtime's stdout and stderr kept as an invocation's logs; older output is dropped first. @defaultValue 1 000 000 characters */
  maxLogChars: 1_000_000,
  /** Log lines quoted when the runtime cannot start. @defaultValue 20 */
  logTailLines: 20,
} as const;
