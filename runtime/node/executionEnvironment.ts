/**
 * One live execution environment seen from the parent: a host in a worker thread or child process, its init, and
 * the invocation in flight. The parent owns the clock: `ms` runs from posting the event to receiving the reply, and
 * past the hard deadline the isolate is stopped (an infinite loop included) and reported `timed-out`.
 */
import { randomUUID } from 'node:crypto';
import { HarnessError } from '../errors.ts';
import type { InitInfo, InvocationOutcome } from '../invoker.ts';
import { openChannel, type Channel, type ChannelOptions } from './channel.ts';
import type { FileCoverage } from './coverageData.ts';
import { LogBuffer } from './logBuffer.ts';
import { withinPayloadLimit } from './lambdaErrors.ts';
import { invokeText, type Completion, type FromHost, type HostConfig, type ToHost } from './protocol.ts';

/** How to start an isolate. */
export interface IsolateOptions extends ChannelOptions {
  readonly config: HostConfig;
  readonly initTimeoutMs: number;
  readonly closeTimeoutMs: number;
  /** Console output kept per invocation. */
  readonly maxLogChars: number;
}

/** How often the resident memory is read while an invocation runs. */
const MEMORY_POLL_MS = 25;

interface Pending {
  readonly id: string;
  readonly started: number;
  readonly deadlineMs: number;
  readonly coldStart: boolean;
  readonly logs: LogBuffer;
  readonly timer: NodeJS.Timeout;
  readonly watch: NodeJS.Timeout | undefined;
  readonly resolve: (o: InvocationOutcome) => void;
  /** Where the record keys a discovery invocation looked up go. */
  readonly lookups?: (keys: readonly string[]) => void;
}

/** A running host. Create with `Isolate.start`. */
export class Isolate {
  private channel: Channel | undefined;
  private pending: Pending | undefined;
  private starting: { resolve: (i: InitInfo) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private rawTail = '';
  private dead = false;
  /** Why the harness stopped the isolate, when it did: an exit that follows is not the handler's doing. */
  private stopReason: string | undefined;
  /** Coverage takes received and not yet handed on (one a host sent before exiting included). */
  private coverageTakes: FileCoverage[][] = [];
  private coverageWait: { readonly id: string; readonly done: () => void } | undefined;

  private constructor(
    private readonly o: IsolateOptions,
    /** Output between invocations, shown with the next one (Lambda thaws the environment then). */
    private readonly carry: LogBuffer,
  ) {}

  /**
   * Starts a host and loads the handler.
   * @param o - isolation, handler and limits
   * @param carry - where output between invocations goes
   * @throws HarnessError `E_HANDLER_LOAD` / `E_HANDLER_SYNTAX` / `E_HANDLER_EXPORT`
   */
  static async start(o: IsolateOptions, carry: LogBuffer): Promise<{ isolate: Isolate; init: InitInfo }> {
    const isolate = new Isolate(o, carry);
    const init = await isolate.boot();
    return { isolate, init };
  }

  /** False once the isolate died, timed out or was stopped: the next invocation needs a fresh one. */
  get alive(): boolean {
    return !this.dead;
  }

  /**
   * Runs one event. One at a time (the caller queues).
   * @param eventJson - the event as JSON text
   * @param deadlineMs - the hard deadline
   * @param coldStart - whether this invocation paid for the isolate's start
   * @param lookups - for a discovery invocation: where the absent record keys the handler looked up go
   */
  invoke(
    eventJson: string,
    deadlineMs: number,
    coldStart: boolean,
    lookups?: (keys: readonly string[]) => void,
  ): Promise<InvocationOutcome> {
    return new Promise((resolve) => {
      const id = randomUUID();
      const logs = new LogBuffer(this.o.maxLogChars);
      logs.add(this.carry.take());
      const timer = setTimeout(() => {
        this.finish({ kind: 'timed-out', deadlineMs });
        this.kill(`stopped at the ${deadlineMs} ms deadline`);
      }, deadlineMs);
      const watch = this.watchMemory();
      const started = performance.now();
      this.pending = {
        id,
        started,
        deadlineMs,
        coldStart,
        logs,
        timer,
        watch,
        resolve,
        ...(lookups ? { lookups } : {}),
      };
      const discover = lookups ? { discover: true } : {};
      this.channel?.send(invokeText({ id, requestId: randomUUID(), ...discover }, eventJson));
    });
  }

  /**
   * The handler's coverage since the last take, one entry per take: what a host sent before it exited, and, while
   * it lives, a fresh take. Call between invocations. A host that does not answer within `waitMs` (its own timers
   * keep it busy) gives what it sent before.
   * @param waitMs - the most to wait for the answer
   */
  takeCoverage(waitMs: number): Promise<FileCoverage[][]> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.coverageWait = undefined;
        const takes = this.coverageTakes;
        this.coverageTakes = [];
        resolve(takes);
      };
      const timer = setTimeout(done, waitMs);
      if (this.dead || !this.channel || this.pending || this.coverageWait) {
        done();
        return;
      }
      const id = randomUUID();
      this.coverageWait = { id, done };
      this.channel.send(JSON.stringify({ type: 'coverage', id } satisfies ToHost));
    });
  }

  /**
   * Stops the isolate and waits (bounded) until it is gone. An invocation still running is reported `crashed`
   * with the reason.
   * @param reason - why, for that invocation's detail
   */
  async stop(reason = 'the invoker was closed while the handler ran'): Promise<void> {
    this.stopReason ??= reason;
    this.dead = true;
    await this.channel?.stop(this.o.closeTimeoutMs);
  }

  /**
   * The heap cap does not hold memory outside the JavaScript heap (Buffers, typed arrays): a handler that hoards
   * it would grow the tool (a worker shares its process) until the system kills it. So while an invocation runs,
   * the resident memory is read every 25 ms, and growth past twice `memoryLimitMb` plus 256 MB (room for the
   * heap's own overhead, which the heap cap reports better) stops the isolate, as Lambda stops a function past its
   * memory size.
   */
  private watchMemory(): NodeJS.Timeout | undefined {
    const baseline = this.channel?.residentBytes();
    if (baseline === undefined) return undefined;
    const limitMb = 2 * this.o.memoryLimitMb + 256;
    const watch = setInterval(() => {
      const now = this.channel?.residentBytes();
      if (now === undefined || now - baseline <= limitMb * 1024 * 1024) return;
      const grew = Math.round((now - baseline) / (1024 * 1024));
      const detail = `out of memory: the ${this.o.isolation} grew by ${grew} MB while the handler ran, past ${limitMb} MB (twice memoryLimitMb plus 256 MB; memory outside the JavaScript heap, such as Buffers, counts here)`;
      this.finish({ kind: 'crashed', detail });
      this.kill(detail);
    }, MEMORY_POLL_MS);
    watch.unref();
    return watch;
  }

  private kill(reason: string): void {
    this.stopReason ??= reason;
    this.dead = true;
    void this.channel?.stop(this.o.closeTimeoutMs);
  }

  private boot(): Promise<InitInfo> {
    return new Promise<InitInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.starting?.reject(
          new HarnessError(
            'E_HANDLER_LOAD',
            `handler module ${this.o.config.modulePath} did not finish loading within ${this.o.initTimeoutMs} ms`,
          ),
        );
      }, this.o.initTimeoutMs);
      this.starting = {
        resolve: (i) => {
          clearTimeout(timer);
          this.starting = undefined;
          resolve(i);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.starting = undefined;
          this.kill('stopped after the module failed to load');
          reject(e);
        },
      };
      this.channel = openChannel(this.o, {
        message: (m) => {
          this.onMessage(m);
        },
        output: (text) => {
          this.rawTail = (this.rawTail + text).slice(-4096);
          this.log(text);
        },
        error: (e) => {
          this.failure = e;
        },
        exit: (code, signal) => {
          this.onExit(code, signal);
        },
      });
      this.channel.send(JSON.stringify({ type: 'init', config: this.o.config } satisfies ToHost));
    });
  }

  private log(text: string): void {
    (this.pending?.logs ?? this.carry).add(text);
  }

  private onMessage(m: FromHost): void {
    switch (m.type) {
      case 'ready':
        this.starting?.resolve({ style: m.style, ...(m.initError ? { initError: m.initError } : {}) });
        return;
      case 'load-failed':
        this.starting?.reject(new HarnessError(m.code, m.message));
        return;
      case 'log':
        this.log(m.text);
        return;
      case 'result':
        // Checked here, where the handler cannot reach: a reply over Lambda's payload limit is not a reply.
        if (this.pending?.id !== m.id) return;
        if (m.lookups) this.pending.lookups?.(m.lookups);
        this.finish(withinPayloadLimit(m.completion));
        return;
      case 'exiting':
        this.dead = true;
        return;
      case 'coverage':
        this.coverageTakes.push([...m.files]);
        if (m.id && this.coverageWait?.id === m.id) this.coverageWait.done();
        return;
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    this.coverageWait?.done();
    const detail = this.crashDetail(code, signal);
    if (this.starting) {
      const logs = this.carry.take().trim();
      this.starting.reject(
        new HarnessError(
          'E_HANDLER_LOAD',
          `handler module ${this.o.config.modulePath} could not be loaded: ${detail}${logs ? `\n${logs}` : ''}`,
        ),
      );
    }
    this.finish({ kind: 'crashed', detail });
  }

  private crashDetail(code: number | null, signal: NodeJS.Signals | null): string {
    const f: (Error & { code?: unknown }) | undefined = this.failure;
    if (f?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory/i.test(this.rawTail)) {
      return `out of memory: the handler went past the ${this.o.memoryLimitMb} MB heap limit (memoryLimitMb)`;
    }
    if (f) return `the isolate failed: ${f.message}`;
    // Terminating a worker exits it with code 1, killing a child gives SIGKILL: neither is the handler's doing.
    if (this.stopReason) return this.stopReason;
    if (signal) return `the ${this.o.isolation} was killed by signal ${signal}`;
    // The host's own exits after an uncaught error (as the RIC: 129 and 128); the error is in the logs.
    if (code === 129) return 'the runtime exited after an uncaught exception (see the logs)';
    if (code === 128) return 'the runtime exited after an unhandled promise rejection (see the logs)';
    return `the ${this.starting ? 'module' : 'handler'} called process.exit(${code ?? ''})`;
  }

  private finish(
    c: Completion | { kind: 'timed-out'; deadlineMs: number } | { kind: 'crashed'; detail: string },
  ): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    clearInterval(p.watch);
    const base = { ms: performance.now() - p.started, logs: p.logs.take(), coldStart: p.coldStart };
    p.resolve({ ...c, ...base });
  }
}
