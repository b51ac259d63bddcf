/**
 * The invoker for `in-process` isolation: the handler runs in the tool's own thread. Fastest (no message hop), for
 * benchmarks and trusted handlers. What it cannot do, by construction:
 *
 * - stop a handler: past the deadline the invocation is reported `timed-out` but an infinite loop (or any long
 *   synchronous work) hangs the tool, deadline included, and a hung promise keeps running in the background;
 * - see the event loop empty (the tool's own handles keep it busy): a callback reply is sent at once whatever
 *   `callbackWaitsForEmptyEventLoop` says, and a handler that never completes is `timed-out`, not `no-reply`;
 * - contain a crash or a memory bomb: an uncaught exception or unhandled rejection reaches the tool, and memory
 *   is the tool's. `process.exit` is intercepted while an invocation runs (reported `crashed`), not after;
 * - keep module state apart: invokers of one CommonJS module in one thread share it (Node's module cache).
 *
 * Console output is captured per invocation (`capture.ts`); raw `process.stdout.write` is not, and output of work
 * that outlives the invocation goes to the tool's console.
 */
import { randomUUID } from 'node:crypto';
import { LOCAL_DEFAULTS } from '../targetDefaults.ts';
import { HarnessError } from '../errors.ts';
import type { DiscoveryInvocation, InitInfo, InvocationOutcome, Invoker, InvokeOptions } from '../invoker.ts';
import { openCapture } from './capture.ts';
import { contextFields, logStreamName } from './context.ts';
import { callbackDeprecatedError, jsonText, withinPayloadLimit } from './lambdaErrors.ts';
import { LoadFailure, loadHandler, type LoadedHandler } from './load.ts';
import { LogBuffer } from './logBuffer.ts';
import { recordLookups } from './lookups.ts';
import { describeModule, resolveLocalOptions, type LocalInvokerOptions, type ResolvedLocalOptions } from './options.ts';
import { startInvocation } from './runtime.ts';

/**
 * Imports through tsx's own loader, for TypeScript and ES modules alike: this `import()` is the tool's, and a test
 * runner that rewrites it (Vitest, when the tool runs in-process inside a test) would load the handler its own way,
 * with its own errors, instead of as Node does.
 */
async function viaTsx(url: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

/** Runs a handler module in the tool's own thread. */
export class InProcessInvoker implements Invoker {
  readonly description: string;
  private loaded: { handler: LoadedHandler; info: InitInfo; r: ResolvedLocalOptions } | undefined;
  private readonly stream = logStreamName();
  private fresh = true;
  /** Output of the module while it loaded, shown with the first invocation (as Lambda logs init). */
  private readonly carry = new LogBuffer(LOCAL_DEFAULTS.maxLogChars);
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Settles the running invocation when the invoker is closed under it (the handler itself cannot be stopped). */
  private onClose: (() => void) | undefined;

  /** @param options - the module and how to run it */
  constructor(private readonly options: LocalInvokerOptions) {
    this.description = describeModule(options);
  }

  async init(): Promise<InitInfo> {
    this.assertOpen();
    return (await this.load()).info;
  }

  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    const run = this.queue.then(async () => {
      this.assertOpen();
      return this.run(event, options);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  discover(event: unknown, options?: InvokeOptions): Promise<DiscoveryInvocation> {
    const seen = new Set<string>();
    const run = this.queue.then(async () => {
      this.assertOpen();
      return { outcome: await this.run(event, options, seen), lookups: [...seen] };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    this.closed = true;
    this.onClose?.();
    return Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new HarnessError('E_CLOSED', `${this.description}: the invoker is closed; open a new one`);
  }

  private async load(): Promise<NonNullable<InProcessInvoker['loaded']>> {
    if (this.loaded) return this.loaded;
    const r = resolveLocalOptions(this.options);
    // Captured like an invocation: a module that logs or calls `process.exit` while loading must not reach the tool.
    const capture = openCapture(this.carry);
    let handler: LoadedHandler | undefined;
    let failure: unknown;
    try {
      handler = await capture.run(() => loadHandler(r.config.modulePath, r.config.exportName, viaTsx, viaTsx));
    } catch (e) {
      failure = e;
    } finally {
      capture.end();
    }
    if (capture.exitCode !== undefined) {
      const message = `handler module ${r.config.modulePath} called process.exit(${capture.exitCode}) while loading`;
      failure = new LoadFailure('E_HANDLER_LOAD', message);
    }
    if (!handler || failure !== undefined) {
      if (!(failure instanceof LoadFailure)) throw failure;
      const logs = this.carry.take().trim();
      throw new HarnessError(failure.code, `${failure.message}${logs ? `\n${logs}` : ''}`, { cause: failure });
    }
    const initError = r.config.runtime === 'nodejs24.x' && handler.arity >= 3 ? callbackDeprecatedError() : undefined;
    this.loaded = { handler, r, info: { style: handler.style, ...(initError ? { initError } : {}) } };
    return this.loaded;
  }

  private async run(event: unknown, options?: InvokeOptions, lookups?: Set<string>): Promise<InvocationOutcome> {
    const { handler, info, r } = await this.load();
    const coldStart = this.fresh;
    this.fresh = false;
    if (info.initError) return { kind: 'threw', error: info.initError, ms: 0, logs: this.carry.take(), coldStart };
    const deadlineMs = options?.deadlineMs ?? r.deadlineMs;
    // Parsed from JSON, as Lambda hands it over (a fresh object, `__proto__` keys as own properties).
    const parsed: unknown = JSON.parse(jsonText(event));
    const records = (parsed as { datasetRecords?: unknown } | null)?.datasetRecords;
    if (lookups && typeof records === 'object' && records !== null && !Array.isArray(records))
      recordLookups(records, lookups);
    const logs = new LogBuffer(LOCAL_DEFAULTS.maxLogChars);
    logs.add(this.carry.take());
    const capture = openCapture(logs);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const invocation = capture.run(() =>
        startInvocation({
          handler: handler.handler,
          isAsync: handler.isAsync,
          runtime: r.config.runtime,
          event: parsed,
          fields: contextFields(r.config, randomUUID(), this.stream),
          drainDetected: false,
        }),
      );
      const stop = new Promise<'timeout' | 'closed'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, deadlineMs);
        this.onClose = () => {
          resolve('closed');
        };
      });
      const first = await Promise.race([invocation.completion, stop, capture.exited]);
      const ms = performance.now() - started;
      const base = { ms, logs: logs.take(), coldStart };
      if (first === 'timeout') return { kind: 'timed-out', deadlineMs, ...base };
      if (first === 'closed') {
        const detail = 'the invoker was closed while the handler ran (in-process, the handler itself goes on)';
        return { kind: 'crashed', detail, ...base };
      }
      if (typeof first === 'number')
        return { kind: 'crashed', detail: `the handler called process.exit(${first})`, ...base };
      return { ...withinPayloadLimit(first), ...base };
    } finally {
      clearTimeout(timer);
      this.onClose = undefined;
      capture.end();
    }
  }
}
