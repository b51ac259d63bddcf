/**
 * The invoker for `in-process` isolation: the handler runs in the tool's own thread. Fastest (no message hop), for
 * benchmarks and trusted handlers. What it cannot do, by construction:
 *
 * - stop a handler: past the deadline the invocation is reported `timed-out` but an infinite loop hangs the tool,
 *   and a hung promise keeps running in the background;
 * - see the event loop empty (the tool's own handles keep it busy): a callback reply is sent at once whatever
 *   `callbackWaitsForEmptyEventLoop` says, and a handler that never completes is `timed-out`, not `no-reply`;
 * - contain a crash: an uncaught exception or unhandled rejection reaches the tool. `process.exit` is intercepted
 *   while an invocation runs (reported `crashed`), not after.
 *
 * Console output is captured by swapping the `console` methods during an invocation; output of work that outlives
 * it goes to the tool's console.
 */
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { LOCAL_DEFAULTS } from '../defaults.ts';
import { HarnessError } from '../errors.ts';
import type { InitInfo, InvocationOutcome, Invoker, InvokeOptions } from '../invoker.ts';
import { contextFields, logStreamName } from './context.ts';
import { callbackDeprecatedError, jsonText } from './lambdaErrors.ts';
import { LoadFailure, loadHandler, type LoadedHandler } from './load.ts';
import { LogBuffer } from './logBuffer.ts';
import { describeModule, resolveLocalOptions, type LocalInvokerOptions, type ResolvedLocalOptions } from './options.ts';
import { startInvocation } from './runtime.ts';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Thrown out of an intercepted `process.exit` to stop the handler where it called it. */
class ExitIntercepted extends Error {
  constructor(readonly exitCode: number) {
    super(`process.exit(${exitCode}) intercepted`);
  }
}

/** Runs a handler module in the tool's own thread. */
export class InProcessInvoker implements Invoker {
  readonly description: string;
  private loaded: { handler: LoadedHandler; info: InitInfo; r: ResolvedLocalOptions } | undefined;
  private readonly stream = logStreamName();
  private fresh = true;
  private queue: Promise<unknown> = Promise.resolve();

  /** @param options - the module and how to run it */
  constructor(private readonly options: LocalInvokerOptions) {
    this.description = describeModule(options);
  }

  async init(): Promise<InitInfo> {
    return (await this.load()).info;
  }

  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    const run = this.queue.then(async () => this.run(event, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async load(): Promise<NonNullable<InProcessInvoker['loaded']>> {
    if (this.loaded) return this.loaded;
    const r = resolveLocalOptions(this.options);
    let handler: LoadedHandler;
    try {
      handler = await loadHandler(r.config.modulePath, r.config.exportName, async (url) => {
        const { tsImport } = await import('tsx/esm/api');
        return tsImport(url, import.meta.url);
      });
    } catch (e) {
      throw e instanceof LoadFailure ? new HarnessError(e.code, e.message, { cause: e }) : e;
    }
    const initError = r.config.runtime === 'nodejs24.x' && handler.arity >= 3 ? callbackDeprecatedError() : undefined;
    this.loaded = { handler, r, info: { style: handler.style, ...(initError ? { initError } : {}) } };
    return this.loaded;
  }

  private async run(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome> {
    const { handler, info, r } = await this.load();
    const coldStart = this.fresh;
    this.fresh = false;
    if (info.initError) return { kind: 'threw', error: info.initError, ms: 0, logs: '', coldStart };
    const deadlineMs = options?.deadlineMs ?? r.deadlineMs;
    const logs = new LogBuffer(LOCAL_DEFAULTS.maxLogChars);
    const restore = intercept(logs);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const invocation = startInvocation({
        handler: handler.handler,
        isAsync: handler.isAsync,
        runtime: r.config.runtime,
        // Parsed from JSON, as Lambda hands it over (a fresh object, `__proto__` keys as own properties).
        event: JSON.parse(jsonText(event)),
        fields: contextFields(r.config, randomUUID(), this.stream),
        drainDetected: false,
      });
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, deadlineMs);
      });
      const first = await Promise.race([invocation.completion, timeout, restore.exited]);
      const ms = performance.now() - started;
      const base = { ms, logs: logs.take(), coldStart };
      if (first === 'timeout') return { kind: 'timed-out', deadlineMs, ...base };
      if (typeof first === 'number')
        return { kind: 'crashed', detail: `the handler called process.exit(${first})`, ...base };
      return { ...first, ...base };
    } finally {
      clearTimeout(timer);
      restore.undo();
    }
  }
}

/** Swaps the console methods and `process.exit` for the length of one invocation. */
function intercept(logs: LogBuffer): { undo: () => void; exited: Promise<number> } {
  // Property descriptors, so that the originals go back exactly as they were.
  const saved = [
    ...CONSOLE_METHODS.map((m) => [console, m, Object.getOwnPropertyDescriptor(console, m)] as const),
    [process, 'exit', Object.getOwnPropertyDescriptor(process, 'exit')] as const,
  ];
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => {
      logs.add(`${format(...args)}\n`);
    };
  }
  let onExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    onExit = resolve;
  });
  process.exit = (code?: number | string | null): never => {
    const n = Number(code ?? process.exitCode ?? 0);
    onExit(n);
    throw new ExitIntercepted(n);
  };
  return {
    exited,
    undo: () => {
      for (const [target, key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(target, key, descriptor);
      }
    },
  };
}
