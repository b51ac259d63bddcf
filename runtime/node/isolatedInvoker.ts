/**
 * The invoker for `worker` and `process` isolation: one long-lived isolate, invocations one at a time (a Lambda
 * execution environment serves one request at a time), and a fresh isolate (a cold start) after a timeout or crash.
 * For `worker`, the invoker owns one sandbox process whose worker threads are its successive isolates.
 */
import { LOCAL_DEFAULTS } from '../targetDefaults.ts';
import { HarnessError } from '../errors.ts';
import type {
  DiscoveryInvocation,
  FileCoverage,
  InitInfo,
  InvocationOutcome,
  Invoker,
  InvokeOptions,
} from '../invoker.ts';
import { WorkerSandbox } from './channel.ts';
import { Isolate } from './executionEnvironment.ts';
import { jsonText } from './lambdaErrors.ts';
import { TS_EXTENSIONS } from './load.ts';
import { LogBuffer } from './logBuffer.ts';
import { describeModule, resolveLocalOptions, type LocalInvokerOptions, type ResolvedLocalOptions } from './options.ts';

/** Runs a handler module in a worker thread or a child process. */
export class IsolatedInvoker implements Invoker {
  readonly description: string;
  private resolved: ResolvedLocalOptions | undefined;
  private isolate: Isolate | undefined;
  private info: InitInfo | undefined;
  /** The next invocation is the first on its isolate. */
  private fresh = false;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** The sandbox process of worker isolation, started on first need and again when it died. */
  private sandbox: WorkerSandbox | undefined;
  private readonly carry = new LogBuffer(LOCAL_DEFAULTS.maxLogChars);
  /** Coverage that isolates which are gone sent before they went. */
  private readonly orphanTakes: FileCoverage[][] = [];

  /** @param options - the module and how to run it (`isolation` must be `worker` or `process`) */
  constructor(private readonly options: LocalInvokerOptions) {
    this.description = describeModule(options);
  }

  init(): Promise<InitInfo> {
    return this.serial(() => this.ensure());
  }

  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    return this.run(event, options);
  }

  async discover(event: unknown, options?: InvokeOptions): Promise<DiscoveryInvocation> {
    let lookups: readonly string[] = [];
    const outcome = await this.run(event, options, (keys) => (lookups = keys));
    return { outcome, lookups };
  }

  private run(
    event: unknown,
    options: InvokeOptions | undefined,
    lookups?: (keys: readonly string[]) => void,
  ): Promise<InvocationOutcome> {
    return this.serial(async () => {
      const info = await this.ensure();
      const coldStart = this.fresh;
      this.fresh = false;
      if (info.initError) {
        // Lambda retries init on each invocation and fails it the same way; nothing of the handler runs.
        return { kind: 'threw', error: info.initError, ms: 0, logs: this.carry.take(), coldStart };
      }
      const isolate = this.isolate;
      if (!isolate) throw new Error('no isolate after init');
      const deadlineMs = options?.deadlineMs ?? this.config().deadlineMs;
      return isolate.invoke(jsonText(event), deadlineMs, coldStart, lookups);
    });
  }

  coverage(): Promise<readonly (readonly FileCoverage[])[]> {
    return this.serial(async () => {
      const fresh = this.isolate ? await this.isolate.takeCoverage(this.config().deadlineMs) : [];
      return [...this.orphanTakes.splice(0), ...fresh];
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const isolate = this.isolate;
    this.isolate = undefined;
    // Not queued: a hung invocation must not delay the close; its isolate's exit settles it as crashed.
    await isolate?.stop();
    await this.sandbox?.stop(LOCAL_DEFAULTS.closeTimeoutMs);
  }

  private config(): ResolvedLocalOptions {
    this.resolved ??= resolveLocalOptions(this.options);
    return this.resolved;
  }

  /** The live isolate's init, starting a fresh isolate when there is none. */
  private async ensure(): Promise<InitInfo> {
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    if (this.isolate?.alive && this.info) return this.info;
    // A dead isolate may still be on its way out (exiting after an uncaught exception): make sure it goes, and
    // keep the coverage it sent first.
    void this.isolate?.takeCoverage(0).then((takes) => this.orphanTakes.push(...takes));
    void this.isolate?.stop();
    this.isolate = undefined;
    const r = this.config();
    const isolation = r.isolation === 'process' ? 'process' : 'worker';
    if (isolation === 'worker' && !this.sandbox?.alive) this.sandbox = new WorkerSandbox(r.env);
    const { isolate, init } = await Isolate.start(
      {
        isolation,
        typescript: TS_EXTENSIONS.some((ext) => r.config.modulePath.endsWith(ext)),
        memoryLimitMb: r.config.memoryLimitMb,
        env: r.env,
        ...(isolation === 'worker' && this.sandbox ? { sandbox: this.sandbox } : {}),
        config: r.config,
        initTimeoutMs: r.initTimeoutMs,
        closeTimeoutMs: LOCAL_DEFAULTS.closeTimeoutMs,
        maxLogChars: LOCAL_DEFAULTS.maxLogChars,
      },
      this.carry,
    );
    // close() may have run while the isolate started.
    if (this.isClosed()) {
      await isolate.stop();
      throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
    }
    this.isolate = isolate;
    this.info = init;
    this.fresh = true;
    return init;
  }

  private isClosed(): boolean {
    return this.closed;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
