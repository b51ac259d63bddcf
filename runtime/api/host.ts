/**
 * The runtime process behind a Runtime API invoker, one at a time: started with `AWS_LAMBDA_RUNTIME_API` set, ready
 * at its first `GET …/invocation/next` (its init, timed apart from every invocation), ended with its process group
 * and marked descendants, started again when an invocation needs it.
 */
import type { LambdaError } from '../invoker.ts';
import { startWarmProcess, type WarmProcess } from '../command/warm.ts';
import type { LogBuffer } from '../node/logBuffer.ts';
import { StringDecoder } from 'node:string_decoder';
import { postedError } from './answer.ts';
import type { RuntimeApiServer } from './server.ts';

/** How a start of the runtime ended. */
export type Started =
  | { readonly kind: 'ready' }
  | { readonly kind: 'init-error'; readonly error: LambdaError }
  | { readonly kind: 'failed'; readonly detail: string };

/** What the host needs. */
export interface RuntimeHostOptions {
  readonly bootstrap: string;
  /** Program and arguments when not run through a shell. */
  readonly argv?: readonly string[];
  readonly shell: boolean;
  readonly cwd: string;
  /** The runtime's environment, `AWS_LAMBDA_RUNTIME_API` included. */
  readonly env: () => Readonly<Record<string, string>>;
  readonly initTimeoutMs: number;
  readonly pipeGraceMs: number;
  /** Where the runtime's stdout and stderr go. */
  readonly logs: LogBuffer;
  readonly server: RuntimeApiServer;
  /** The current process ended on its own (`exited with code 1`, `was killed by signal SIGSEGV`). */
  readonly exited: (how: string) => void;
}

/** A start in progress. */
interface Boot {
  readonly proc: WarmProcess;
  settle(s: Started): void;
}

/** Starts, watches and ends the runtime process. */
export class RuntimeHost {
  /** True until an invocation reports the cold start of the current process. */
  fresh = true;
  private proc: WarmProcess | undefined;
  private started: Promise<Started> | undefined;
  private boot: Boot | undefined;
  private poll: { readonly proc: WarmProcess; resolve(polling: boolean): void } | undefined;
  private closed = false;

  /** @param o - the bootstrap, its environment, and where its output goes */
  constructor(private readonly o: RuntimeHostOptions) {}

  /** True while a process runs. */
  get alive(): boolean {
    return this.proc !== undefined;
  }

  /** The start of the current process, or of a new one when none runs (none once closed). */
  ready(): Promise<Started> {
    if (this.closed) return Promise.resolve({ kind: 'failed', detail: 'was stopped: the invoker was closed' });
    if (!this.proc) this.started = undefined;
    this.started ??= this.start();
    return this.started;
  }

  /**
   * Waits until the runtime asks for an invocation. False when it exits first, or stays busy past `limitMs` (then
   * it is ended): a fresh one must serve the event.
   * @param limitMs - how long it may stay busy after its last answer
   */
  untilPolling(limitMs: number): Promise<boolean> {
    const proc = this.proc;
    if (!proc) return Promise.resolve(false);
    if (this.o.server.polling()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.o.logs.add(
          `[the runtime did not ask for the next invocation within ${String(limitMs)} ms of its last answer; it was started again]\n`,
        );
        done(false);
        this.stop();
      }, limitMs);
      const done = (polling: boolean): void => {
        clearTimeout(timer);
        if (this.poll?.proc === proc) this.poll = undefined;
        resolve(polling);
      };
      this.poll = { proc, resolve: done };
    });
  }

  /** The server's hook: the runtime asked for an invocation. */
  polled(): void {
    this.boot?.settle({ kind: 'ready' });
    this.poll?.resolve(true);
  }

  /**
   * The server's hook: the runtime reported a failed init. The API says it should exit then: it is not waited for.
   * @param body - the posted body
   * @param errorType - the error type header
   */
  initError(body: Buffer, errorType: string | undefined): void {
    const boot = this.boot;
    if (!boot) return;
    boot.settle({ kind: 'init-error', error: postedError(body, errorType) });
    this.stop();
  }

  /** Ends the current process and starts a fresh one at once (its start-up overlaps the judging). */
  restart(): void {
    this.stop();
    void this.ready();
  }

  /** Ends the current process for good: nothing starts again. */
  close(): void {
    this.closed = true;
    this.stop();
  }

  /** Ends the current process (a start in progress fails). */
  stop(): void {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    this.started = undefined;
    proc.end();
    this.o.server.withdraw();
    if (this.boot?.proc === proc) this.boot.settle({ kind: 'failed', detail: 'was stopped' });
    if (this.poll?.proc === proc) this.poll.resolve(false);
  }

  private start(): Promise<Started> {
    this.o.server.expectInit();
    this.fresh = true;
    return new Promise<Started>((resolve) => {
      const out = new StringDecoder('utf8');
      const proc = startWarmProcess({
        command: this.o.bootstrap,
        ...(this.o.argv ? { argv: this.o.argv } : {}),
        shell: this.o.shell,
        cwd: this.o.cwd,
        env: this.o.env(),
        // Lambda logs both streams.
        stdout: (chunk) => {
          this.o.logs.add(out.write(chunk));
        },
        stderr: (text) => {
          this.o.logs.add(text);
        },
        exit: (how) => {
          this.onExit(proc, how);
        },
        pipeGraceMs: this.o.pipeGraceMs,
      });
      const timer = setTimeout(() => {
        boot.settle({
          kind: 'failed',
          detail: `did not ask for an invocation (GET /2018-06-01/runtime/invocation/next) within ${String(this.o.initTimeoutMs)} ms of its start; a program that reads the event on stdin runs with --command`,
        });
        this.stop();
      }, this.o.initTimeoutMs);
      const boot: Boot = {
        proc,
        settle: (s) => {
          if (this.boot !== boot) return;
          this.boot = undefined;
          clearTimeout(timer);
          resolve(s);
        },
      };
      this.boot = boot;
      this.proc = proc;
    });
  }

  private onExit(proc: WarmProcess, how: string): void {
    if (proc !== this.proc) return;
    this.proc = undefined;
    this.started = undefined;
    if (this.boot?.proc === proc) {
      this.boot.settle({
        kind: 'failed',
        detail: `${how} before it asked for an invocation (GET /2018-06-01/runtime/invocation/next)`,
      });
    }
    if (this.poll?.proc === proc) this.poll.resolve(false);
    this.o.exited(how);
  }
}
