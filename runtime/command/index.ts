/**
 * The command runner: a handler in any language, run as a command once per invocation.
 *
 * Protocol (also in `docs/command-protocol.md`):
 *
 * - The event JSON is written to the command's stdin, which is then closed.
 * - Environment: a Lambda function's (`runtime/environment.ts`: region, function name, placeholder credentials,
 *   the tool's `PATH`), plus `env`, plus `CSC_REQUEST_ID` (a fresh UUID) and `CSC_DEADLINE_EPOCH_MS` (when the 5 s
 *   Cognito budget ends, epoch milliseconds, like Lambda's `Lambda-Runtime-Deadline-Ms`). Never the tool's own
 *   variables, but for those named in `passEnv`.
 * - Exit 0: stdout, whitespace trimmed, is the reply and must be JSON (`null` included) → `replied`, judged as is.
 *   Empty or invalid JSON → `threw` with errorType `Command.InvalidJson`.
 * - Exit non-zero with stdout a JSON object `{errorType, errorMessage[, trace]}` → `threw` with that error (what a
 *   Lambda runtime reports for a handler error). Exit non-zero otherwise → `threw` with errorType
 *   `Command.NonZeroExit`, the last stderr line as the message and the stderr tail as the trace.
 * - Killed by a signal it did not get from the harness → `crashed`.
 * - Still running at the deadline → its whole process group is killed → `timed-out`.
 * - A reply over Lambda's 6 MB response payload limit → killed once past it → `threw` with errorType
 *   `Function.ResponseSizeTooLarge`, as Lambda reports it.
 * - Invalid UTF-8 on stdout → `replied`, marked `invalidUtf8`: the model judges it invalid output (Lambda refuses
 *   such a response).
 * - Exited, but a background child still holds stdout → after `pipeGraceMs` what was read is the answer; whatever is
 *   left of it (its process group, and every process that inherited its marker, `setsid` daemons included) is
 *   killed: nothing outlives its invocation.
 * - The invoker closed while it runs → killed → `crashed`.
 * - stderr is the invocation's `logs`.
 *
 * With `persistent: true` the command is started once and kept: one event per line on stdin, one reply per line on
 * stdout, `!` and an error payload for an error (`persistent.ts`).
 */
import { randomUUID } from 'node:crypto';
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import { COMMAND_DEFAULTS, LOCAL_DEFAULTS } from '../targetDefaults.ts';
import { handlerEnvironment } from '../environment.ts';
import { HarnessError } from '../errors.ts';
import type { InitInfo, InvocationOutcome, Invoker, InvokeOptions } from '../invoker.ts';
import { jsonText } from '../node/lambdaErrors.ts';
import { PersistentCommand } from './persistent.ts';
import { commandProblem, shellWords } from './program.ts';
import { runCommand, type RunningCommand } from './run.ts';

/** Options of `createCommandInvoker`. */
export interface CommandInvokerOptions {
  /** The command line, e.g. `python3 handler.py`. */
  readonly command: string;
  /** Working directory of the command. @defaultValue `process.cwd()` */
  readonly cwd?: string;
  /** Environment variables given to the command, over the Lambda ones it always gets. @defaultValue none */
  readonly env?: Readonly<Record<string, string>>;
  /** Names of the tool's own environment variables passed on to the command, on purpose. @defaultValue none */
  readonly passEnv?: readonly string[];
  /** Run through the system shell (quoting, `&&`, variables); otherwise split into words and run directly. @defaultValue true */
  readonly shell?: boolean;
  /** Hard deadline of an invocation (overridable per call). @defaultValue 6000 ms (5 s budget + 1 s grace) */
  readonly deadlineMs?: number;
  /** The most stdout read before the command is stopped. @defaultValue Lambda's 6 MB response payload limit */
  readonly maxStdoutBytes?: number;
  /**
   * Start the command once and send it one event per line (the persistent protocol) instead of once per event.
   * @defaultValue false
   */
  readonly persistent?: boolean;
}

/** Runs a command per invocation. */
class CommandInvoker implements Invoker {
  readonly description: string;
  private readonly running = new Set<RunningCommand>();
  private warm: PersistentCommand | undefined;
  private closed = false;

  constructor(private readonly o: CommandInvokerOptions) {
    this.description = `command ${o.command}${o.persistent ? ' (persistent)' : ''}`;
  }

  init(): Promise<InitInfo> {
    const cwd = this.o.cwd ?? process.cwd();
    const shell = this.o.shell ?? COMMAND_DEFAULTS.shell;
    // Found once here, so that a typo is one clear error rather than exit code 127 on every case.
    const problem = commandProblem(this.o.command, shell, cwd, this.env().PATH);
    if (problem) return Promise.reject(new HarnessError('E_COMMAND', problem));
    if (this.o.persistent ?? COMMAND_DEFAULTS.persistent) {
      this.warm ??= new PersistentCommand({
        command: this.o.command,
        ...(shell ? {} : { argv: shellWords(this.o.command) }),
        shell,
        cwd,
        env: { ...this.env(), CSC_PERSISTENT: '1' },
        maxLineBytes: this.o.maxStdoutBytes ?? COMMAND_DEFAULTS.maxStdoutBytes,
        maxLogChars: COMMAND_DEFAULTS.maxLogChars,
        stderrTailLines: COMMAND_DEFAULTS.stderrTailLines,
        pipeGraceMs: COMMAND_DEFAULTS.pipeGraceMs,
      });
      this.warm.start();
    }
    return Promise.resolve({ style: 'unknown' });
  }

  async invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    const deadlineMs = options?.deadlineMs ?? this.o.deadlineMs ?? COMMAND_DEFAULTS.deadlineMs;
    if (this.warm) return this.warm.invoke(jsonText(event), deadlineMs);
    const shell = this.o.shell ?? COMMAND_DEFAULTS.shell;
    const run = runCommand({
      command: this.o.command,
      ...(shell ? {} : { argv: shellWords(this.o.command) }),
      shell,
      cwd: this.o.cwd ?? process.cwd(),
      env: {
        ...this.env(),
        CSC_REQUEST_ID: randomUUID(),
        CSC_DEADLINE_EPOCH_MS: String(Date.now() + HANDLER_DEADLINE_MS),
      },
      eventJson: jsonText(event),
      deadlineMs,
      maxStdoutBytes: this.o.maxStdoutBytes ?? COMMAND_DEFAULTS.maxStdoutBytes,
      maxLogChars: COMMAND_DEFAULTS.maxLogChars,
      stderrTailLines: COMMAND_DEFAULTS.stderrTailLines,
      pipeGraceMs: COMMAND_DEFAULTS.pipeGraceMs,
    });
    this.running.add(run);
    try {
      return await run.outcome;
    } finally {
      this.running.delete(run);
    }
  }

  close(): Promise<void> {
    this.closed = true;
    for (const run of this.running) run.kill('the invoker was closed while the command ran');
    this.warm?.close();
    return Promise.resolve();
  }

  private env(): Record<string, string> {
    const cwd = this.o.cwd ?? process.cwd();
    return handlerEnvironment({
      region: LOCAL_DEFAULTS.region,
      functionName: LOCAL_DEFAULTS.functionName,
      memoryLimitMb: LOCAL_DEFAULTS.memoryLimitMb,
      taskRoot: cwd,
      ...(this.o.env ? { user: this.o.env } : {}),
      ...(this.o.passEnv ? { passThrough: this.o.passEnv } : {}),
    });
  }
}

/**
 * An invoker that runs a command per invocation: the event JSON on stdin, the reply JSON on stdout (see the
 * protocol above). Invocations may run side by side; each is its own process. With `persistent: true` one process
 * answers every event, one at a time.
 * @param options - the command, where and how to run it, and limits
 * @example
 * const invoker = createCommandInvoker({ command: 'python3 examples/python/sync_trigger.py' });
 * await invoker.init(); // HarnessError E_COMMAND when python3 is not on the PATH
 * const outcome = await invoker.invoke(event);
 */
export function createCommandInvoker(options: CommandInvokerOptions): Invoker {
  return new CommandInvoker(options);
}
