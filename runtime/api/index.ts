/**
 * The Lambda Runtime API target: a runtime in any language (a custom runtime's `bootstrap`, a Go binary built with
 * aws-lambda-go, `python3 -m awslambdaric app.handler`, AWS's Node client `aws-lambda-ric`) is started once with
 * `AWS_LAMBDA_RUNTIME_API` pointing at a server of our own, and stays warm across invocations like a Lambda
 * execution environment (see `docs/runtime-api.md`):
 *
 * - Init ends at the runtime's first `GET …/invocation/next`; it is timed apart from every invocation (a JVM's
 *   start-up never counts against the 5 s), and the first invocation after each start reports `coldStart`.
 * - A runtime that exits or stays silent past `initTimeoutMs` at its first start cannot be run: a harness error
 *   `E_COMMAND` with its last output. One that posts `…/init/error` makes every invocation report that error, as
 *   Lambda does.
 * - Past the deadline the runtime (its process group and marked descendants) is killed → `timed-out`, and started
 *   again; a runtime that exits mid-invocation → `crashed`, and started again.
 * - A response over Lambda's 6 MB payload limit → `Function.ResponseSizeTooLarge`; a response that is not UTF-8
 *   JSON → `RuntimeApi.InvalidJson`; bytes that are not UTF-8 → a reply marked `invalidUtf8`, which the model refuses.
 * - The runtime's stdout and stderr are the logs of the invocation they arrive in (output between invocations goes
 *   with the next one).
 *
 * One invoker is one runtime process serving one invocation at a time; a run's lanes each have their own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { COMMAND_DEFAULTS, LOCAL_DEFAULTS, RUNTIME_API_DEFAULTS } from '../targetDefaults.ts';
import { handlerEnvironment } from '../environment.ts';
import { HarnessError } from '../errors.ts';
import { guardTool } from '../guard.ts';
import type { InitInfo, InvocationOutcome, Invoker, InvokeOptions, LambdaError } from '../invoker.ts';
import type { Ending } from '../command/payload.ts';
import { commandProblem, shellWords } from '../command/program.ts';
import { jsonText } from '../node/lambdaErrors.ts';
import { LogBuffer } from '../node/logBuffer.ts';
import { endingOf } from './answer.ts';
import { RuntimeHost } from './host.ts';
import { RuntimeApiServer } from './server.ts';

/** Options of `createRuntimeApiInvoker`. */
export interface RuntimeApiInvokerOptions {
  /** The command line that starts the runtime, e.g. `./bootstrap` or `python3 -m awslambdaric app.handler`. */
  readonly bootstrap: string;
  /** Working directory of the runtime (and `LAMBDA_TASK_ROOT`). @defaultValue `process.cwd()` */
  readonly cwd?: string;
  /** Environment variables given to the runtime, over the Lambda ones it always gets. @defaultValue none */
  readonly env?: Readonly<Record<string, string>>;
  /** Names of the tool's own environment variables passed on to the runtime, on purpose. @defaultValue none */
  readonly passEnv?: readonly string[];
  /** Run through the system shell; otherwise split into words and run directly. @defaultValue true */
  readonly shell?: boolean;
  /** `_HANDLER`. @defaultValue 'function.handler' (`env` may set it too) */
  readonly handler?: string;
  /** Hard deadline of an invocation (overridable per call). @defaultValue 6000 ms (5 s budget + 1 s grace) */
  readonly deadlineMs?: number;
  /** How long the runtime may take to ask for its first invocation. @defaultValue 10 000 ms */
  readonly initTimeoutMs?: number;
  /** The largest response or error body accepted. @defaultValue Lambda's 6 MB response payload limit */
  readonly maxBodyBytes?: number;
}

const d = RUNTIME_API_DEFAULTS;
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
/** How often one event may find its runtime gone before it is handed over (a runtime that dies at every poll). */
const MAX_STARTS_PER_EVENT = 3;

/** Runs events through one warm runtime process. */
class RuntimeApiInvoker implements Invoker {
  readonly description: string;
  private server: RuntimeApiServer | undefined;
  private host: RuntimeHost | undefined;
  private address = '';
  private pending: { finish(o: Ending): void } | undefined;
  private initError: LambdaError | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly logs = new LogBuffer(d.maxLogChars);

  constructor(private readonly o: RuntimeApiInvokerOptions) {
    this.description = `runtime ${o.bootstrap} (Lambda Runtime API)`;
  }

  async init(): Promise<InitInfo> {
    guardTool();
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    const problem = commandProblem(this.o.bootstrap, this.shell(), this.cwd(), this.env().PATH);
    if (problem) throw new HarnessError('E_COMMAND', problem);
    const host = await this.open();
    const started = await host.ready();
    if (started.kind === 'failed') {
      const tail = this.logs.peekLines(d.logTailLines);
      throw new HarnessError(
        'E_COMMAND',
        `the runtime "${this.o.bootstrap}" ${started.detail}${tail.length ? `; its last output:\n${tail.join('\n')}` : ''}`,
      );
    }
    if (started.kind === 'init-error') this.initError = started.error;
    return { style: 'unknown', ...(this.initError ? { initError: this.initError } : {}) };
  }

  async invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    if (!this.host) await this.init();
    const deadlineMs = options?.deadlineMs ?? this.o.deadlineMs ?? d.deadlineMs;
    const run = this.queue.then(() => this.once(jsonText(event), deadlineMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.finish({ kind: 'crashed', detail: 'the invoker was closed while the runtime ran' });
    this.host?.close();
    await this.server?.close();
  }

  /** The server and the host, made once. */
  private async open(): Promise<RuntimeHost> {
    if (this.host) return this.host;
    const server = new RuntimeApiServer(
      { maxBodyBytes: this.limit(), requestTimeoutMs: d.requestTimeoutMs, maxConnections: d.maxConnections },
      {
        polled: () => this.host?.polled(),
        initError: (body, errorType) => this.host?.initError(body, errorType),
      },
    );
    this.server = server;
    this.address = await server.listen();
    const shell = this.shell();
    this.host = new RuntimeHost({
      bootstrap: this.o.bootstrap,
      ...(shell ? {} : { argv: shellWords(this.o.bootstrap) }),
      shell,
      cwd: this.cwd(),
      // Set last: the runtime must reach this server whatever the user's variables say.
      env: () => ({ ...this.env(), AWS_LAMBDA_RUNTIME_API: this.address }),
      initTimeoutMs: this.o.initTimeoutMs ?? d.initTimeoutMs,
      pipeGraceMs: COMMAND_DEFAULTS.pipeGraceMs,
      logs: this.logs,
      server,
      exited: (how) => {
        const pending = this.pending;
        if (!pending) return; // ended between invocations: started again for the next one
        pending.finish({ kind: 'crashed', detail: `the runtime ${how}` });
        this.host?.restart();
      },
    });
    return this.host;
  }

  private async once(eventJson: string, deadlineMs: number): Promise<InvocationOutcome> {
    const host = this.host;
    if (this.closed || !host)
      return { kind: 'crashed', detail: 'the invoker is closed', ms: 0, logs: '', coldStart: false };
    const cold = (): boolean => {
      const c = host.fresh;
      host.fresh = false;
      return c;
    };
    // Lambda tries init again on each invocation and fails it the same way; nothing of the handler runs.
    if (this.initError)
      return { kind: 'threw', error: this.initError, ms: 0, logs: this.logs.take(), coldStart: cold() };
    for (let starts = 0; ; starts++) {
      // (A close meanwhile fails the start: `was stopped`.)
      const started = await host.ready();
      if (started.kind !== 'ready' || starts >= MAX_STARTS_PER_EVENT) {
        // A restart that failed: this invocation reports it, the next one tries again.
        host.stop();
        const base = { ms: 0, logs: this.logs.take(), coldStart: cold() };
        if (started.kind === 'init-error') return { kind: 'threw', error: started.error, ...base };
        const detail =
          started.kind === 'failed'
            ? `the runtime ${started.detail}`
            : `the runtime ended ${String(starts)} times before it took the event`;
        return { kind: 'crashed', detail, ...base };
      }
      // Handed over only to a runtime that asks for it, so that its time is the handler's alone: a runtime still
      // busy after its last answer, or gone meanwhile, is replaced first.
      if (await host.untilPolling(deadlineMs)) return this.deliver(eventJson, deadlineMs, cold());
    }
  }

  private deliver(eventJson: string, deadlineMs: number, coldStart: boolean): Promise<InvocationOutcome> {
    const server = this.server;
    if (!server) throw new Error('no Runtime API server after init');
    const startedAt = performance.now();
    return new Promise<InvocationOutcome>((resolve) => {
      const finish = (o: Ending, ms = performance.now() - startedAt): void => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        clearTimeout(timer);
        server.withdraw();
        resolve({ ...o, ms, logs: this.logs.take(), coldStart });
      };
      const pending = { finish };
      this.pending = pending;
      const timer = setTimeout(() => {
        finish({ kind: 'timed-out', deadlineMs });
        this.host?.restart();
      }, deadlineMs);
      const { region, accountId, functionName } = LOCAL_DEFAULTS;
      void server
        .offer({
          id: randomUUID(),
          eventJson,
          deadlineEpochMs: Date.now() + d.functionTimeoutMs,
          functionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
          traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex(12)};Parent=${hex(8)};Sampled=0`,
        })
        .then((answer) => {
          const ms = performance.now() - startedAt;
          // What the runtime logged before it answered may be read just after the answer (a pipe and a socket):
          // the logs are taken once the I/O already at hand is read.
          setImmediate(() => {
            finish(endingOf(answer, this.limit()), ms);
          });
        });
    });
  }

  private limit(): number {
    return this.o.maxBodyBytes ?? d.maxBodyBytes;
  }

  private shell(): boolean {
    return this.o.shell ?? d.shell;
  }

  private cwd(): string {
    return this.o.cwd ?? process.cwd();
  }

  private env(): Record<string, string> {
    return handlerEnvironment({
      region: LOCAL_DEFAULTS.region,
      functionName: LOCAL_DEFAULTS.functionName,
      memoryLimitMb: LOCAL_DEFAULTS.memoryLimitMb,
      handler: this.o.handler ?? d.handler,
      taskRoot: this.cwd(),
      ...(this.o.env ? { user: this.o.env } : {}),
      ...(this.o.passEnv ? { passThrough: this.o.passEnv } : {}),
    });
  }
}

/**
 * An invoker that runs events through a Lambda runtime started once and fed through the Lambda Runtime API.
 * @param options - the bootstrap command, where and how to run it, and limits
 * @example
 * const invoker = createRuntimeApiInvoker({ bootstrap: 'python3 -m awslambdaric app.handler', cwd: './fn' });
 * await invoker.init(); // E_COMMAND when the runtime exits or never asks for an invocation
 * const outcome = await invoker.invoke(event);
 */
export function createRuntimeApiInvoker(options: RuntimeApiInvokerOptions): Invoker {
  return new RuntimeApiInvoker(options);
}
